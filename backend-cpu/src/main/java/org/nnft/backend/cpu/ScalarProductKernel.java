package org.nnft.backend.cpu;

import java.util.Arrays;

/** Reference {@link ProductKernel}: each entry summed in float64 over p in increasing order. */
final class ScalarProductKernel implements ProductKernel {
    @Override
    public void compute(double[] a, double[] b, double[] g, int m, int n, int k, int rowFrom,
            int rowTo, boolean upper) {
        for (int i = rowFrom; i < rowTo; i++) {
            int row = i * n;
            int first = upper ? i : 0;
            Arrays.fill(g, row + first, row + n, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                int bRow = p * n;
                for (int j = first; j < n; j++) {
                    g[row + j] += aip * b[bRow + j];
                }
            }
        }
    }

    /** One entry, as {@link #compute} sums it. */
    static double dot(double[] a, double[] b, int n, int k, int i, int j) {
        double acc = 0.0;
        for (int p = 0; p < k; p++) {
            acc += a[i * k + p] * b[p * n + j];
        }
        return acc;
    }
}
