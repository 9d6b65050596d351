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
        int size = tuples.size();
        long[] counts = blockMoments.counts();
        double[][] sums = blockMoments.orderedSums();
        long total = 0;
        double[] totalSums = new double[size];
        for (int b = 0; b < counts.length; b++) {
            total += counts[b];
            for (int i = 0; i < size; i++) {
                totalSums[i] += sums[b][i];
            }
        }
        double[] moments = new double[size];
        for (int i = 0; i < size; i++) {
            moments[i] = totalSums[i] / total;
        }
        double[] connected = cumulants.fromMoments(moments);
        DeleteOneBlockErrors momentJackknife = new DeleteOneBlockErrors(moments, counts);
        DeleteOneBlockErrors connectedJackknife = new DeleteOneBlockErrors(connected, counts);
        double[] leaveOneOutMoments = new double[size];
        double[] leaveOneOutConnected = new double[size];
        for (int b = 0; b < counts.length; b++) {
            double rest = total - counts[b];
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
