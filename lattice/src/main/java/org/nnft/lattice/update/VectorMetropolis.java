package org.nnft.lattice.update;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;

/**
 * Vector API fast path of {@link MetropolisKernel}, {@link HypercubicMetropolisKernel} and
 * {@link OverrelaxationKernel} (the CPU backend runs it unless {@code scalar=true}). Work items go in batches ({@link Lanes}): the table kernel's in fixed-size
 * batches, the hypercubic kernel's a lattice row (a line along direction 0) at a time in 2D and several short rows
 * at a time in 3D and 4D. {@link Lanes#load} reads
 * each site's phi_x and local field (from the tables with {@link LocalField#at}, or by index arithmetic; the
 * reference summation order either way) into lane arrays; per hit, passes over the whole batch then draw the
 * Philox words of each site ({@link MetropolisKernel#firstBlock}, the reference addressing) and turn them into the
 * proposal steps 2u - 1 and the accept uniforms ({@link #draw}), form the proposals and the action differences
 * ({@link #propose}), take the accept decisions ({@link #decide}) and apply them ({@link #apply}); {@link Lanes#store}
 * writes phi_x and the accepted counts back. A batch is padded to whole Philox calls with dummy lanes that are never
 * stored, so every site takes this path whatever the chunking. Where a batch holds whole groups of 32 consecutive
 * pair indices (a 2D row of the hypercubic kernel with L a multiple of 64, most batches of its 3D and 4D rows, a
 * table batch of one colour of the two-colour checkerboard), one Philox call feeds twice its number of sites ({@link #draw}); elsewhere each lane draws its own
 * block and keeps the two words it owns.
 *
 * <p>Why passes: each is one small counted loop, so C2 inlines every Vector API call in it (a vector that crosses
 * a call left out of line is boxed), hoists its bounds checks, and the out-of-order core overlaps its iterations;
 * one loop body for the whole hit was a dependency chain longer than the core looks ahead, and ran at its latency.
 *
 * <p>Same chain as the reference body: the proposal, the action difference and the uniforms use the
 * same operations in the same order (the Vector API never fuses), so they are bit-identical, and the accept
 * decisions are the reference's exactly ({@link #decideExactly}). Extra terms of the local action (the linear term h)
 * are added in {@link Lanes#load}, which reads the kernel arguments by their indices.
 */
final class VectorMetropolis {
    private static final VectorSpecies<Double> D = VectorRandom.D;
    private static final VectorSpecies<Long> WORDS = VectorPhilox.LONGS;
    /** Blocks per Philox call (one site each, two in the groups); a batch is padded to whole calls. */
    private static final int SITES = VectorPhilox.LONG_LANES;
    private static final int HALF = D.length();
    /** Sites per batch of the table kernel. */
    private static final int TABLE_BATCH = 8 * SITES;

    private static final int GROUP = MetropolisKernel.GROUP;
    private static final int GROUP_BLOCKS = MetropolisKernel.GROUP_BLOCKS;

    static {
        if (2 * HALF != SITES || WORDS.length() != HALF) {
            throw new AssertionError("one Philox call must feed exactly two double vectors");
        }
        if (GROUP_BLOCKS % SITES != 0) {
            throw new AssertionError("a group's blocks must be whole Philox calls");
        }
    }

    private VectorMetropolis() {
    }

    /** {@code m} lanes rounded up to whole Philox calls (a multiple of {@link #SITES}): the lanes a batch computes. */
    private static int wholeCalls(int m) {
        return (m + SITES - 1) / SITES * SITES;
    }

    /** Fast path of {@link MetropolisKernel}: sites and local fields from the tables. */
    static void run(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, MetropolisKernel.TABLES, MetropolisKernel.LINEAR);
        int end = (int) Math.min(to, t.n());
        sweep(new TableLanes(t), t.accepted(), (int) from, end, t.seed(), t.stream(),
                MetropolisKernel.DELTA.of(args), MetropolisKernel.HITS.of(args), false);
    }

    /**
     * Fast path of {@link OverrelaxationKernel}: the batches of {@link #run} with one hit whose proposal is the
     * reflection ({@link #reflect}) instead of a random step; the accept variate is drawn as for one hit.
     */
    static void runOverrelaxation(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, OverrelaxationKernel.TABLES, OverrelaxationKernel.LINEAR);
        int end = (int) Math.min(to, t.n());
        sweep(new TableLanes(t), t.accepted(), (int) from, end, t.seed(), t.stream(), 0.0, 1, true);
    }

    /**
     * Fast path of {@link HypercubicMetropolisKernel}: sites and local fields by index arithmetic, a row at a time in
     * 2D and several short rows at a time in 3D and 4D ({@link RowLanes}).
     */
    static void runHypercubic(CpuArgs args, long from, long to) {
        int end = (int) Math.min(to, HypercubicMetropolisKernel.N.of(args));
        if (from >= end) {
            return;
        }
        sweep(new RowLanes(args), HypercubicMetropolisKernel.ACCEPTED.of(args), (int) from, end,
                HypercubicMetropolisKernel.SEED.of(args), HypercubicMetropolisKernel.STREAM.of(args),
                HypercubicMetropolisKernel.DELTA.of(args), HypercubicMetropolisKernel.HITS.of(args), false);
    }

    private static void sweep(Lanes lanes, double[] accepted, int from, int end, long seed, long stream,
                              double delta, int hits, boolean reflect) {
        long[] words = new long[4 * SITES];
        for (int i0 = from; i0 < end; ) {
            int m = lanes.load(i0, end, hits);
            int padded = lanes.padded;
            if (hits > 1) {
                java.util.Arrays.fill(lanes.acc, 0, padded, 0.0);
            }
            for (int h = 0; h < hits; h++) {
                draw(lanes, seed, stream, h, words);
                if (reflect) {
                    reflect(lanes, padded);
                } else {
                    propose(lanes, padded, delta);
                }
                decide(lanes, padded);
                apply(lanes, padded, hits > 1);
            }
            // With one hit the accepted counts are its decisions
            lanes.store(i0, m, accepted, hits > 1 ? lanes.acc : lanes.taken);
            i0 += m;
        }
    }

    /**
     * For hit {@code h} of the batch's {@link Lanes#padded} lanes: the proposal steps 2u - 1 and the accept uniforms.
     * In the lanes of whole groups ({@link Lanes#sharedFrom} .. {@link Lanes#sharedTo}), lanes {@code k .. k + 15}
     * hold the group's 16 blocks in order and lanes {@code k + 16 .. k + 31} use the same blocks' words 2,3, so a
     * Philox call on lanes {@code k + c ..} feeds those lanes and the ones 16 further; the other lanes draw their own
     * blocks ({@link #drawEach}; calls before the groups may run into them, which the groups then overwrite).
     */
    private static void draw(Lanes lanes, long seed, long stream, int h, long[] words) {
        long add = (long) GROUP_BLOCKS * h;
        int k = 0;
        for (; k < lanes.sharedFrom; k += SITES) {
            drawEach(lanes, k, seed, stream, add, words);
        }
        for (k = lanes.sharedFrom; k < lanes.sharedTo; k += GROUP) {
            for (int c = 0; c < GROUP_BLOCKS; c += SITES) {
                VectorPhilox.blocks(seed, stream, lanes.block, k + c, add, words);
                for (int lane = 0; lane < SITES; lane += HALF) {
                    openUnits(word(words, 0, lane), word(words, 1, lane), lanes, k + c + lane);
                    openUnits(word(words, 2, lane), word(words, 3, lane), lanes, k + GROUP_BLOCKS + c + lane);
                }
            }
        }
        for (; k < lanes.padded; k += SITES) {
            drawEach(lanes, k, seed, stream, add, words);
        }
    }

    /** {@link #draw} for lanes {@code k .. k + SITES - 1}, each from words 0,1 or 2,3 of its own block as {@link Lanes#upper} says. */
    private static void drawEach(Lanes lanes, int k, long seed, long stream, long add, long[] words) {
        VectorPhilox.blocks(seed, stream, lanes.block, k, add, words);
        for (int lane = 0; lane < SITES; lane += HALF) {
            VectorMask<Long> up = LongVector.fromArray(WORDS, lanes.upper, k + lane).compare(VectorOperators.NE, 0L);
            openUnits(word(words, 0, lane).blend(word(words, 2, lane), up),
                    word(words, 1, lane).blend(word(words, 3, lane), up), lanes, k + lane);
        }
    }

    /** Word {@code j} of the blocks of lanes {@code lane .. lane + HALF - 1} of a Philox call ({@link VectorPhilox#blocks} layout). */
    private static LongVector word(long[] words, int j, int lane) {
        return LongVector.fromArray(WORDS, words, j * SITES + lane);
    }

    /**
     * From words in [0, 2^32): the proposal steps {@code 2u - 1} of {@code step} into {@link Lanes#proposal} and the
     * uniforms of {@code accept} into {@link Lanes#uniform}, at lanes {@code at ..}, u as
     * {@code RandomStreams.toOpenUnit}: {@code u = (2w + 1) 2^-33}. The double {@code d = 2^52 + 2w + 1} holds
     * 2w + 1 in its significand; {@code d 2^-32 - (2^20 + 1) = 2u - 1} and {@code d 2^-33 - 2^19 = u} by one fused
     * multiply-add each, exact (multiples of 2^-33 below 1 in size), so both equal the reference's bit for bit.
     */
    private static void openUnits(LongVector step, LongVector accept, Lanes lanes, int at) {
        odd(step).fma(DoubleVector.broadcast(D, 0x1p-32), DoubleVector.broadcast(D, -(0x1p20 + 1.0)))
                .intoArray(lanes.proposal, at);
        odd(accept).fma(DoubleVector.broadcast(D, 0x1p-33), DoubleVector.broadcast(D, -0x1p19))
                .intoArray(lanes.uniform, at);
    }

    /** The double {@code 2^52 + 2w + 1} of each word w in [0, 2^32). */
    private static DoubleVector odd(LongVector w) {
        return w.lanewise(VectorOperators.LSHL, 1).or(VectorRandom.TWO_52_BITS | 1L).reinterpretAsDoubles();
    }

    /**
     * The proposals of one hit on the first {@code n} lanes (a multiple of the vector length): q = phi + delta (2u - 1)
     * replaces the proposal step 2u - 1, and the change of the local action, ds = s(q) - s(phi), goes to
     * {@link Lanes#trial}. s(phi) is recomputed at every hit: after an accepted hit it is the previous s(q) bit for
     * bit (the same operations on the same value), as the reference carries it. The hit is cut into this
     * pass, {@link #decide} and {@link #apply} so that each loop iteration is a short dependency chain (a long one
     * runs at its latency); each pass is one counted loop, so C2 hoists its bounds checks and constants.
     */
    private static void propose(Lanes lanes, int n, double delta) {
        // Arrays in locals: C2 hoists the bounds checks of loop-invariant arrays only
        double[] phi = lanes.phi;
        double[] jl = lanes.j;
        double[] al = lanes.a;
        double[] bl = lanes.b;
        double[] proposal = lanes.proposal;
        double[] trial = lanes.trial;
        for (int k = 0; k < n; k += HALF) {
            DoubleVector p = DoubleVector.fromArray(D, phi, k);
            DoubleVector q = p.add(DoubleVector.fromArray(D, proposal, k).mul(delta));
            DoubleVector a = DoubleVector.fromArray(D, al, k);
            DoubleVector b = DoubleVector.fromArray(D, bl, k);
            DoubleVector j = DoubleVector.fromArray(D, jl, k);
            DoubleVector p2 = p.mul(p);
            DoubleVector q2 = q.mul(q);
            DoubleVector sOld = a.mul(p2).add(b.mul(p2).mul(p2)).sub(j.mul(p));
            DoubleVector sNew = a.mul(q2).add(b.mul(q2).mul(q2)).sub(j.mul(q));
            sNew.sub(sOld).intoArray(trial, k);
            q.intoArray(proposal, k);
        }
    }

    /**
     * Overrelaxation's proposals on the first {@code n} lanes, as {@link OverrelaxationKernel#run} forms them: the
     * reflection q = J/a - phi replaces the proposal step, and ds = b (q^4 - phi^4) goes to {@link Lanes#trial}. Lanes
     * with a = 0, which the reference leaves alone, get ds = +infinity, which {@link #decide}'s bounds reject.
     */
    private static void reflect(Lanes lanes, int n) {
        double[] phi = lanes.phi;
        double[] jl = lanes.j;
        double[] al = lanes.a;
        double[] bl = lanes.b;
        double[] proposal = lanes.proposal;
        double[] trial = lanes.trial;
        for (int k = 0; k < n; k += HALF) {
            DoubleVector p = DoubleVector.fromArray(D, phi, k);
            DoubleVector a = DoubleVector.fromArray(D, al, k);
            DoubleVector q = DoubleVector.fromArray(D, jl, k).div(a).sub(p);
            DoubleVector p2 = p.mul(p);
            DoubleVector q2 = q.mul(q);
            DoubleVector.fromArray(D, bl, k).mul(q2.mul(q2).sub(p2.mul(p2)))
                    .blend(Double.POSITIVE_INFINITY, a.compare(VectorOperators.EQ, 0.0)).intoArray(trial, k);
            q.intoArray(proposal, k);
        }
    }

    /**
     * The accept decisions of one hit on the first {@code n} lanes after {@link #propose} or {@link #reflect}, 1.0 or 0.0 into
     * {@link Lanes#taken}: the reference's {@code ds <= 0 || u < Math.exp(-ds)} with ds from {@link Lanes#trial}, taken by
     * bounds on exp(-ds) where they decide and by {@link #decideExactly} elsewhere.
     */
    private static void decide(Lanes lanes, int n) {
        double[] trial = lanes.trial;
        double[] uniform = lanes.uniform;
        double[] taken = lanes.taken;
        double[] decided = lanes.decided;
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector half = DoubleVector.broadcast(D, 0.5);
        for (int k = 0; k < n; k += HALF) {
            DoubleVector x = DoubleVector.fromArray(D, trial, k);
            DoubleVector u = DoubleVector.fromArray(D, uniform, k);
            // Bounds on exp(-x) by Horner with fused multiply-adds: only bounds, so their rounding need not match
            // anything (see MARGIN). For x <= 0 they decide nothing wrong: there lower - MARGIN >= 1 - MARGIN, and
            // a lane with u within MARGIN of 1 goes to decideExactly, which accepts it as the reference does; no
            // NaN arises for large |x|, the Horner steps alternate in sign.
            DoubleVector lowerMinusMargin = x.fma(-1.0 / 120, 1.0 / 24).fma(x, DoubleVector.broadcast(D, -1.0 / 6))
                    .fma(x, half).fma(x, DoubleVector.broadcast(D, -1.0)).fma(x, DoubleVector.broadcast(D, 1.0 - MARGIN));
            DoubleVector inverseUpper = x.fma(1.0 / 24, 1.0 / 6).fma(x, half).fma(x, one).fma(x, one);
            VectorMask<Double> accept = u.compare(VectorOperators.LT, lowerMinusMargin);
            VectorMask<Double> sure = accept.or(u.mul(inverseUpper).compare(VectorOperators.GE, 1.0 + MARGIN));
            DoubleVector.zero(D).blend(1.0, accept).intoArray(taken, k);
            if (!sure.allTrue()) {
                // Through an array, not a vector or mask assigned in a branch: that meets its other value in a phi,
                // which C2 boxes (an allocation per call).
                DoubleVector.zero(D).blend(1.0, sure).intoArray(decided, 0);
                decideExactly(lanes, k);
            }
        }
    }

    /**
     * Applies the decisions of {@link #decide}: an accepted lane takes q; with {@code more} (several hits) it also
     * counts one in {@link Lanes#acc}.
     */
    private static void apply(Lanes lanes, int n, boolean more) {
        double[] phi = lanes.phi;
        double[] proposal = lanes.proposal;
        double[] taken = lanes.taken;
        if (!more) {
            for (int k = 0; k < n; k += HALF) {
                VectorMask<Double> yes = DoubleVector.fromArray(D, taken, k).compare(VectorOperators.NE, 0.0);
                DoubleVector.fromArray(D, phi, k).blend(DoubleVector.fromArray(D, proposal, k), yes).intoArray(phi, k);
            }
            return;
        }
        double[] acc = lanes.acc;
        for (int k = 0; k < n; k += HALF) {
            // 1.0 for an accepted lane, else 0.0: blends, not masked arithmetic (no AVX2 intrinsic, boxes).
            DoubleVector taken01 = DoubleVector.fromArray(D, taken, k);
            VectorMask<Double> yes = taken01.compare(VectorOperators.NE, 0.0);
            DoubleVector.fromArray(D, phi, k).blend(DoubleVector.fromArray(D, proposal, k), yes).intoArray(phi, k);
            DoubleVector.fromArray(D, acc, k).add(taken01).intoArray(acc, k);
        }
    }

    /**
     * The accept decisions of the lanes {@code k ..} that the bounds in {@link #decide} left open (0.0 in
     * {@link Lanes#decided}), as the reference takes them: for x = ds, {@code 1 - x + x^2/2 - x^3/6 + x^4/24 -
     * x^5/120 <= exp(-x) <= 1/(1 + x + x^2/2 + x^3/6 + x^4/24)} for x > 0 (Taylor with a remainder of known sign), so
     * a lane whose u lies below the lower or above the upper bound by more than {@link #MARGIN} (far beyond the
     * bounds' rounding) is decided by them; the few others (u within about x^5/120 of exp(-x), or within MARGIN of 1
     * for x <= 0) call {@link Math#exp} here, on the same ds. The
     * decisions are the reference's exactly, and deterministic: the Vector API's own EXP may take different code in
     * the interpreter and in compiled code. Arrays only, so no vector crosses this call.
     */
    private static void decideExactly(Lanes lanes, int k) {
        for (int l = 0; l < HALF; l++) {
            if (lanes.decided[l] == 0.0) {
                lanes.taken[k + l] = lanes.uniform[k + l] < Math.exp(-lanes.trial[k + l]) ? 1.0 : 0.0;
            }
        }
    }

    /** Margin of the exp bounds in {@link #decide}: their rounding errors are below 1e-14 for x <= 6, where they matter. */
    private static final double MARGIN = 1e-12;

    /**
     * The lane arrays of one thread, reused from launch to launch: allocating them for every task of every launch
     * made some hundred MB/s of garbage in a lattice run, and the heap (the peak memory of a run) grew with it.
     * Safe because a task runs to its end on one thread and writes every lane that reaches the field or the
     * accepted counts before it reads it; padded lanes may compute on stale values, which are never stored; the
     * packed rows of {@link RowLanes} start empty in every launch.
     */
    private static final class LaneArrays {
        private static final ThreadLocal<LaneArrays> CACHE = new ThreadLocal<>();
        /** Lanes per array: a batch's items, rounded up to whole Philox calls, plus one call (see {@link Lanes#padded}). */
        final int lanes;
        final long[] block;
        final long[] upper;
        final double[][] doubles;
        /** Three packed rows of {@link RowLanes}, with slack past L/2 + 2 for the padded lanes. */
        final double[][] packed;

        private LaneArrays(int lanes) {
            this.lanes = lanes;
            block = new long[lanes];
            upper = new long[lanes];
            doubles = new double[9][lanes];
            packed = new double[3][lanes + 2 + 2 * SITES];
        }

        /** This thread's arrays, for batches of up to {@code capacity} items. */
        static LaneArrays forThread(int capacity) {
            int n = wholeCalls(capacity) + SITES;
            LaneArrays cached = CACHE.get();
            if (cached == null || cached.lanes < n) {
                cached = new LaneArrays(n);
                CACHE.set(cached);
            }
            return cached;
        }
    }

    /**
     * Per-lane inputs and outputs of one batch of up to {@code capacity} consecutive work items; subclasses say
     * where a site's inputs come from and where its result goes. Lane arrays are padded to whole Philox calls.
     */
    private abstract static class Lanes {
        /** Per lane: the site's Philox block at hit 0, and 1 where it takes words 2,3 of it (else 0). */
        final long[] block;
        final long[] upper;
        final double[] phi;
        final double[] j;
        final double[] a;
        final double[] b;
        /** Accepted hits so far (several hits per site only). */
        final double[] acc;
        /** Per hit: the proposal steps 2u - 1 (then the proposals q), the accept uniforms and ds = s(q) - s(phi). */
        final double[] proposal;
        final double[] uniform;
        final double[] trial;
        /** Per hit: 1.0 where the hit is accepted, else 0.0. */
        final double[] taken;
        /** Scratch of {@link #decideExactly}: 1.0 for the lanes of one vector that the bounds decided. */
        final double[] decided = new double[HALF];
        final LaneArrays arrays;
        /**
         * Set by {@link #load}: the lanes the passes compute (the items rounded up to whole Philox calls after the
         * groups), and the lanes {@code sharedFrom .. sharedTo} that hold whole groups (none: both 0).
         */
        int padded;
        int sharedFrom;
        int sharedTo;

        /** Lanes for batches of up to {@code capacity} items, on this thread's {@link LaneArrays}. */
        Lanes(int capacity) {
            arrays = LaneArrays.forThread(capacity);
            block = arrays.block;
            upper = arrays.upper;
            phi = arrays.doubles[0];
            j = arrays.doubles[1];
            a = arrays.doubles[2];
            b = arrays.doubles[3];
            acc = arrays.doubles[4];
            proposal = arrays.doubles[5];
            uniform = arrays.doubles[6];
            trial = arrays.doubles[7];
            taken = arrays.doubles[8];
        }

        /**
         * Loads work items {@code i0 ..} (at least one, fewer than {@code end - i0} where the batch is full)
         * with {@link #set} and sets {@link #padded} and the groups ({@link #layout}); lanes from the count
         * returned up to {@link #padded} get a harmless dummy site (never stored).
         */
        abstract int load(int i0, int end, int hits);

        /** Stores phi and the accepted counts {@code counts[0 .. m)} of the {@code m} items from {@code i0} that the last load read. */
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
            upper[l] = MetropolisKernel.firstWord(x) >> 1;
        }

        /**
         * Sets {@link #padded} and the groups for {@code m} loaded lanes and pads the lanes past m with dummy sites.
         * With {@code firstPair >= 0}, lane l holds the site of pair index {@code firstPair + l}: this addresses
         * the lanes, and the lanes of whole groups of {@link #GROUP} pair indices share blocks (only their first 16
         * lanes need one); with {@code firstPair < 0} the caller has addressed them.
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

    /** Inputs of {@link MetropolisKernel}: site list, neighbour and hopping tables, a_x, b_x and h_x. */
    private static final class TableLanes extends Lanes {
        private final SiteTables t;

        TableLanes(SiteTables t) {
            super(TABLE_BATCH);
            this.t = t;
        }

        /**
         * The sites of a two-colour checkerboard list (one colour in increasing order) have consecutive pair
         * indices, so their batches share blocks as rows do ({@link #layout}); other lists (the parity classes of
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

    /**
     * Inputs of {@link HypercubicMetropolisKernel}, by rows (lines along direction 0) of the colour ({@link #load}):
     * work item i is site {@code x = 2i + r} ({@link HypercubicMetropolisKernel#site}), so the L/2 items of a row
     * are the row's sites {@code 2k + r} with the row's parity r. J_x sums the 2d neighbours in neighbour-table
     * order as {@link HypercubicMetropolisKernel#localField} does: the next and previous site in the row (wrapping
     * at its ends), and the same position in the neighbouring rows in directions 1 .. d-1.
     */
    private static final class RowLanes extends Lanes {
        private final double[] field;
        private final int size;
        private final int dim;
        private final int colour;
        private final double kappa;
        /** Row bases of the forward and backward neighbour rows in directions 1 .. d-1 of the loaded row. */
        private final int[] forward;
        private final int[] backward;
        /**
         * The loaded batch in row segments: segment s starts at lane {@code segmentLane[s]} with the site
         * {@code segmentSite[s]} (row base + 2 k0 + r), its sites two apart; a 2D batch is one segment.
         */
        private final int[] segmentLane;
        private final int[] segmentSite;
        private int segments;
        /** Other-colour rows of 2D lattices ({@link #packed}), their keys 2 row + parity (-1: none) and last use. */
        private final double[][] packedRows;
        private final int[] packedKey = {-1, -1, -1};
        private final int[] packedUse = new int[3];
        private int clock;

        RowLanes(CpuArgs args) {
            super(capacity(HypercubicMetropolisKernel.SIZE.of(args), HypercubicMetropolisKernel.DIM.of(args)));
            field = HypercubicMetropolisKernel.FIELD.of(args);
            size = HypercubicMetropolisKernel.SIZE.of(args);
            dim = HypercubicMetropolisKernel.DIM.of(args);
            colour = HypercubicMetropolisKernel.COLOUR.of(args);
            kappa = HypercubicMetropolisKernel.KAPPA.of(args);
            java.util.Arrays.fill(a, HypercubicMetropolisKernel.QA.of(args));
            java.util.Arrays.fill(b, HypercubicMetropolisKernel.QB.of(args));
            forward = new int[dim];
            backward = new int[dim];
            packedRows = arrays.packed;
            int most = capacity(size, dim) / (size / 2) + 2;
            segmentLane = new int[most];
            segmentSite = new int[most];
        }

        /**
         * Items per batch: a row in 2D (the packed rows serve one row at a time); in more dimensions at least two
         * groups of {@link #GROUP} items (several short rows), so that their Philox blocks are shared.
         */
        private static int capacity(int size, int dim) {
            return dim == 2 ? size / 2 : Math.max(size / 2, 2 * GROUP);
        }

        /**
         * Items {@code i0 ..}: one row (or the part of it up to {@code end}) in 2D, whole or partial rows up to the
         * capacity in more dimensions. Item i is site {@code 2i + r}, so lane l has pair index {@code i0 + l}.
         */
        @Override
        int load(int i0, int end, int hits) {
            int limit = Math.min(end, i0 + capacity(size, dim));
            int m = 0;
            segments = 0;
            do {
                m += loadRow(i0 + m, limit, m);
            } while (dim > 2 && i0 + m < limit);
            layout(i0, m, hits);
            return m;
        }

        /** Loads items {@code i ..} of one row, up to {@code limit}, into lanes {@code at ..}; returns their number. */
        private int loadRow(int i, int limit, int at) {
            int perRow = size / 2;
            int row = i / perRow;
            int k0 = i - row * perRow;
            int m = Math.min(limit - i, perRow - k0);
            int rowBase = row * size;
            int parity = 0;
            for (int mu = 1, rest = row, stride = size; mu < dim; mu++, rest /= size, stride *= size) {
                int c = rest % size;
                parity += c;
                forward[mu] = rowBase + (c == size - 1 ? -(size - 1) * stride : stride);
                backward[mu] = rowBase + (c == 0 ? (size - 1) * stride : -stride);
            }
            int r = (colour + parity) & 1;
            segmentLane[segments] = at;
            segmentSite[segments] = rowBase + 2 * k0 + r;
            segments++;
            if (dim == 2) {
                loadPlane(rowBase, 2 * k0 + r, m);
            } else {
                loadAny(rowBase, 2 * k0 + r, m, at);
            }
            return m;
        }

        /**
         * {@link #load} in 2D: lane l is row position {@code c0 + 2l}. The neighbours of a row's sites are the
         * other colour's sites in the same row and in the rows above and below, which {@link #packed} copies into
         * contiguous arrays (each once per launch: a row's other-colour sites serve as the row above, the same row
         * and the row below of three consecutive rows); J is then summed a vector at a time, in the reference order.
         */
        private void loadPlane(int rowBase, int c0, int m) {
            int k0 = c0 >> 1;
            int r = c0 & 1;
            double[] same = packed(rowBase / size, 1 - r);
            double[] up = packed(forward[1] / size, r);
            double[] down = packed(backward[1] / size, r);
            double[] f = field;
            double[] phi = this.phi;
            for (int l = 0; l < m; l++) {
                phi[l] = f[rowBase + c0 + 2 * l];
            }
            double[] jl = this.j;
            DoubleVector vk = DoubleVector.broadcast(D, kappa);
            int padded = wholeCalls(m);
            for (int l = 0; l < padded; l += HALF) {
                // other-colour site t of a packed row sits at index t + 1; right(k) = t = k + r, left(k) = k + r - 1
                int t = k0 + l + 1;
                DoubleVector.zero(D).add(vk.mul(DoubleVector.fromArray(D, same, t + r)))
                        .add(vk.mul(DoubleVector.fromArray(D, up, t)))
                        .add(vk.mul(DoubleVector.fromArray(D, same, t + r - 1)))
                        .add(vk.mul(DoubleVector.fromArray(D, down, t)))
                        .intoArray(jl, l);
            }
        }

        /**
         * The sites of row {@code row} with row positions {@code 2t + parity}, t = 0 .. L/2 - 1, at indices t + 1,
         * with the wrapped neighbours t = -1 and t = L/2 at indices 0 and L/2 + 1. Three rows are kept (the three
         * a row needs; least recently used goes), valid for one launch, in which the other colour does not change.
         */
        private double[] packed(int row, int parity) {
            int key = 2 * row + parity;
            int victim = 0;
            for (int slot = 0; slot < packedKey.length; slot++) {
                if (packedKey[slot] == key) {
                    packedUse[slot] = ++clock;
                    return packedRows[slot];
                }
                if (packedUse[slot] < packedUse[victim]) {
                    victim = slot;
                }
            }
            double[] out = packedRows[victim];
            int half = size / 2;
            int from = row * size + parity;
            for (int t = 0; t < half; t++) {
                out[t + 1] = field[from + 2 * t];
            }
            out[0] = out[half];
            out[half + 1] = out[1];
            packedKey[victim] = key;
            packedUse[victim] = ++clock;
            return out;
        }

        /** {@link #load} of one row segment in any dimension, site by site, into lanes {@code at ..}. */
        private void loadAny(int rowBase, int c0, int m, int at) {
            int last = size - 1;
            for (int l = 0; l < m; l++) {
                int c = c0 + 2 * l;
                int x = rowBase + c;
                double jx = 0.0;
                jx += kappa * field[c == last ? x - last : x + 1];
                for (int mu = 1; mu < dim; mu++) {
                    jx += kappa * field[forward[mu] + c];
                }
                jx += kappa * field[c == 0 ? x + last : x - 1];
                for (int mu = 1; mu < dim; mu++) {
                    jx += kappa * field[backward[mu] + c];
                }
                set(at + l, jx, a[at + l], b[at + l], field[x]);
            }
        }

        @Override
        void store(int i0, int m, double[] accepted, double[] counts) {
            for (int s = 0; s < segments; s++) {
                int from = segmentLane[s];
                int to = s + 1 < segments ? segmentLane[s + 1] : m;
                int x = segmentSite[s] - 2 * from;
                for (int l = from; l < to; l++) {
                    field[x + 2 * l] = phi[l];
                }
            }
            System.arraycopy(counts, 0, accepted, i0, m);
        }
    }
}
