/*
 * Random fills (Backend.fillUniform / fillNormal). Work item j of a launch writes element
 * offset + j, the value of stream index first + offset + j; launches cover [offset, offset + count).
 */

KERNEL void fill_uniform_f32(GLOBAL float* out, i64 offset, i64 count, i64 seed, i64 stream, i64 first)
{
    i64 j = GID;
    if (j >= count) {
        return;
    }
    i64 e = offset + j;
    out[e] = rs_uniform_float_at(seed, stream, first + e);
}

KERNEL void fill_uniform_f64(GLOBAL double* out, i64 offset, i64 count, i64 seed, i64 stream, i64 first)
{
    i64 j = GID;
    if (j >= count) {
        return;
    }
    i64 e = offset + j;
    out[e] = rs_uniform_double_at(seed, stream, first + e);
}

KERNEL void fill_normal_f32(GLOBAL float* out, i64 offset, i64 count, i64 seed, i64 stream, i64 first)
{
    i64 j = GID;
    if (j >= count) {
        return;
    }
    i64 e = offset + j;
    out[e] = (float) rs_normal_at(seed, stream, first + e);
}

KERNEL void fill_normal_f64(GLOBAL double* out, i64 offset, i64 count, i64 seed, i64 stream, i64 first)
{
    i64 j = GID;
    if (j >= count) {
        return;
    }
    i64 e = offset + j;
    out[e] = rs_normal_at(seed, stream, first + e);
}
