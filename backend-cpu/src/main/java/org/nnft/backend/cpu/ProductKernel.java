package org.nnft.backend.cpu;

/**
 * The inner loop of {@link Gemm}: {@code g[i n + j] = sum_p a[i k + p] b[p n + j]} for rows
 * {@code [rowFrom, rowTo)}, with a (m x k) and b (k x n) row-major doubles. When {@code upper},
 * only {@code j >= i} is needed (other entries may be left as they are). Callers cut rows at
 * multiples of {@link #ROW_TILE} so that every entry is computed the same way for any thread count.
 */
interface ProductKernel {
    /** Rows per register tile; task boundaries fall on multiples of it. */
    int ROW_TILE = 4;

    void compute(double[] a, double[] b, double[] g, int m, int n, int k, int rowFrom, int rowTo, boolean upper);
}
