package org.nnft.ensemble;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.arch.Architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared helpers of the ensemble tests: CPU runs and statistically stated comparisons. */
final class EnsembleTesting {
    private EnsembleTesting() {
    }

    /** Tolerance in jackknife standard errors for a single comparison. */
    static final double SIGMAS = 5.0;

    static Backend cpu() {
        return Backends.named("cpu", BackendOptions.of("threads", "2"));
    }

    static EnsembleResult run(Architecture arch, double[][] points, int maxOrder, long networks, long seed) {
        EnsembleConfig config = EnsembleConfig.builder(arch, points).maxOrder(maxOrder).networks(networks)
                .seed(seed).build();
        try (Backend cpu = cpu()) {
            return EnsembleRun.run(config, cpu);
        }
    }

    /**
     * Asserts |measured - theory| <= SIGMAS * error + systematic, where error is the jackknife error
     * of the connected correlator and systematic an absolute bound on the theory's own error.
     */
    static void assertMatchesTheory(Correlator c, double systematic, String what) {
        assertTrue(Double.isFinite(c.theory()), what + ": no theory value");
        assertTrue(c.connectedError() > 0, what + ": zero error estimate");
        double deviation = Math.abs(c.connected() - c.theory());
        assertTrue(deviation <= SIGMAS * c.connectedError() + systematic,
                what + ": measured " + c.connected() + " +- " + c.connectedError() + " vs theory " + c.theory()
                        + " (" + String.format("%.2f", c.pull()) + " sigma)");
    }

    /** Points 0, 0.3, ... on a line along the first axis of R^d, plus an off-axis point when d > 1. */
    static double[][] points(int dimension, double... firstCoordinates) {
        double[][] p = new double[firstCoordinates.length][dimension];
        for (int j = 0; j < p.length; j++) {
            p[j][0] = firstCoordinates[j];
            if (dimension > 1) {
                p[j][dimension - 1] = 0.25 * j * j;
            }
        }
        return p;
    }
}
