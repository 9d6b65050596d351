package org.nnft.lattice.update;

import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;

import static org.nnft.lattice.update.MetropolisKernel.GROUP_BLOCKS;

/**
 * The lane geometry of the Metropolis fast path ({@link VectorMetropolis}): a Philox call computes
 * {@link #BLOCKS_PER_CALL} blocks (one per long lane), whose words feed two double vectors of
 * {@link #DOUBLE_LANES} lanes; a batch is padded to whole calls ({@link #wholeCalls}).
 */
final class LaneShape {
    static final VectorSpecies<Double> D = VectorRandom.D;
    static final VectorSpecies<Long> WORDS = VectorPhilox.LONGS;
    /** Blocks per Philox call (one site each, two in the groups); a batch is padded to whole calls. */
    static final int BLOCKS_PER_CALL = VectorPhilox.LONG_LANES;
    /** Lanes of a double vector: half the blocks of a Philox call. */
    static final int DOUBLE_LANES = D.length();

    static {
        if (2 * DOUBLE_LANES != BLOCKS_PER_CALL || WORDS.length() != DOUBLE_LANES) {
            throw new AssertionError("one Philox call must feed exactly two double vectors");
        }
        if (GROUP_BLOCKS % BLOCKS_PER_CALL != 0) {
            throw new AssertionError("a group's blocks must be whole Philox calls");
        }
    }

    private LaneShape() {
    }

    /**
     * {@code m} lanes rounded up to whole Philox calls (a multiple of {@link #BLOCKS_PER_CALL}): the lanes a batch
     * computes.
     */
    static int wholeCalls(int m) {
        return (m + BLOCKS_PER_CALL - 1) / BLOCKS_PER_CALL * BLOCKS_PER_CALL;
    }
}
