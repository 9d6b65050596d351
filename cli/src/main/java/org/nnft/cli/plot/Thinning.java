package org.nnft.cli.plot;

/**
 * Thins a long series for plotting: at most {@link #MAX_POINTS} points, each the mean of a block of
 * consecutive values placed at the block's first index (round axis ticks). Rendering hundreds of
 * thousands of points takes XChart minutes and shows no more than a few thousand pixels can; the
 * result JSON keeps every value.
 */
final class Thinning {
    /** Most points a plotted series keeps. */
    static final int MAX_POINTS = 4000;

    /** x (index) and y of the thinned series; {@code block} values per point (1: not thinned). */
    record Series(double[] x, double[] y, int block) {
    }

    private Thinning() {
    }

    /** {@code y} against its index, as block means when longer than {@link #MAX_POINTS}. */
    static Series of(double[] y) {
        int block = Math.max(1, (y.length + MAX_POINTS - 1) / MAX_POINTS);
        int n = (y.length + block - 1) / block;
        double[] xs = new double[n], ys = new double[n];
        for (int p = 0; p < n; p++) {
            int from = p * block, to = Math.min(y.length, from + block);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += y[i];
            }
            xs[p] = from;
            ys[p] = sum / (to - from);
        }
        return new Series(xs, ys, block);
    }
}
