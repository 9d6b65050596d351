package org.nnft.lattice.update;

import org.nnft.lattice.action.Couplings;

/**
 * What the embedded-Ising cluster updates ({@link WolffClusters}, {@link SwendsenWang}) share: their bond
 * probability {@code 1 - exp(-2 w phi_x phi_y)} is a probability only for non-negative pair weights.
 */
final class EmbeddedIsing {
    private EmbeddedIsing() {
    }

    /**
     * Probability that a bond with {@code coupling = w phi_x phi_y > 0} joins its two sites:
     * {@code 1 - exp(-2 coupling)}, by expm1 so that weak bonds keep their digits.
     */
    static double bondProbability(double coupling) {
        return -Math.expm1(-2.0 * coupling);
    }

    /** Rejects couplings with a negative link weight w or diagonal weight v, naming the weight. */
    static void requireNonNegativeWeights(Couplings couplings) {
        for (double wl : couplings.linkWeights()) {
            if (wl < 0) {
                throw new IllegalArgumentException("link weights w must be >= 0 for embedded clusters, got " + wl);
            }
        }
        for (double wl : couplings.diagonalWeights()) {
            if (wl < 0) {
                throw new IllegalArgumentException("diagonal weights v must be >= 0 for embedded clusters, got " + wl);
            }
        }
    }
}
