package org.nnft.stats;

/**
 * Delete-one-block jackknife estimate of a function of means.
 *
 * @param estimate      f evaluated at the means over all data, with its jackknife standard error
 * @param biasCorrected jackknife bias-corrected estimate (removes the O(1/N) bias of a nonlinear f)
 */
public record JackknifeResult(ValueWithError estimate, double biasCorrected) {

    /** f evaluated at the means over all data. */
    public double value() {
        return estimate.value();
    }

    /** The jackknife standard error. */
    public double error() {
        return estimate.error();
    }
}
