package org.nnft.ensemble;

import org.nnft.stats.ValueWithError;

/**
 * The estimate of one tuple of sites: two value-with-error estimates (the moment and its connected part, each with
 * its delete-one-bin jackknife error) and the exact theory value.
 *
 * @param sites             the sorted tuple of sites (point * outputDimension + component)
 * @param momentEstimate    G(sites) = E[phi(s1) ... phi(sn)] with its error
 * @param connectedEstimate the connected correlator (joint cumulant) G_c(sites) with its error
 * @param theory            the exact G_c of the architecture, NaN where none is known
 */
public record Correlator(int[] sites, ValueWithError momentEstimate, ValueWithError connectedEstimate,
                         double theory) {

    /** G(sites) = E[phi(s1) ... phi(sn)]. */
    public double moment() {
        return momentEstimate.value();
    }

    /** The jackknife error of {@link #moment()}. */
    public double momentError() {
        return momentEstimate.error();
    }

    /** The connected correlator G_c(sites). */
    public double connected() {
        return connectedEstimate.value();
    }

    /** The jackknife error of {@link #connected()}. */
    public double connectedError() {
        return connectedEstimate.error();
    }

    /** (connected - theory) / connectedError: the deviation from theory in standard errors (NaN without theory). */
    public double pull() {
        return (connected() - theory) / connectedError();
    }
}
