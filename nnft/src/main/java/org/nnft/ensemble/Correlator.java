package org.nnft.ensemble;

/**
 * The estimate of one tuple of sites.
 *
 * @param sites          the sorted tuple of sites (point * outputDimension + component)
 * @param moment         G(sites) = E[phi(s1) ... phi(sn)]
 * @param momentError    its delete-one-bin jackknife error
 * @param connected      the connected correlator (joint cumulant) G_c(sites)
 * @param connectedError its jackknife error
 * @param theory         the exact G_c of the architecture, NaN where none is known
 */
public record Correlator(int[] sites, double moment, double momentError, double connected, double connectedError,
                         double theory) {

    /** (connected - theory) / connectedError: the deviation from theory in standard errors (NaN without theory). */
    public double pull() {
        return (connected - theory) / connectedError;
    }
}
