package org.nnft.lattice.update;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;

/**
 * Vector API fast path of {@link MetropolisKernel} and {@link HypercubicMetropolisKernel} (the CPU backend runs
 * it unless {@code scalar=true}). Work items go in groups of {@link VectorPhilox#LONG_LANES}: a scalar prologue
 * ({@link Lanes#load}) reads each site's local field (from the tables with {@link LocalField#at}, or by index
 * arithmetic; the reference summation order either way), a_x, b_x, phi_x and its action into lane arrays; per hit one {@link VectorPhilox#blocks} call gives the Philox words of counter lanes
 * {@code x * hits + h} (the reference addressing), {@link #uniforms} turns them into the proposal and accept
 * uniforms, and {@link #hit} updates one double vector of lanes; an epilogue stores phi_x and the accepted
 * counts. A short last group is padded with dummy lanes that are never stored, so every site takes this path
 * whatever the chunking. The vector work is cut into small loop bodies on purpose: C2 stops inlining once a
 * compilation has parsed too many nodes, and a Vector API call left out of line boxes its vectors.
 *
 * <p>Same chain as the reference body: the proposal, the action difference and the 53-bit uniforms use the
 * same operations in the same order (the Vector API never fuses), so they are bit-identical, and the accept
 * decisions are the reference's exactly ({@link #decideExactly}). Extra terms of the local action (the linear term h)
 * are added in {@link Lanes#load}, which reads the kernel arguments by their indices.
 */
final class VectorMetropolis {
    private static final VectorSpecies<Double> D = VectorRandom.D;
    private static final VectorSpecies<Long> WORDS = VectorPhilox.LONGS;
    private static final int SITES = VectorPhilox.LONG_LANES;
    private static final int HALF = D.length();

    static {
        if (2 * HALF != SITES || WORDS.length() != HALF) {
            throw new AssertionError("one Philox call must feed exactly two double vectors");
        }
    }

    private VectorMetropolis() {
    }

    /** Fast path of {@link MetropolisKernel}: sites and local fields from the tables. */
    static void run(CpuArgs args, long from, long to) {
        int end = (int) Math.min(to, args.intArg(7));
        sweep(new TableLanes(args), args.doubles(0), args.doubles(1), (int) from, end,
                args.longArg(9), args.longArg(10), args.doubleArg(11), args.intArg(12));
    }

    /** Fast path of {@link HypercubicMetropolisKernel}: sites and local fields by index arithmetic. */
    static void runHypercubic(CpuArgs args, long from, long to) {
        int end = (int) Math.min(to, args.intArg(2));
        if (from >= end) {
            return;
        }
        sweep(new HypercubicLanes(args, (int) from), args.doubles(0), args.doubles(1), (int) from, end,
                args.longArg(6), args.longArg(7), args.doubleArg(11), args.intArg(12));
    }

    private static void sweep(Lanes lanes, double[] field, double[] accepted, int from, int end, long seed,
                              long stream, double delta, int hits) {
        long[] words = new long[4 * SITES];
        for (int i0 = from; i0 < end; i0 += SITES) {
            int m = Math.min(SITES, end - i0);
            lanes.load(i0, m, hits);
            for (int h = 0; h < hits; h++) {
                VectorPhilox.blocks(seed, stream, lanes.block, 0, h, words);
                for (int k = 0; k < 2 * SITES; k += HALF) {
                    uniforms(words, k, lanes.v);
                }
                for (int half = 0; half < SITES; half += HALF) {
                    hit(lanes, half, delta);
                }
            }
            for (int l = 0; l < m; l++) {
                field[lanes.site[l]] = lanes.v[PHI + l];
                accepted[i0 + l] = lanes.v[ACC + l];
            }
        }
    }

    /**
     * One hit on the double vector of lanes at {@code offset}, state in and out of {@code lanes}. Kept small
     * and called in a loop so that C2 inlines every Vector API call in it (a larger body exceeds C2's
     * inlining node budget, and a vector that crosses a call that is not inlined is boxed).
     */
    private static void hit(Lanes lanes, int offset, double delta) {
        double[] v = lanes.v;
        DoubleVector p = DoubleVector.fromArray(D, v, PHI + offset);
        DoubleVector j = DoubleVector.fromArray(D, v, J + offset);
        DoubleVector a = DoubleVector.fromArray(D, v, A + offset);
        DoubleVector b = DoubleVector.fromArray(D, v, B + offset);
        DoubleVector sOld = DoubleVector.fromArray(D, v, ACTION + offset);
        DoubleVector q = p.add(DoubleVector.fromArray(D, v, PROPOSAL + offset).mul(2.0).sub(1.0).mul(delta));
        DoubleVector q2 = q.mul(q);
        DoubleVector sNew = a.mul(q2).add(b.mul(q2).mul(q2)).sub(j.mul(q));
        DoubleVector ds = sNew.sub(sOld);
        DoubleVector u = DoubleVector.fromArray(D, v, UNIFORM + offset);
        // The reference decision ds <= 0 || u < Math.exp(-ds), without a vector exp (see decideExactly). With
        // x = max(ds, 0) the bounds cover ds <= 0 too: there lower = 1 - MARGIN > u and u inverseUpper = u < 1 + MARGIN
        // (a lane with u within MARGIN of 1 is left to decideExactly, which accepts it as the reference does).
        DoubleVector x = ds.max(0.0);
        // Horner with fused multiply-adds: only bounds, so their rounding need not match anything (see MARGIN)
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector half = DoubleVector.broadcast(D, 0.5);
        DoubleVector lowerMinusMargin = x.fma(-1.0 / 120, 1.0 / 24).fma(x, DoubleVector.broadcast(D, -1.0 / 6))
                .fma(x, half).fma(x, DoubleVector.broadcast(D, -1.0)).fma(x, DoubleVector.broadcast(D, 1.0 - MARGIN));
        DoubleVector inverseUpper = x.fma(1.0 / 24, 1.0 / 6).fma(x, half).fma(x, one).fma(x, one);
        VectorMask<Double> accept = u.compare(VectorOperators.LT, lowerMinusMargin);
        VectorMask<Double> decided = accept.or(u.mul(inverseUpper).compare(VectorOperators.GE, 1.0 + MARGIN));
        // The decisions go through the ACCEPTED lanes whatever the branch: a vector or mask assigned in a branch
        // meets its other value in a phi, which C2 boxes (an allocation per call).
        DoubleVector.zero(D).blend(1.0, accept).intoArray(v, ACCEPTED);
        if (!decided.allTrue()) {
            ds.intoArray(v, DS);
            DoubleVector.zero(D).blend(1.0, decided).intoArray(v, DECIDED);
            decideExactly(v, offset);
        }
        // 1.0 for an accepted lane, else 0.0: the blends below, not masked arithmetic (no AVX2 intrinsic, boxes).
        DoubleVector taken01 = DoubleVector.fromArray(D, v, ACCEPTED);
        VectorMask<Double> taken = taken01.compare(VectorOperators.NE, 0.0);
        p.blend(q, taken).intoArray(v, PHI + offset);
        sOld.blend(sNew, taken).intoArray(v, ACTION + offset);
        DoubleVector.fromArray(D, v, ACC + offset).add(taken01).intoArray(v, ACC + offset);
    }

    /**
     * The accept decisions of the lanes the bounds in {@link #hit} left open, as the reference takes them:
     * for x = ds > 0, {@code 1 - x + x^2/2 - x^3/6 + x^4/24 - x^5/120 <= exp(-x) <= 1/(1 + x + x^2/2 + x^3/6
     * + x^4/24)} (Taylor with a remainder of known sign), so a lane whose u lies below the lower or above the
     * upper bound by more than {@link #MARGIN} (far beyond the bounds' rounding) is decided by them; the few
     * others (u within about x^5/120 of exp(-x)) call {@link Math#exp} here. The decisions are the reference's
     * exactly, and deterministic: the Vector API's own EXP may take different code in the interpreter and in
     * compiled code. Arrays only, so no vector crosses this call.
     */
    private static void decideExactly(double[] v, int offset) {
        for (int l = 0; l < HALF; l++) {
            if (v[DECIDED + l] == 0.0) {
                v[ACCEPTED + l] = v[UNIFORM + offset + l] < Math.exp(-v[DS + l]) ? 1.0 : 0.0;
            }
        }
    }

    /*
     * Offsets of the per-lane doubles in Lanes.v: one array, so that C2 checks the bounds of a whole hit at once
     * (the accesses differ by constants) instead of one array after another, which cost more than the arithmetic.
     */
    private static final int PHI = 0;
    private static final int J = SITES;
    private static final int A = 2 * SITES;
    private static final int B = 3 * SITES;
    /** The lane's local action a phi^2 + b phi^4 - J phi at the current phi. */
    private static final int ACTION = 4 * SITES;
    /** Accepted hits so far. */
    private static final int ACC = 5 * SITES;
    /** Per hit: the proposal uniforms of the lanes, then (at {@link #UNIFORM}) their accept uniforms. */
    private static final int PROPOSAL = 6 * SITES;
    private static final int UNIFORM = 7 * SITES;
    /** Scratch of the exact accept decisions of one double vector: Delta s, decided (1/0), accepted (1/0). */
    private static final int DS = 8 * SITES;
    private static final int DECIDED = DS + HALF;
    private static final int ACCEPTED = DECIDED + HALF;
    private static final int LANE_DOUBLES = ACCEPTED + HALF;

    /** Margin of the exp bounds in {@link #hit}: their rounding errors are below 1e-14 for x <= 6, where they matter. */
    private static final double MARGIN = 1e-12;

    /** Per-lane inputs and outputs of one group of sites; subclasses say where a site's inputs come from. */
    private abstract static class Lanes {
        final int[] site = new int[SITES];
        final long[] block = new long[SITES];
        /** All per-lane doubles, one block of lanes each at the offsets {@link #PHI} .. {@link #ACCEPTED}. */
        final double[] v = new double[LANE_DOUBLES];

        /**
         * Loads the sites of work items {@code i0 .. i0 + m - 1} (consecutive calls get consecutive groups) with
         * {@link #set}; lanes past {@code m} get the harmless dummy site action 0 (never stored).
         */
        abstract void load(int i0, int m, int hits);

        /** Lane {@code l} holds site x with local field jx, couplings (ax, bx) and field value p. */
        final void set(int l, int x, double jx, double ax, double bx, double p, int hits) {
            site[l] = x;
            block[l] = (long) x * hits;
            v[J + l] = jx;
            v[A + l] = ax;
            v[B + l] = bx;
            double p2 = p * p;
            v[PHI + l] = p;
            v[ACTION + l] = ax * p2 + bx * p2 * p2 - jx * p;
            v[ACC + l] = 0.0;
        }

        /** Dummy lanes {@code m ..}. */
        final void pad(int m) {
            for (int l = m; l < SITES; l++) {
                set(l, 0, 0.0, 0.0, 0.0, 0.0, 0);
            }
        }
    }

    /** Inputs of {@link MetropolisKernel}: site list, neighbour and hopping tables, a_x, b_x and h_x. */
    private static final class TableLanes extends Lanes {
        private final SiteTables t;

        TableLanes(CpuArgs args) {
            t = SiteTables.of(args, MetropolisKernel.LINEAR_ARG);
        }

        @Override
        void load(int i0, int m, int hits) {
            for (int l = 0; l < m; l++) {
                int x = t.sites()[i0 + l];
                set(l, x, t.localField(x), t.qa()[x], t.qb()[x], t.field()[x], hits);
            }
            pad(m);
        }
    }

    /**
     * Inputs of {@link HypercubicMetropolisKernel}: the coordinates of the even base {@code 2i} of the next work
     * item are carried from site to site (no divisions after the first), J_x sums the 2d neighbours in
     * neighbour-table order as {@link HypercubicMetropolisKernel#localField} does.
     */
    private static final class HypercubicLanes extends Lanes {
        private final double[] field;
        private final int size;
        private final int dim;
        private final int colour;
        private final double kappa;
        private final double qa;
        private final double qb;
        private final int[] stride;
        private final int[] coord;
        private final int[] forward;
        private final int[] backward;
        /** Block-number offsets 2 l hits of the lanes of a stride-2 run, for {@code stepHits} hits. */
        private final long[] blockStep = new long[HALF];
        private int stepHits;
        private int base;
        private int parity;

        HypercubicLanes(CpuArgs args, int first) {
            field = args.doubles(0);
            size = args.intArg(3);
            dim = args.intArg(4);
            colour = args.intArg(5);
            kappa = args.doubleArg(8);
            qa = args.doubleArg(9);
            qb = args.doubleArg(10);
            stride = new int[dim];
            coord = new int[dim];
            forward = new int[dim];
            backward = new int[dim];
            base = 2 * first;
            int rest = base;
            for (int mu = 0, s = 1; mu < dim; mu++, s *= size) {
                stride[mu] = s;
                coord[mu] = rest % size;
                rest /= size;
                parity += mu > 0 ? coord[mu] : 0;
            }
        }

        @Override
        void load(int i0, int m, int hits) {
            int r = (colour + parity) & 1;
            int first = coord[0] + r;
            if (m == SITES && first >= 1 && first + 2 * SITES <= size) {
                // All sites in one row, none at its ends: every neighbour read is a stride-2 run in the array.
                rowNeighbours();
                loadRun(base + r, hits);
                // The group ends inside the row: jump to its last item's base, then one carrying step.
                base += 2 * (SITES - 1);
                coord[0] += 2 * (SITES - 1);
                advance();
                return;
            }
            for (int l = 0; l < m; l++) {
                r = (colour + parity) & 1;
                int x = base + r;
                set(l, x, dim == 2 ? localField2d(x, coord[0] + r, coord[1]) : localField(x, r), qa, qb, field[x], hits);
                advance();
            }
            pad(m);
        }

        /** Offsets of the forward and backward neighbours in directions mu >= 1 of the current row (wrap included). */
        private void rowNeighbours() {
            for (int mu = 1; mu < dim; mu++) {
                forward[mu] = coord[mu] == size - 1 ? -(size - 1) * stride[mu] : stride[mu];
                backward[mu] = coord[mu] == 0 ? (size - 1) * stride[mu] : -stride[mu];
            }
        }

        /**
         * All lanes from the sites x0, x0 + 2, ... of one row, none at a row end: the same values and operations
         * as {@link #set} with {@link #localField}, read as stride-2 runs. One call per group of lanes.
         */
        private void loadRun(int x0, int hits) {
            if (hits != stepHits) {
                for (int l = 0; l < HALF; l++) {
                    blockStep[l] = 2L * l * hits;
                }
                stepHits = hits;
            }
            DoubleVector k = DoubleVector.broadcast(D, kappa);
            DoubleVector va = DoubleVector.broadcast(D, qa);
            DoubleVector vb = DoubleVector.broadcast(D, qb);
            for (int l0 = 0; l0 < SITES; l0 += HALF) {
                int xh = x0 + 2 * l0;
                DoubleVector p = even(field, xh);
                DoubleVector jx = DoubleVector.zero(D).add(k.mul(odd(field, xh)));
                for (int mu = 1; mu < dim; mu++) {
                    jx = jx.add(k.mul(even(field, xh + forward[mu])));
                }
                jx = jx.add(k.mul(even(field, xh - 1)));
                for (int mu = 1; mu < dim; mu++) {
                    jx = jx.add(k.mul(even(field, xh + backward[mu])));
                }
                DoubleVector p2 = p.mul(p);
                p.intoArray(v, PHI + l0);
                jx.intoArray(v, J + l0);
                va.intoArray(v, A + l0);
                vb.intoArray(v, B + l0);
                va.mul(p2).add(vb.mul(p2).mul(p2)).sub(jx.mul(p)).intoArray(v, ACTION + l0);
                DoubleVector.zero(D).intoArray(v, ACC + l0);
                // One vector store: Philox reads block[] as a vector, which a run of scalar stores would stall.
                LongVector.fromArray(WORDS, blockStep, 0).add((long) xh * hits).intoArray(block, l0);
            }
            for (int l = 0; l < SITES; l++) {
                site[l] = x0 + 2 * l;
            }
        }

        /** J_x in any dimension (x = base + r). */
        private double localField(int x, int r) {
            double jx = 0.0;
            for (int mu = 0; mu < dim; mu++) {
                int c = mu == 0 ? coord[0] + r : coord[mu];
                jx += kappa * field[c == size - 1 ? x - (size - 1) * stride[mu] : x + stride[mu]];
            }
            for (int mu = 0; mu < dim; mu++) {
                int c = mu == 0 ? coord[0] + r : coord[mu];
                jx += kappa * field[c == 0 ? x + (size - 1) * stride[mu] : x - stride[mu]];
            }
            return jx;
        }

        /** J_x in 2D at coordinates (c0, c1), unrolled; same order as {@link #localField}. */
        private double localField2d(int x, int c0, int c1) {
            int last = size - 1;
            double jx = 0.0;
            jx += kappa * field[c0 == last ? x - last : x + 1];
            jx += kappa * field[c1 == last ? x - last * size : x + size];
            jx += kappa * field[c0 == 0 ? x + last : x - 1];
            jx += kappa * field[c1 == 0 ? x + last * size : x - size];
            return jx;
        }

        /** The base of the next work item: two sites further along direction 0, carrying into the others. */
        private void advance() {
            base += 2;
            coord[0] += 2;
            for (int mu = 1; mu < dim && coord[mu - 1] == size; mu++) {
                coord[mu - 1] = 0;
                coord[mu]++;
                parity++;
                if (coord[mu] == size) {
                    parity -= size;
                }
            }
        }
    }

    /** Lanes k of {@code SHUFFLE_EVEN} / {@code SHUFFLE_ODD} pick element 2k or 2k + 1 of two adjacent vectors. */
    private static final VectorShuffle<Double> SHUFFLE_EVEN = VectorShuffle.fromOp(D, k -> (2 * k) % HALF);
    private static final VectorShuffle<Double> SHUFFLE_ODD = VectorShuffle.fromOp(D, k -> (2 * k + 1) % HALF);
    /** The lanes of the result that come from the second vector. */
    private static final VectorMask<Double> UPPER_HALF = D.indexInRange(-HALF / 2, HALF / 2);

    /** {@code f[at], f[at + 2], ..., f[at + 2 HALF - 2]}. */
    private static DoubleVector even(double[] f, int at) {
        return everyOther(f, at, SHUFFLE_EVEN);
    }

    /**
     * {@code f[at + 1], f[at + 3], ..., f[at + 2 HALF - 1]}: the same two loads as {@link #even} with the other
     * shuffle, not {@code even(f, at + 1)}, which would read one element past the run (past the array at its end).
     */
    private static DoubleVector odd(double[] f, int at) {
        return everyOther(f, at, SHUFFLE_ODD);
    }

    /** The lanes {@code pick} selects from the vectors at {@code at} and {@code at + HALF}, in that order. */
    private static DoubleVector everyOther(double[] f, int at, VectorShuffle<Double> pick) {
        return DoubleVector.fromArray(D, f, at).rearrange(pick)
                .blend(DoubleVector.fromArray(D, f, at + HALF).rearrange(pick), UPPER_HALF);
    }

    /**
     * {@code RandomStreams.toUniformDouble} of word pair {@code k / SITES} (words 0,1 or 2,3) of the lanes
     * {@code k % SITES ..}, exact, into {@code out[PROPOSAL + k ..]}: the proposal uniforms first, then the accept ones.
     */
    private static void uniforms(long[] words, int k, double[] out) {
        int pair = k / SITES;
        int lane = k % SITES;
        int wa = 2 * pair * SITES + lane;
        LongVector wordA = LongVector.fromArray(WORDS, words, wa);
        LongVector wordB = LongVector.fromArray(WORDS, words, wa + SITES);
        DoubleVector high = VectorRandom.exactDoubles(wordA.lanewise(VectorOperators.LSHR, 5));
        DoubleVector low = VectorRandom.exactDoubles(wordB.lanewise(VectorOperators.LSHR, 6));
        high.mul(67108864.0).add(low).mul(0x1p-53).intoArray(out, PROPOSAL + k);
    }
}
