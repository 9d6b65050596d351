/* Test kernel (twin: AxpyUniformKernel.java): every argument type, random streams, float and double arithmetic. */
KERNEL void axpy_uniform(i64 n, double a, GLOBAL const double* x, GLOBAL double* y, float b, GLOBAL float* z,
                         int shift, GLOBAL int* w, i64 seed, i64 stream)
{
    i64 i = GID;
    if (i >= n) {
        return;
    }
    y[i] = a * x[i] + rs_uniform_double_at(seed, stream, i);
    z[i] = b * (float) x[i] + rs_uniform_float_at(seed, stream + 1, i);
    w[i] = (int) (rs_word(seed, stream, i) >> 8) + shift;
}
