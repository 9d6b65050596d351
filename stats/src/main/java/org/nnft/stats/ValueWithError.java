package org.nnft.stats;

/**
 * A statistical estimate and its one-standard-deviation error: the project's one value-with-error type. The
 * results that carry more are composed from it: {@link GammaResult} (tau_int, window, rho), {@link JackknifeResult}
 * (bias-corrected value), the lattice module's {@code Estimate} (tau_int) and the ensemble's {@code Correlator}
 * (moment, connected part and theory).
 *
 * @param value the estimate
 * @param error its standard error (NaN where none is known)
 */
public record ValueWithError(double value, double error) {
}
