package org.nnft.stats;

/**
 * Delete-one-block jackknife estimate of a function of means.
 *
 * @param value         f evaluated at the means over all data
 * @param error         jackknife standard error
 * @param biasCorrected jackknife bias-corrected estimate (removes the O(1/N) bias of a nonlinear f)
 */
public record JackknifeResult(double value, double error, double biasCorrected) {
}
