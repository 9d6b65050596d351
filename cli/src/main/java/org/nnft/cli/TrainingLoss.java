package org.nnft.cli;

import org.nnft.stats.BlockMoments;
import org.nnft.stats.Tuples;

/**
 * The ensemble's expected training loss E[(1/2) sum_a (f(x_a) - y_a)^2] (a sum over the training points, as in
 * the training) from the moments f(x_a) and f(x_a)^2 of one recorded step, with its delete-one-bin jackknife
 * error over the bins of the {@link BlockMoments} (the estimate is linear in the moments, so the jackknife is
 * exact up to the bins' correlations).
 *
 * @param value the loss
 * @param error its jackknife standard error (0 with a single bin)
 */
record TrainingLoss(double value, double error) {

    /**
     * @param moments   one recorded step's accumulator
     * @param firstSite index of the first training point among the accumulator's points (they follow in order)
     * @param targets   the targets y_a
     */
    static TrainingLoss of(BlockMoments moments, int firstSite, double[] targets) {
        Tuples tuples = moments.tuples();
        int n = targets.length;
        int[] first = new int[n];
        int[] second = new int[n];
        for (int a = 0; a < n; a++) {
            first[a] = tuples.indexOf(firstSite + a);
            second[a] = tuples.indexOf(firstSite + a, firstSite + a);
            if (first[a] < 0 || second[a] < 0) {
                throw new IllegalArgumentException("the moments lack f and f^2 at training point " + a);
            }
        }
        long[] ids = moments.blockIds();
        long[] counts = moments.counts();
        double[] s1 = new double[n];
        double[] s2 = new double[n];
        long total = 0;
        for (int b = 0; b < ids.length; b++) {
            double[] sums = moments.sums(ids[b]);
            for (int a = 0; a < n; a++) {
                s1[a] += sums[first[a]];
                s2[a] += sums[second[a]];
            }
            total += counts[b];
        }
        double value = loss(s1, s2, total, targets, null, null, 0);
        if (ids.length < 2) {
            return new TrainingLoss(value, 0);
        }
        double[] deleted = new double[ids.length];
        double mean = 0;
        for (int b = 0; b < ids.length; b++) {
            double[] sums = moments.sums(ids[b]);
            double[] d1 = new double[n];
            double[] d2 = new double[n];
            for (int a = 0; a < n; a++) {
                d1[a] = sums[first[a]];
                d2[a] = sums[second[a]];
            }
            deleted[b] = loss(s1, s2, total, targets, d1, d2, counts[b]);
            mean += deleted[b] / ids.length;
        }
        double sq = 0;
        for (double d : deleted) {
            sq += (d - mean) * (d - mean);
        }
        return new TrainingLoss(value, Math.sqrt((ids.length - 1.0) / ids.length * sq));
    }

    private static double loss(double[] s1, double[] s2, long total, double[] y, double[] d1, double[] d2,
                               long dropped) {
        double count = total - dropped;
        double sum = 0;
        for (int a = 0; a < y.length; a++) {
            double m1 = (s1[a] - (d1 == null ? 0 : d1[a])) / count;
            double m2 = (s2[a] - (d2 == null ? 0 : d2[a])) / count;
            sum += m2 - 2 * y[a] * m1 + y[a] * y[a];
        }
        return 0.5 * sum;
    }
}
