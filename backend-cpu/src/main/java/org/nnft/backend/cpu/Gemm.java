package org.nnft.backend.cpu;

/**
 * {@link org.nnft.engine.Backend#matmul} and {@link org.nnft.engine.Backend#syrk} on host arrays
 * (float[] or double[]). Both operands are first packed as row-major float64 {@code op(A)} (m x k)
 * and {@code op(B)} (k x n); a {@link ProductKernel} then computes the products in float64, in
 * parallel over tiles of rows, and a final pass writes {@code C = alpha * product + beta * C}
 * (rounded to float for F32, C not read when beta is 0). So F32 products accumulate in double:
 * slower than float FMA lanes, but more accurate and with one kernel for both types.
 *
 * <p>{@code syrk} computes the upper triangle only and mirrors it, so C is exactly symmetric
 * whenever the input C is. Every entry is computed by one task in a fixed way: results do not
 * depend on the thread count.
 */
final class Gemm {
    /** Multiply-adds below which one task is not split further. */
    private static final long GRAIN = 1L << 18;

    private final WorkPool pool;
    private final ProductKernel kernel;

    Gemm(WorkPool pool, boolean scalar) {
        this.pool = pool;
        this.kernel = scalar ? new ScalarProductKernel() : new VectorProductKernel();
    }

    /** {@code C = alpha op(A) op(B) + beta C}; shapes as in {@link org.nnft.engine.Backend#matmul}. */
    void matmul(boolean transA, boolean transB, int m, int n, int k, double alpha,
                Object a, Object b, double beta, Object c) {
        double[] left = pack(a, m, k, transA);
        double[] right = pack(b, k, n, transB);
        double[] product = product(left, right, m, n, k, false);
        finish(product, m, n, alpha, beta, c, false);
    }

    /** {@code C = alpha A^T A + beta C} with A k x n; both triangles of C written. */
    void syrk(int n, int k, double alpha, Object a, double beta, Object c) {
        double[] left = pack(a, n, k, true);
        double[] right = pack(a, k, n, false);
        double[] product = product(left, right, n, n, k, true);
        finish(product, n, n, alpha, beta, c, true);
    }

    private double[] product(double[] a, double[] b, int m, int n, int k, boolean upper) {
        double[] g = new double[m * n];
        int tiles = (m + ProductKernel.ROW_TILE - 1) / ProductKernel.ROW_TILE;
        int tasks = pool.tasksFor((long) m * n * Math.max(k, 1), GRAIN);
        pool.runRanges(tiles, Math.min(tasks, Math.max(tiles, 1)), (first, last) -> kernel.compute(a, b, g, m, n, k,
                (int) first * ProductKernel.ROW_TILE, (int) Math.min(m, last * ProductKernel.ROW_TILE), upper));
        return g;
    }

    /** {@code C = alpha g + beta C}; with {@code mirror}, the lower triangle of g is read from the upper. */
    private void finish(double[] g, int m, int n, double alpha, double beta, Object c, boolean mirror) {
        pool.runRanges(m, pool.tasksFor((long) m * n, GRAIN), (from, to) -> {
            for (int i = (int) from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    int at = i * n + j;
                    double v = alpha * g[mirror && j < i ? j * n + i : at];
                    switch (c) {
                        case float[] f -> f[at] = (float) (beta == 0 ? v : v + beta * f[at]);
                        case double[] d -> d[at] = beta == 0 ? v : v + beta * d[at];
                        default -> throw new IllegalArgumentException("not a float array: " + c.getClass());
                    }
                }
            }
        });
    }

    /**
     * {@code op(X)} as a row-major {@code rows x cols} double array, X stored {@code rows x cols}
     * or, when {@code transposed}, {@code cols x rows}. A double X that needs no change is returned as is.
     */
    static double[] pack(Object x, int rows, int cols, boolean transposed) {
        if (x instanceof double[] d && !transposed) {
            return d;
        }
        double[] out = new double[rows * cols];
        float[] f = x instanceof float[] floats ? floats : null;
        double[] d = f == null ? (double[]) x : null;
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                int from = transposed ? col * rows + r : r * cols + col;
                out[r * cols + col] = f != null ? f[from] : d[from];
            }
        }
        return out;
    }
}
