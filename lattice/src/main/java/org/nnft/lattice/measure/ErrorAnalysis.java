package org.nnft.lattice.measure;

import org.nnft.stats.GammaMethod;
import org.nnft.stats.GammaResult;

import java.util.function.ToDoubleFunction;

/**
 * Errors of Monte Carlo time series by the Gamma method (U. Wolff, hep-lat/0306017; {@link GammaMethod},
 * S = 1.5): mean, error and bias-corrected tau_int in units of measurements; derived quantities by the
 * linearised projection.
 */
public final class ErrorAnalysis {
    private ErrorAnalysis() {
    }

    /** Mean, error and tau_int of one series. */
    public static Estimate mean(double[] series) {
        return of(GammaMethod.analyze(series));
    }

    /** f of the means of several equally long series, error by the linearised projection. */
    public static Estimate derived(ToDoubleFunction<double[]> f, double[]... series) {
        return of(GammaMethod.derived(f, series));
    }

    private static Estimate of(GammaResult r) {
        return new Estimate(r.estimate(), r.tauInt());
    }
}
