package org.nnft.stats;

/**
 * Estimated moments G(tuple) and connected correlators G_c(tuple) with delete-one-block jackknife
 * errors, for every tuple of {@link #tuples()}. Immutable.
 */
public final class CorrelatorEstimates {

    private final Tuples tuples;
    private final long sampleCount;
    private final int blockCount;
    private final double[] moments;
    private final double[] momentErrors;
    private final double[] connected;
    private final double[] connectedErrors;
    private final double[] connectedBiasCorrected;

    CorrelatorEstimates(Tuples tuples, long sampleCount, int blockCount, double[] moments, double[] momentErrors,
                        double[] connected, double[] connectedErrors, double[] connectedBiasCorrected) {
        this.tuples = tuples;
        this.sampleCount = sampleCount;
        this.blockCount = blockCount;
        this.moments = moments;
        this.momentErrors = momentErrors;
        this.connected = connected;
        this.connectedErrors = connectedErrors;
        this.connectedBiasCorrected = connectedBiasCorrected;
    }

    public Tuples tuples() {
        return tuples;
    }

    public long sampleCount() {
        return sampleCount;
    }

    public int blockCount() {
        return blockCount;
    }

    /** Sample moment (mean over all samples of the product) of tuple index i. */
    public double moment(int i) {
        return moments[i];
    }

    public double momentError(int i) {
        return momentErrors[i];
    }

    /** Connected correlator (joint cumulant) of tuple index i from the sample moments. */
    public double connected(int i) {
        return connected[i];
    }

    public double connectedError(int i) {
        return connectedErrors[i];
    }

    /** Jackknife bias-corrected connected correlator (removes its O(1/N) bias). */
    public double connectedBiasCorrected(int i) {
        return connectedBiasCorrected[i];
    }

    /** Moment of the multiset of points (any order); IllegalArgumentException if not a member. */
    public double momentOf(int... points) {
        return moments[tuples.requireIndexOf(points)];
    }

    /** Connected correlator of the multiset of points (any order); IllegalArgumentException if not a member. */
    public double connectedOf(int... points) {
        return connected[tuples.requireIndexOf(points)];
    }

    /** All moments in tuple index order (a copy). */
    public double[] moments() {
        return moments.clone();
    }

    public double[] momentErrors() {
        return momentErrors.clone();
    }

    public double[] connected() {
        return connected.clone();
    }

    public double[] connectedErrors() {
        return connectedErrors.clone();
    }
}
