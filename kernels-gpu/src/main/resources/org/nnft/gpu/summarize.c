/*
 * Block partials of Backend.summarize. The host defines REAL (float, double or int),
 * SUMMARIZE_NAME, SUMMARIZE_BLOCK (Summary.BLOCK) and SUMMARIZE_GROUP (the work-group size, a
 * power of two). Work-group g of a launch (SUMMARIZE_GROUP work items) reduces block
 * block0 + g, i.e. elements [offset + (block0 + g) * SUMMARIZE_BLOCK, ...) clipped to
 * offset + count, in float64, and writes sum, sum of squares, min, max to partials[4g .. 4g+3].
 * The reduction order inside a block is fixed (strided items, then a tree), so the result does
 * not depend on the device; the host merges the partials in block order.
 */

/* Math.min / Math.max of Java: NaN wins, -0.0 < +0.0. */
DEVICE double java_min(double a, double b)
{
    if (a != a) {
        return a;
    }
    if (b != b) {
        return b;
    }
    if (a == b) {
        return AS_LONG(a) < 0 ? a : b;
    }
    return a < b ? a : b;
}

DEVICE double java_max(double a, double b)
{
    if (a != a) {
        return a;
    }
    if (b != b) {
        return b;
    }
    if (a == b) {
        return AS_LONG(a) < 0 ? b : a;
    }
    return a > b ? a : b;
}

KERNEL void SUMMARIZE_NAME(GLOBAL const REAL* x, i64 offset, i64 count, i64 block0, GLOBAL double* partials)
{
    LOCAL double ls[SUMMARIZE_GROUP];
    LOCAL double lq[SUMMARIZE_GROUP];
    LOCAL double llo[SUMMARIZE_GROUP];
    LOCAL double lhi[SUMMARIZE_GROUP];
    int lid = LID;
    int g = GROUP_ID;
    i64 start = (block0 + g) * SUMMARIZE_BLOCK;
    i64 end = start + SUMMARIZE_BLOCK;
    if (end > count) {
        end = count;
    }
    double s = 0.0;
    double q = 0.0;
    double lo = AS_DOUBLE(I64C(0x7FF0000000000000));
    double hi = -lo;
    for (i64 i = start + lid; i < end; i += SUMMARIZE_GROUP) {
        double v = (double) x[offset + i];
        s = s + v;
        q = q + v * v;
        lo = java_min(lo, v);
        hi = java_max(hi, v);
    }
    ls[lid] = s;
    lq[lid] = q;
    llo[lid] = lo;
    lhi[lid] = hi;
    BARRIER();
    for (int w = SUMMARIZE_GROUP / 2; w > 0; w >>= 1) {
        if (lid < w) {
            ls[lid] = ls[lid] + ls[lid + w];
            lq[lid] = lq[lid] + lq[lid + w];
            llo[lid] = java_min(llo[lid], llo[lid + w]);
            lhi[lid] = java_max(lhi[lid], lhi[lid + w]);
        }
        BARRIER();
    }
    if (lid == 0) {
        partials[4 * g] = ls[0];
        partials[4 * g + 1] = lq[0];
        partials[4 * g + 2] = llo[0];
        partials[4 * g + 3] = lhi[0];
    }
}
