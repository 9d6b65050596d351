package org.nnft.stats;

/**
 * Streaming delete-one-block (delete-m_j) jackknife for K estimates at once, with blocks of unequal
 * sizes n_b (Busing, Meijer, van der Leeden 1999). With h_b = N/n_b, pseudo-values
 * p_b = h_b theta - (h_b - 1) theta_(b), and the jackknife estimate
 * theta~ = B theta - sum_b (1 - n_b/N) theta_(b):
 *
 * <pre>  var = (1/B) sum_b (p_b - theta~)^2 / (h_b - 1)</pre>
 *
 * which for equal blocks is the familiar (B-1)/B sum_b (theta_(b) - mean theta_(.))^2. For the mean
 * of the data the pseudo-values are exactly the block means. Leave-one-out values are accumulated as
 * deviations d_b = theta_(b) - theta from the full-sample value, so no large terms cancel.
 */
final class DeleteOneBlockErrors {

    private final double[] full;
    private final long[] counts;
    private final double total;
    private final double[] sumWeightedSquares;   // sum_b (h_b - 1) d_b^2
    private final double[] sumDeviations;         // sum_b d_b
    private final double[] sumBiasTerms;          // sum_b (1 - n_b/N) d_b
    private double sumInverseHMinusOne;          // sum_b 1/(h_b - 1)
    private final boolean[] seen;
    private int seenCount;

    /**
     * @param full   the K estimates from all data
     * @param counts sample count n_b of each of the B >= 2 blocks, all > 0
     */
    DeleteOneBlockErrors(double[] full, long[] counts) {
        if (counts.length < 2) {
            throw new IllegalArgumentException("counts: the jackknife needs at least 2 blocks, got " + counts.length);
        }
        long n = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] <= 0) {
                throw new IllegalArgumentException("counts[" + b + "] must be > 0, got " + counts[b]);
            }
            n += counts[b];
        }
        this.full = full.clone();
        this.counts = counts.clone();
        this.total = n;
        int k = full.length;
        sumWeightedSquares = new double[k];
        sumDeviations = new double[k];
        sumBiasTerms = new double[k];
        seen = new boolean[counts.length];
    }

    /** Adds the K leave-one-out estimates theta_(b) of block b (each block exactly once). */
    void accept(int block, double[] leaveOneOut) {
        if (seen[block]) {
            throw new IllegalStateException("block " + block + " was already accepted");
        }
        seen[block] = true;
        seenCount++;
        double h = total / counts[block];
        double fraction = counts[block] / total;
        sumInverseHMinusOne += 1 / (h - 1);
        for (int i = 0; i < full.length; i++) {
            double d = leaveOneOut[i] - full[i];
            sumWeightedSquares[i] += (h - 1) * d * d;
            sumDeviations[i] += d;
            sumBiasTerms[i] += (1 - fraction) * d;
        }
    }

    /** Jackknife standard errors of the K estimates. */
    double[] errors() {
        requireComplete();
        int blocks = counts.length;
        double[] errors = new double[full.length];
        for (int i = 0; i < full.length; i++) {
            double bias = sumBiasTerms[i];
            double var = (sumWeightedSquares[i] - 2 * bias * sumDeviations[i]
                    + bias * bias * sumInverseHMinusOne) / blocks;
            errors[i] = Math.sqrt(Math.max(var, 0));
        }
        return errors;
    }

    /** Bias-corrected estimates theta~ = theta - sum_b (1 - n_b/N) d_b. */
    double[] biasCorrected() {
        requireComplete();
        double[] corrected = new double[full.length];
        for (int i = 0; i < full.length; i++) {
            corrected[i] = full[i] - sumBiasTerms[i];
        }
        return corrected;
    }

    private void requireComplete() {
        if (seenCount != counts.length) {
            throw new IllegalStateException("only " + seenCount + " of " + counts.length + " blocks accepted");
        }
    }
}
