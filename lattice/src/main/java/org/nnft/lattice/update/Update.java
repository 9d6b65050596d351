package org.nnft.lattice.update;

/**
 * One Markov-chain update of a {@link LatticeField} that leaves {@code exp(-S)} invariant.
 * Random numbers are addressed by {@code (seed, step)} through {@link StreamMap}, so a chain is a pure
 * function of its seed, its schedule and its starting state, independent of threads and devices.
 */
public interface Update {
    /** Short name used in reports and acceptance series. */
    String name();

    /**
     * Applies the update once, as elementary update number {@code step} of the chain.
     *
     * @return acceptance rate of this application in [0, 1]
     */
    double apply(LatticeField field, long seed, long step);

    /** Adapts a tunable parameter to the last acceptance (called during thermalisation only). */
    default void adapt(double acceptance) {
    }

    /** The tunable parameter (step size), NaN when there is none; part of the checkpoint. */
    default double tuning() {
        return Double.NaN;
    }

    /** Restores the tunable parameter from a checkpoint. */
    default void restoreTuning(double value) {
    }
}
