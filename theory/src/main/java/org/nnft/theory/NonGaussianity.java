package org.nnft.theory;

/**
 * Non-Gaussianity measure of arXiv:2008.08601 (docs/physics.md A.1): per point tuple
 * m_n = |G_n(measured) - G_n^GP| / G_n^GP, with G_n^GP the Wick sum of the kernel over all pairings
 * (3 for n = 4, 15 for n = 6), averaged over tuples. Its log-log slope against N is -1 for n = 4 and 6
 * (see {@link PowerLawFit}).
 */
public final class NonGaussianity {

    private NonGaussianity() {
    }

    /** The Gaussian-process (Wick) prediction G_n^GP for one tuple of n points (n even). */
    public static double gaussianPrediction(int n, Pairings.PairFunction kernel) {
        return Pairings.wickSum(n, kernel);
    }

    /** m_n for one tuple. */
    public static double relativeDeviation(double measured, double gaussianPrediction) {
        if (!Double.isFinite(measured) || !Double.isFinite(gaussianPrediction) || gaussianPrediction == 0) {
            throw new IllegalArgumentException("measured and gaussianPrediction must be finite "
                    + "with gaussianPrediction != 0");
        }
        return Math.abs(measured - gaussianPrediction) / Math.abs(gaussianPrediction);
    }

    /** Mean of m_n over tuples; measured[t] and gaussianPredictions[t] belong to tuple t. */
    public static double averageRelativeDeviation(double[] measured, double[] gaussianPredictions) {
        if (measured == null || gaussianPredictions == null || measured.length != gaussianPredictions.length
                || measured.length == 0) {
            throw new IllegalArgumentException("measured and gaussianPredictions must be non-empty "
                    + "and of equal length");
        }
        double sum = 0;
        for (int t = 0; t < measured.length; t++) {
            sum += relativeDeviation(measured[t], gaussianPredictions[t]);
        }
        return sum / measured.length;
    }
}
