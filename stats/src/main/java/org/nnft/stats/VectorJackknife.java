package org.nnft.stats;

import java.util.function.Function;

/**
 * Delete-one-block jackknife of a vector-valued function of the block means: the K estimates
 * f(means) and their errors from one leave-one-out evaluation of f per block (so a function whose
 * evaluation is expensive, e.g. a matrix inversion, runs B + 1 times in all, not K (B + 1) times).
 * Blocks may have unequal sizes (see {@link DeleteOneBlockErrors}).
 */
public final class VectorJackknife {

    private VectorJackknife() {
    }

    /**
     * Estimates with errors.
     *
     * @param value         f at the means over all blocks
     * @param error         jackknife standard errors (NaN where a leave-one-out value is not finite)
     * @param biasCorrected jackknife bias-corrected estimates
     */
    public record Result(double[] value, double[] error, double[] biasCorrected) {
    }

    /**
     * @param counts sample count of each block, B &gt;= 2 entries, all &gt; 0
     * @param sums   sums[b][i], the sum over block b's samples of observable i (same length for every block)
     * @param f      the estimates as a function of the observables' means; it receives a fresh array each
     *               call and must return arrays of one length
     */
    public static Result estimate(long[] counts, double[][] sums, Function<double[], double[]> f) {
        if (counts == null || sums == null || f == null || counts.length != sums.length || counts.length < 2) {
            throw new IllegalArgumentException("counts and sums must cover the same B >= 2 blocks, f must not be null");
        }
        int k = sums[0].length;
        double[] total = new double[k];
        long n = 0;
        for (int b = 0; b < counts.length; b++) {
            if (sums[b].length != k) {
                throw new IllegalArgumentException("sums[" + b + "] must have length " + k);
            }
            n += counts[b];
            for (int i = 0; i < k; i++) {
                total[i] += sums[b][i];
            }
        }
        double[] means = new double[k];
        for (int i = 0; i < k; i++) {
            means[i] = total[i] / n;
        }
        double[] full = f.apply(means.clone());
        DeleteOneBlockErrors jackknife = new DeleteOneBlockErrors(full, counts);
        double[] leaveOneOut = new double[k];
        for (int b = 0; b < counts.length; b++) {
            long rest = n - counts[b];
            for (int i = 0; i < k; i++) {
                leaveOneOut[i] = (total[i] - sums[b][i]) / rest;
            }
            double[] v = f.apply(leaveOneOut.clone());
            if (v.length != full.length) {
                throw new IllegalArgumentException("f returned " + v.length + " values, expected " + full.length);
            }
            jackknife.accept(b, v);
        }
        return new Result(full, jackknife.errors(), jackknife.biasCorrected());
    }
}
