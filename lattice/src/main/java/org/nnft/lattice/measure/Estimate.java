package org.nnft.lattice.measure;

import org.nnft.stats.ValueWithError;

/**
 * A Monte Carlo mean with its autocorrelation-aware error and integrated autocorrelation time (in measurements):
 * the stats module's value-with-error plus tau_int.
 *
 * @param estimate the mean and its error
 * @param tauInt   the integrated autocorrelation time, NaN where none is known
 */
public record Estimate(ValueWithError estimate, double tauInt) {

    public Estimate(double value, double error, double tauInt) {
        this(new ValueWithError(value, error), tauInt);
    }

    /** The mean. */
    public double value() {
        return estimate.value();
    }

    /** Its error. */
    public double error() {
        return estimate.error();
    }
}
