package org.nnft.regression;

import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;

/** Row-major kernel matrices k(a_i, b_j), filled in parallel over rows (the O(n^2) part of a regression). */
final class KernelRows {

    private KernelRows() {
    }

    /** Entries k(a_i, b_j) at index i * b.length + j; symmetric fills use k(a_i, a_j) = k(a_j, a_i). */
    static double[] matrix(ToDoubleBiFunction<double[], double[]> k, double[][] a, double[][] b, boolean symmetric) {
        int m = b.length;
        double[] out = new double[Math.multiplyExact(a.length, m)];
        IntStream.range(0, a.length).parallel().forEach(i -> {
            for (int j = symmetric ? i : 0; j < m; j++) {
                out[i * m + j] = k.applyAsDouble(a[i], b[j]);
            }
        });
        if (symmetric) {
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < i; j++) {
                    out[i * m + j] = out[j * m + i];
                }
            }
        }
        return out;
    }

    /** Throws unless the training set is non-empty with one target per point. */
    static void requireTrainingSet(double[][] points, double[] targets) {
        if (points == null || targets == null || points.length == 0) {
            throw new IllegalArgumentException("training points and targets must be given");
        }
        if (points.length != targets.length) {
            throw new IllegalArgumentException("need one target per training point, got " + targets.length
                    + " targets for " + points.length + " points");
        }
    }
}
