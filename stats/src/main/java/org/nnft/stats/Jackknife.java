package org.nnft.stats;

import java.util.function.ToDoubleFunction;

/**
 * Delete-one-block jackknife for arbitrary functions f of the means of K observables. The data
 * are B blocks, block b holding n_b samples and the per-observable sums over them; blocks may have
 * unequal sizes (delete-m_j jackknife, see {@link DeleteOneBlockErrors}). For Markov chain data the
 * blocks must be much longer than tau_int; for independent samples any blocking is valid.
 * Immutable.
 */
public final class Jackknife {

    private final long[] counts;
    private final double[][] sums;   // [block][observable]
    private final double[] totalSums;
    private final long totalCount;

    private Jackknife(long[] counts, double[][] sums) {
        this.counts = counts;
        this.sums = sums;
        int k = sums[0].length;
        totalSums = new double[k];
        long n = 0;
        for (int b = 0; b < counts.length; b++) {
            n += counts[b];
            for (int i = 0; i < k; i++) {
                totalSums[i] += sums[b][i];
            }
        }
        totalCount = n;
    }

    /**
     * @param counts sample count of each block, B >= 2 entries, all > 0
     * @param sums   sums[b][i] = sum over the samples of block b of observable i; same length K >= 1 for every block
     */
    public static Jackknife ofBlockSums(long[] counts, double[][] sums) {
        if (counts == null || sums == null) {
            throw new IllegalArgumentException("counts and sums must not be null");
        }
        if (counts.length != sums.length) {
            throw new IllegalArgumentException("counts has " + counts.length + " blocks but sums has " + sums.length);
        }
        if (counts.length < 2) {
            throw new IllegalArgumentException("counts: at least 2 blocks are required, got " + counts.length);
        }
        int k = sums[0] == null ? 0 : sums[0].length;
        if (k == 0) {
            throw new IllegalArgumentException("sums: at least one observable is required");
        }
        double[][] copy = new double[sums.length][];
        for (int b = 0; b < sums.length; b++) {
            if (counts[b] <= 0) {
                throw new IllegalArgumentException("counts[" + b + "] must be > 0, got " + counts[b]);
            }
            if (sums[b] == null || sums[b].length != k) {
                throw new IllegalArgumentException("sums[" + b + "] must have length " + k);
            }
            copy[b] = sums[b].clone();
        }
        return new Jackknife(counts.clone(), copy);
    }

    /**
     * Splits K series of equal length N into B contiguous blocks, block b covering samples
     * [b N / B, (b+1) N / B) (sizes differ by at most one; nothing is discarded).
     *
     * @param blockCount B, 2 <= B <= N
     * @param series     K >= 1 series of equal length N
     */
    public static Jackknife ofSeries(int blockCount, double[]... series) {
        if (series == null || series.length == 0 || series[0] == null) {
            throw new IllegalArgumentException("series: at least one series is required");
        }
        int n = series[0].length;
        for (int i = 0; i < series.length; i++) {
            if (series[i] == null || series[i].length != n) {
                throw new IllegalArgumentException("series[" + i + "] must have length " + n + " like series[0]");
            }
        }
        if (blockCount < 2 || blockCount > n) {
            throw new IllegalArgumentException("blockCount must be in [2, " + n + "], got " + blockCount);
        }
        long[] counts = new long[blockCount];
        double[][] sums = new double[blockCount][series.length];
        for (int b = 0; b < blockCount; b++) {
            int start = (int) ((long) b * n / blockCount);
            int end = (int) ((long) (b + 1) * n / blockCount);
            counts[b] = end - start;
            for (int i = 0; i < series.length; i++) {
                double s = 0;
                for (int t = start; t < end; t++) {
                    s += series[i][t];
                }
                sums[b][i] = s;
            }
        }
        return new Jackknife(counts, sums);
    }

    public int blockCount() {
        return counts.length;
    }

    public int observableCount() {
        return totalSums.length;
    }

    /** Means of the K observables over all data. */
    public double[] means() {
        double[] means = new double[totalSums.length];
        for (int i = 0; i < means.length; i++) {
            means[i] = totalSums[i] / totalCount;
        }
        return means;
    }

    /** Jackknife estimate of f(means); f receives an array of the K means (a fresh copy each call). */
    public JackknifeResult estimate(ToDoubleFunction<double[]> f) {
        if (f == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        double full = f.applyAsDouble(means());
        DeleteOneBlockErrors jackknife = new DeleteOneBlockErrors(new double[] {full}, counts);
        double[] leaveOneOutMeans = new double[totalSums.length];
        for (int b = 0; b < counts.length; b++) {
            long rest = totalCount - counts[b];
            for (int i = 0; i < leaveOneOutMeans.length; i++) {
                leaveOneOutMeans[i] = (totalSums[i] - sums[b][i]) / rest;
            }
            jackknife.accept(b, new double[] {f.applyAsDouble(leaveOneOutMeans.clone())});
        }
        return new JackknifeResult(new ValueWithError(full, jackknife.errors()[0]), jackknife.biasCorrected()[0]);
    }
}
