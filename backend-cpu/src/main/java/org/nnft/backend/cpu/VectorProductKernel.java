package org.nnft.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ProductKernel} with register tiles of 4 rows x 2 vectors of columns (4 x 8 with AVX2),
 * accumulated with fused multiply-adds over the whole of p; the rows past the last full tile and
 * the columns past the last full strip use {@link ScalarProductKernel#dot}.
 */
final class VectorProductKernel implements ProductKernel {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int V = D.length();
    private static final int STRIP = 2 * V;

    @Override
    public void compute(double[] a, double[] b, double[] g, int m, int n, int k, int rowFrom,
            int rowTo, boolean upper) {
        int fullColumns = n - n % STRIP;
        int i = rowFrom;
        for (; i + ROW_TILE <= rowTo; i += ROW_TILE) {
            int firstStrip = upper ? i - i % STRIP : 0;
            for (int j = firstStrip; j < fullColumns; j += STRIP) {
                tile(a, b, g, n, k, i, j);
            }
            for (int r = i; r < i + ROW_TILE; r++) {
                for (int j = Math.max(fullColumns, upper ? r : 0); j < n; j++) {
                    g[r * n + j] = ScalarProductKernel.dot(a, b, n, k, r, j);
                }
            }
        }
        for (; i < rowTo; i++) {
            for (int j = upper ? i : 0; j < n; j++) {
                g[i * n + j] = ScalarProductKernel.dot(a, b, n, k, i, j);
            }
        }
    }

    /** Rows i..i+3, columns j..j+2V-1. */
    private static void tile(double[] a, double[] b, double[] g, int n, int k, int i, int j) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D);
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(D, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(D, b, bp + V);
            DoubleVector x = DoubleVector.broadcast(D, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(D, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(D, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(D, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int g0 = i * n + j;
        c00.intoArray(g, g0);
        c01.intoArray(g, g0 + V);
        c10.intoArray(g, g0 + n);
        c11.intoArray(g, g0 + n + V);
        c20.intoArray(g, g0 + 2 * n);
        c21.intoArray(g, g0 + 2 * n + V);
        c30.intoArray(g, g0 + 3 * n);
        c31.intoArray(g, g0 + 3 * n + V);
    }
}
