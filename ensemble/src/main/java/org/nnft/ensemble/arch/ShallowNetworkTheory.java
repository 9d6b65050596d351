package org.nnft.ensemble.arch;

/** Finite-width predictions for {@link ShallowNetwork} beyond the closed-form kernel. */
final class ShallowNetworkTheory {
    private ShallowNetworkTheory() {
    }

    /** Exact G4_c of the given sites, or NaN where no prediction is wired. */
    static double connectedFourPoint(ShallowNetwork net, double[][] points, int[] components) {
        return Double.NaN;
    }
}
