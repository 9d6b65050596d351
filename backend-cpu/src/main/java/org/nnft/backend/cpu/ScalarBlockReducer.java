package org.nnft.backend.cpu;

import org.nnft.engine.Summary;

/** Reference {@link BlockReducer}: one element at a time into its strided partial. */
final class ScalarBlockReducer implements BlockReducer {
    @Override
    public Summary reduce(double[] x, int from, int to) {
        double[] sum = new double[PARTIALS];
        double[] squares = new double[PARTIALS];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double v = x[i];
            int p = (i - from) % PARTIALS;
            sum[p] += v;
            squares[p] += v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new Summary(to - from, BlockReducer.combine(sum), BlockReducer.combine(squares), min, max);
    }

    @Override
    public double sum(double[] x, int from, int to) {
        double[] sum = new double[PARTIALS];
        for (int i = from; i < to; i++) {
            sum[(i - from) % PARTIALS] += x[i];
        }
        return BlockReducer.combine(sum);
    }
}
