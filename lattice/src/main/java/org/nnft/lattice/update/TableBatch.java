package org.nnft.lattice.update;

import static org.nnft.lattice.update.LaneShape.BLOCKS_PER_CALL;

/** Inputs of {@link MetropolisKernel}: site list, neighbour and hopping tables, a_x, b_x and h_x. */
final class TableBatch extends LaneBatch {
    /** Sites per batch. */
    private static final int TABLE_BATCH = 8 * BLOCKS_PER_CALL;

    private final SiteTables t;

    TableBatch(SiteTables t) {
        super(TABLE_BATCH);
        this.t = t;
    }

    /**
     * The sites of a two-colour checkerboard list (one colour in increasing order) have consecutive pair
     * indices, so their batches share blocks as rows do ({@link LaneBatch#layout}); other lists (the parity classes of
     * diagonal couplings) draw a block per site.
     */
    @Override
    int load(int i0, int end, int hits) {
        int m = Math.min(TABLE_BATCH, end - i0);
        int[] sites = t.sites();
        int firstPair = sites[i0] >>> 1;
        boolean consecutive = true;
        for (int l = 0; l < m; l++) {
            int x = sites[i0 + l];
            set(l, t.localField(x), t.qa()[x], t.qb()[x], t.field()[x]);
            consecutive &= x >>> 1 == firstPair + l;
        }
        if (!consecutive) {
            for (int l = 0; l < m; l++) {
                address(l, sites[i0 + l], hits);
            }
        }
        layout(consecutive ? firstPair : -1, m, hits);
        return m;
    }

    @Override
    void store(int i0, int m, double[] accepted, double[] counts) {
        for (int l = 0; l < m; l++) {
            t.field()[t.sites()[i0 + l]] = phi[l];
        }
        System.arraycopy(counts, 0, accepted, i0, m);
    }
}
