package org.nnft.lattice.update;

import static org.nnft.lattice.update.LaneShape.BLOCKS_PER_CALL;
import static org.nnft.lattice.update.LaneShape.wholeCalls;

/**
 * The lane arrays of one thread, reused from launch to launch, so that a launch allocates no lane arrays (which
 * would otherwise be garbage after every task and grow the heap, the peak memory of a run). Safe because a task runs to
 * its end on one thread and writes every lane that reaches the field or the
 * accepted counts before it reads it; padded lanes may compute on stale values, which are never stored; the
 * packed rows of {@link RowBatch} start empty in every launch.
 */
final class LaneArrays {
    private static final ThreadLocal<LaneArrays> CACHE = new ThreadLocal<>();
    /**
     * Lanes per array: a batch's items, rounded up to whole Philox calls, plus one call (see {@link LaneBatch#padded}).
     */
    final int lanes;
    final long[] block;
    final long[] wordPair;
    final double[][] doubles;
    /** Three packed rows of {@link RowBatch}, with slack past L/2 + 2 for the padded lanes. */
    final double[][] packed;

    private LaneArrays(int lanes) {
        this.lanes = lanes;
        block = new long[lanes];
        wordPair = new long[lanes];
        doubles = new double[9][lanes];
        packed = new double[3][lanes + 2 + 2 * BLOCKS_PER_CALL];
    }

    /** This thread's arrays, for batches of up to {@code capacity} items. */
    static LaneArrays forThread(int capacity) {
        int n = wholeCalls(capacity) + BLOCKS_PER_CALL;
        LaneArrays cached = CACHE.get();
        if (cached == null || cached.lanes < n) {
            cached = new LaneArrays(n);
            CACHE.set(cached);
        }
        return cached;
    }
}
