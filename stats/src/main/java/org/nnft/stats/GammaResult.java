package org.nnft.stats;

/**
 * Result of a Gamma-method analysis (U. Wolff, hep-lat/0306017) of one primary observable or of a
 * derived quantity.
 *
 * @param estimate    the mean (for a derived quantity: f evaluated at the primary means) and its statistical
 *                    error, sqrt(2 tauInt Gamma(0) / N) with the bias-corrected Gamma
 * @param tauInt      bias-corrected integrated autocorrelation time; 0.5 for uncorrelated data
 * @param tauIntError Wolff's error estimate 2 tauInt sqrt((W + 1/2 - tauInt) / N)
 * @param window      the summation window W (automatic choice); 0 for a constant series
 * @param rho         normalised autocorrelation function rho(t) = Gamma(t)/Gamma(0) for
 *                    t = 0..min(N/2, 2W), rho[0] = 1 (for plotting)
 * @param sampleCount N, the length of the analysed series
 */
public record GammaResult(ValueWithError estimate, double tauInt, double tauIntError, int window,
                          double[] rho, int sampleCount) {

    /** The estimate (for a derived quantity: f evaluated at the primary means). */
    public double mean() {
        return estimate.value();
    }

    /** Statistical error, sqrt(2 tauInt Gamma(0) / N) with the bias-corrected Gamma. */
    public double error() {
        return estimate.error();
    }

    /** Statistical error of {@link #error()}: error * sqrt((W + 1/2) / N) (Wolff, eq. 42). */
    public double errorOfError() {
        return error() * Math.sqrt((window + 0.5) / sampleCount);
    }
}
