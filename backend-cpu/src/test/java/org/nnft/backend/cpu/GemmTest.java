package org.nnft.backend.cpu;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * matmul and syrk of both paths against a naive float64 reference, within
 * {@code (k + 2) eps (|alpha| sum_p |a_ip b_pj| + |beta c_ij|)}, eps the unit roundoff of the
 * element type (float64 accumulation: the F32 error is the final rounding to float).
 */
class GemmTest {
    private static final int[][] SHAPES = {{1, 1, 1}, {4, 8, 3}, {5, 9, 7}, {13, 19, 33}, {37, 24, 64}, {8, 17, 0}};

    @Test
    void matmulMatchesReferenceForAllTransposes() {
        SplittableRandom r = new SplittableRandom(3);
        for (boolean scalar : new boolean[]{false, true}) {
            try (WorkPool pool = new WorkPool(2)) {
                Gemm gemm = new Gemm(pool, scalar);
                for (int[] s : SHAPES) {
                    for (int flags = 0; flags < 4; flags++) {
                        for (boolean f32 : new boolean[]{false, true}) {
                            check(gemm, r, (flags & 1) != 0, (flags & 2) != 0, s[0], s[1], s[2], f32,
                                    flags == 3 ? 0.0 : -0.75);
                        }
                    }
                }
            }
        }
    }

    private static void check(Gemm gemm, SplittableRandom r, boolean ta, boolean tb, int m, int n, int k,
                              boolean f32, double beta) {
        double[] a = random(r, m * k, f32), b = random(r, k * n, f32), c = random(r, m * n, f32);
        double alpha = 1.25;
        Object cc = f32 ? toFloat(c) : c.clone();
        gemm.matmul(ta, tb, m, n, k, alpha, f32 ? toFloat(a) : a, f32 ? toFloat(b) : b, beta, cc);
        double eps = f32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0, mag = 0;
                for (int p = 0; p < k; p++) {
                    double x = (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                    acc += x;
                    mag += Math.abs(x);
                }
                double expect = alpha * acc + beta * c[i * n + j];
                double tol = (k + 2) * eps * (Math.abs(alpha) * mag + Math.abs(beta * c[i * n + j])) + Double.MIN_VALUE;
                double got = f32 ? ((float[]) cc)[i * n + j] : ((double[]) cc)[i * n + j];
                assertEquals(expect, got, tol, m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " f32=" + f32
                        + " at " + i + "," + j);
            }
        }
    }

    @Test
    void syrkMatchesReferenceAndIsSymmetric() {
        SplittableRandom r = new SplittableRandom(4);
        for (boolean scalar : new boolean[]{false, true}) {
            try (WorkPool pool = new WorkPool(3)) {
                Gemm gemm = new Gemm(pool, scalar);
                for (int[] s : SHAPES) {
                    int n = s[1], k = s[2];
                    double[] a = random(r, k * n, false);
                    double[] c = new double[n * n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j <= i; j++) {
                            c[i * n + j] = c[j * n + i] = r.nextDouble();
                        }
                    }
                    double[] out = c.clone();
                    gemm.syrk(n, k, 0.5, a, 2.0, out);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double acc = 0, mag = 0;
                            for (int p = 0; p < k; p++) {
                                acc += a[p * n + i] * a[p * n + j];
                                mag += Math.abs(a[p * n + i] * a[p * n + j]);
                            }
                            double tol = (k + 2) * Math.ulp(1.0) * (0.5 * mag + 2 * Math.abs(c[i * n + j]))
                                    + Double.MIN_VALUE;
                            assertEquals(0.5 * acc + 2.0 * c[i * n + j], out[i * n + j], tol);
                            assertEquals(out[j * n + i], out[i * n + j], 0.0, "symmetry");
                        }
                    }
                }
            }
        }
    }

    private static double[] random(SplittableRandom r, int n, boolean f32) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = f32 ? (float) (r.nextDouble() * 2 - 1) : r.nextDouble() * 2 - 1;
        }
        return x;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
