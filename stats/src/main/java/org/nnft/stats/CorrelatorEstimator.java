package org.nnft.stats;

/**
 * Moments and connected correlators with errors from {@link BlockMoments}, by the delete-one-block
 * jackknife over blocks (block sizes may differ; see {@link DeleteOneBlockErrors}). The moments are
 * total sums / total count; the connected correlators are the cumulants of those moments. Each
 * leave-one-out evaluation costs one pass over the tuples, so the cost is O(B * sum of per-tuple
 * recursion terms) and the memory O(number of tuples): blocks are streamed, not stored twice.
 */
public final class CorrelatorEstimator {

    private CorrelatorEstimator() {
    }

    /** Estimates with cumulant tables built for this call. */
    public static CorrelatorEstimates estimate(BlockMoments blockMoments) {
        if (blockMoments == null) {
            throw new IllegalArgumentException("blockMoments must not be null");
        }
        return estimate(blockMoments, Cumulants.forTuples(blockMoments.tuples()));
    }

    /**
     * Estimates reusing precomputed cumulant tables (for repeated estimates on the same tuple set).
     *
     * @param cumulants tables for blockMoments.tuples()
     */
    public static CorrelatorEstimates estimate(BlockMoments blockMoments, Cumulants cumulants) {
        if (blockMoments == null || cumulants == null) {
            throw new IllegalArgumentException("blockMoments and cumulants must not be null");
        }
        Tuples tuples = blockMoments.tuples();
        if (!cumulants.tuples().equals(tuples)) {
            throw new IllegalArgumentException("cumulants were built for a different tuple set");
        }
        if (blockMoments.blockCount() < 2) {
            throw new IllegalArgumentException("blockMoments: the jackknife needs at least 2 blocks, got "
                    + blockMoments.blockCount());
        }
        long[] counts = blockMoments.counts();
        double[] weights = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            weights[b] = counts[b];
        }
        return weighted(tuples, cumulants, counts, weights, blockMoments.orderedSums());
    }

    /**
     * Ratio (importance-weighted) estimates from blocks of weighted samples: block b holds n_b
     * samples, their total weight W_b and, for every tuple, the sum of weight x product. The moments
     * are {@code sum_b sums_b / sum_b W_b}, the connected correlators their cumulants, errors by the
     * delete-one-block jackknife with block sizes n_b. With W_b = n_b (unit weights) this is, bit for
     * bit, {@link #estimate(BlockMoments, Cumulants)}.
     *
     * @param counts  n_b > 0 of each of the B >= 2 blocks
     * @param weights W_b >= 0, finite, with a positive sum (any common scale; a block whose weight
     *                underflowed to 0 is allowed, but if one block holds all the weight its
     *                leave-one-out estimate, hence every error, is NaN)
     * @param sums    sums[b][tuple index], finite
     */
    public static CorrelatorEstimates estimateWeighted(Cumulants cumulants, long[] counts, double[] weights,
                                                       double[][] sums) {
        if (cumulants == null || counts == null || weights == null || sums == null) {
            throw new IllegalArgumentException("cumulants, counts, weights and sums must not be null");
        }
        if (counts.length < 2 || weights.length != counts.length || sums.length != counts.length) {
            throw new IllegalArgumentException("counts, weights and sums must have the same number (>= 2) of blocks");
        }
        Tuples tuples = cumulants.tuples();
        double totalWeight = 0;
        for (int b = 0; b < counts.length; b++) {
            if (!(weights[b] >= 0) || !Double.isFinite(weights[b])) {
                throw new IllegalArgumentException("weights[" + b
                        + "] must be non-negative and finite, got " + weights[b]);
            }
            totalWeight += weights[b];
            if (sums[b] == null || sums[b].length != tuples.size()) {
                throw new IllegalArgumentException("sums[" + b + "] must have length " + tuples.size());
            }
        }
        if (!(totalWeight > 0)) {
            throw new IllegalArgumentException("weights must have a positive sum");
        }
        return weighted(tuples, cumulants, counts, weights, sums);
    }

    private static CorrelatorEstimates weighted(Tuples tuples, Cumulants cumulants, long[] counts, double[] weights,
                                                double[][] sums) {
        int size = tuples.size();
        long total = 0;
        double totalWeight = 0;
        double[] totalSums = new double[size];
        for (int b = 0; b < counts.length; b++) {
            total += counts[b];
            totalWeight += weights[b];
            for (int i = 0; i < size; i++) {
                totalSums[i] += sums[b][i];
            }
        }
        double[] moments = new double[size];
        for (int i = 0; i < size; i++) {
            moments[i] = totalSums[i] / totalWeight;
        }
        double[] connected = cumulants.fromMoments(moments);
        DeleteOneBlockErrors momentJackknife = new DeleteOneBlockErrors(moments, counts);
        DeleteOneBlockErrors connectedJackknife = new DeleteOneBlockErrors(connected, counts);
        double[] leaveOneOutMoments = new double[size];
        double[] leaveOneOutConnected = new double[size];
        for (int b = 0; b < counts.length; b++) {
            double rest = totalWeight - weights[b];
            for (int i = 0; i < size; i++) {
                leaveOneOutMoments[i] = (totalSums[i] - sums[b][i]) / rest;
            }
            cumulants.fromMoments(leaveOneOutMoments, leaveOneOutConnected);
            momentJackknife.accept(b, leaveOneOutMoments);
            connectedJackknife.accept(b, leaveOneOutConnected);
        }
        return new CorrelatorEstimates(tuples, total, counts.length, moments, momentJackknife.errors(),
                connected, connectedJackknife.errors(), connectedJackknife.biasCorrected());
    }
}
