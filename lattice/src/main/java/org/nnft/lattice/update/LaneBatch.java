package org.nnft.lattice.update;

import static org.nnft.lattice.update.LaneShape.DOUBLE_LANES;
import static org.nnft.lattice.update.LaneShape.wholeCalls;
import static org.nnft.lattice.update.MetropolisKernel.GROUP;
import static org.nnft.lattice.update.MetropolisKernel.GROUP_BLOCKS;

/**
 * Per-lane inputs and outputs of one batch of up to {@code capacity} consecutive work items; subclasses say
 * where a site's inputs come from and where its result goes. Lane arrays are padded to whole Philox calls.
 */
abstract class LaneBatch {
    /** Per lane: the site's Philox block at hit 0. */
    final long[] block;
    /** Per lane: which pair of its block's words the site takes, 0 for words 0,1 and 1 for words 2,3. */
    final long[] wordPair;
    final double[] phi;
    final double[] j;
    final double[] a;
    final double[] b;
    /** Accepted hits so far (several hits per site only). */
    final double[] acceptedHits;
    /** Per hit: the proposal steps 2u - 1 (then the proposals q), the accept uniforms and ds = s(q) - s(phi). */
    final double[] proposal;
    final double[] uniform;
    final double[] trial;
    /** Per hit: 1.0 where the hit is accepted, else 0.0. */
    final double[] hitAccepted;
    /** Scratch of {@link HitPasses#decideExactly}: 1.0 for the lanes of one vector that the bounds decided. */
    final double[] decided = new double[DOUBLE_LANES];
    final LaneArrays arrays;
    /**
     * Set by {@link #load}: the lanes the passes compute (the items rounded up to whole Philox calls after the
     * groups), and the lanes {@code sharedFrom .. sharedTo} that hold whole groups (none: both 0).
     */
    int padded;
    int sharedFrom;
    int sharedTo;

    /** Lanes for batches of up to {@code capacity} items, on this thread's {@link LaneArrays}. */
    LaneBatch(int capacity) {
        arrays = LaneArrays.forThread(capacity);
        block = arrays.block;
        wordPair = arrays.wordPair;
        phi = arrays.doubles[0];
        j = arrays.doubles[1];
        a = arrays.doubles[2];
        b = arrays.doubles[3];
        acceptedHits = arrays.doubles[4];
        proposal = arrays.doubles[5];
        uniform = arrays.doubles[6];
        trial = arrays.doubles[7];
        hitAccepted = arrays.doubles[8];
    }

    /**
     * Loads work items {@code i0 ..} (at least one, fewer than {@code end - i0} where the batch is full)
     * with {@link #set} and sets {@link #padded} and the groups ({@link #layout}); lanes from the count
     * returned up to {@link #padded} get a harmless dummy site (never stored).
     */
    abstract int load(int i0, int end, int hits);

    /**
     * Stores phi and the accepted counts {@code counts[0 .. m)} of the {@code m} items from {@code i0} that the last
     * load read.
     */
    abstract void store(int i0, int m, double[] accepted, double[] counts);

    /** Lane {@code l} holds a site with local field jx, couplings (ax, bx) and field value p. */
    final void set(int l, double jx, double ax, double bx, double p) {
        j[l] = jx;
        a[l] = ax;
        b[l] = bx;
        phi[l] = p;
    }

    /** Lane {@code l} draws the words of site x ({@link MetropolisKernel#firstBlock}). */
    final void address(int l, int x, int hits) {
        block[l] = MetropolisKernel.firstBlock(x, hits);
        wordPair[l] = MetropolisKernel.firstWord(x) >> 1;
    }

    /**
     * Sets {@link #padded} and the groups for {@code m} loaded lanes and pads the lanes past m with dummy sites. With
     * {@code firstPair >= 0}, lane l holds the site of pair index {@code firstPair + l}: this addresses the lanes, and
     * the lanes of whole groups of {@link MetropolisKernel#GROUP} pair indices share blocks (only their first 16 lanes
     * need one); with {@code firstPair < 0} the caller has addressed them.
     */
    final void layout(int firstPair, int m, int hits) {
        sharedFrom = 0;
        sharedTo = 0;
        if (firstPair >= 0) {
            int from = (GROUP - firstPair % GROUP) % GROUP;
            int groups = Math.max(0, (m - from) / GROUP);
            if (groups > 0) {
                sharedFrom = from;
                sharedTo = from + groups * GROUP;
            }
            // Lanes before the groups (all lanes where there are none) and after them
            int head = sharedTo > 0 ? sharedFrom : m;
            for (int l = 0; l < head; l++) {
                address(l, 2 * (firstPair + l), hits);
            }
            for (int l = Math.max(head, sharedTo); l < m; l++) {
                address(l, 2 * (firstPair + l), hits);
            }
            for (int k = sharedFrom; k < sharedTo; k += GROUP) {
                long first = MetropolisKernel.firstBlock(2 * (firstPair + k), hits);
                for (int s = 0; s < GROUP_BLOCKS; s++) {
                    block[k + s] = first + s;
                }
            }
        }
        padded = sharedTo + wholeCalls(m - sharedTo);
        for (int l = m; l < padded; l++) {
            set(l, 0.0, a[l], b[l], 0.0);
            address(l, 0, 0);
        }
    }
}
