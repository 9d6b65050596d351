package org.nnft.lattice.update;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.simd.VectorPhilox;

import java.util.Arrays;

/**
 * Vector API fast path of {@link SingleMetropolisKernel} (the CPU backend runs it unless {@code scalar=true}): work
 * items in batches of up to {@value #BATCH}; per batch the sites, field values and float local fields are read as the
 * reference does; per hit {@link VectorPhilox#blocks} draws each lane's Philox block (one per site: the reference's
 * block and words, {@link MetropolisKernel#firstBlock}), and float lanes ({@link FloatVector}, twice the double lanes)
 * form the proposals, the action differences and the accept decisions with the reference's operations in the
 * reference's order (the Vector API never fuses), so the chain is the reference's bit for bit. The accept test
 * {@code u < (float) exp(-ds)} is decided by Taylor bounds on exp(-ds) where they decide (with a margin far beyond
 * their float rounding) and by {@link Math#exp} on the few lanes near the boundary. Padding lanes repeat the last
 * site and are never stored, so every site takes this path whatever the chunking.
 */
final class VectorSingleMetropolis {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FLOAT_LANES = F.length();
    private static final int CALL = VectorPhilox.LONG_LANES;
    /** Work items per batch: a multiple of the float lanes and of the blocks per Philox call. */
    private static final int BATCH = 256;
    /**
     * Margin of the exp bounds: their float rounding is below 5e-6 for ds <= 6, where they can decide, and the
     * reference rounds exp to float (6e-8 relative).
     */
    private static final float MARGIN = 1e-5f;

    static {
        if (BATCH % FLOAT_LANES != 0 || BATCH % CALL != 0) {
            throw new AssertionError("a batch must be whole float vectors and whole Philox calls");
        }
    }

    private VectorSingleMetropolis() {
    }

    /** Per-task scratch of a batch. */
    private static final class Lanes {
        final int[] site = new int[BATCH];
        final int[] word = new int[BATCH];
        final long[] block = new long[BATCH];
        final float[] phi = new float[BATCH];
        final float[] j = new float[BATCH];
        final float[] sOld = new float[BATCH];
        final float[] step = new float[BATCH];
        final float[] uniform = new float[BATCH];
        final float[] proposal = new float[BATCH];
        final float[] sNew = new float[BATCH];
        final float[] accepted = new float[BATCH];
        final float[] hitAccepted = new float[BATCH];
        final float[] decided = new float[FLOAT_LANES];
        final float[] trial = new float[FLOAT_LANES];
        final long[] words = new long[4 * CALL];
    }

    static void run(CpuArgs args, long from, long to) {
        float[] field = SingleMetropolisKernel.FIELD.of(args);
        double[] accepted = SingleMetropolisKernel.ACCEPTED.of(args);
        int n = SingleMetropolisKernel.N.of(args);
        int size = SingleMetropolisKernel.SIZE.of(args);
        int dim = SingleMetropolisKernel.DIM.of(args);
        int colour = SingleMetropolisKernel.COLOUR.of(args);
        long seed = SingleMetropolisKernel.SEED.of(args);
        long stream = SingleMetropolisKernel.STREAM.of(args);
        float kappa = SingleMetropolisKernel.KAPPA.of(args);
        float qa = SingleMetropolisKernel.QA.of(args);
        float qb = SingleMetropolisKernel.QB.of(args);
        float delta = SingleMetropolisKernel.DELTA.of(args);
        int hits = SingleMetropolisKernel.HITS.of(args);
        int end = (int) Math.min(to, n);
        Lanes l = new Lanes();
        for (int i0 = (int) from; i0 < end; i0 += BATCH) {
            int m = Math.min(BATCH, end - i0);
            int padded = (m + FLOAT_LANES - 1) / FLOAT_LANES * FLOAT_LANES;
            padded = (padded + CALL - 1) / CALL * CALL;
            for (int k = 0; k < padded; k++) {
                int x = HypercubicMetropolisKernel.site(i0 + Math.min(k, m - 1), size, dim, colour);
                l.site[k] = x;
                l.block[k] = MetropolisKernel.firstBlock(x, hits);
                l.word[k] = MetropolisKernel.firstWord(x);
                l.phi[k] = field[x];
                l.j[k] = SingleMetropolisKernel.localField(field, x, size, dim, kappa);
            }
            start(l, padded, qa, qb);
            Arrays.fill(l.accepted, 0, padded, 0.0f);
            for (int h = 0; h < hits; h++) {
                draw(l, padded, seed, stream, (long) MetropolisKernel.GROUP_BLOCKS * h);
                hit(l, padded, qa, qb, delta);
            }
            for (int k = 0; k < m; k++) {
                field[l.site[k]] = l.phi[k];
                accepted[i0 + k] = l.accepted[k];
            }
        }
    }

    /** s(phi) = a phi^2 + b phi^4 - J phi of every lane, as the reference forms it. */
    private static void start(Lanes l, int n, float qa, float qb) {
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector p = FloatVector.fromArray(F, l.phi, k);
            FloatVector p2 = p.mul(p);
            p2.mul(qa).add(p2.mul(qb).mul(p2)).sub(FloatVector.fromArray(F, l.j, k).mul(p)).intoArray(l.sOld, k);
        }
    }

    /** The two words of each lane's block for this hit, as the floats {@link SingleMetropolisKernel#openUnit}. */
    private static void draw(Lanes l, int n, long seed, long stream, long add) {
        for (int k = 0; k < n; k += CALL) {
            VectorPhilox.blocks(seed, stream, l.block, k, add, l.words);
            for (int c = 0; c < CALL; c++) {
                int w = l.word[k + c];
                l.step[k + c] = SingleMetropolisKernel.openUnit((int) l.words[w * CALL + c]);
                l.uniform[k + c] = SingleMetropolisKernel.openUnit((int) l.words[(w + 1) * CALL + c]);
            }
        }
    }

    /** One hit on every lane: proposal, action difference, decision and its application. */
    private static void hit(Lanes l, int n, float qa, float qb, float delta) {
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector p = FloatVector.fromArray(F, l.phi, k);
            FloatVector q = p.add(FloatVector.fromArray(F, l.step, k).mul(2.0f).sub(1.0f).mul(delta));
            FloatVector q2 = q.mul(q);
            FloatVector sNew = q2.mul(qa).add(q2.mul(qb).mul(q2)).sub(FloatVector.fromArray(F, l.j, k).mul(q));
            q.intoArray(l.proposal, k);
            sNew.intoArray(l.sNew, k);
        }
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector x = FloatVector.fromArray(F, l.sNew, k).sub(FloatVector.fromArray(F, l.sOld, k));
            FloatVector u = FloatVector.fromArray(F, l.uniform, k);
            // Taylor bounds, x > 0: 1 - x + x^2/2 - x^3/6 + x^4/24 - x^5/120 <= exp(-x) <= 1/(1 + x + .. + x^4/24)
            FloatVector lower = x.mul(-1.0f / 120).add(1.0f / 24).mul(x).sub(1.0f / 6).mul(x).add(0.5f).mul(x)
                    .sub(1.0f).mul(x).add(1.0f - MARGIN);
            FloatVector inverseUpper = x.mul(1.0f / 24).add(1.0f / 6).mul(x).add(0.5f).mul(x).add(1.0f).mul(x)
                    .add(1.0f);
            VectorMask<Float> accept = x.compare(VectorOperators.LE, 0.0f).or(u.compare(VectorOperators.LT, lower));
            VectorMask<Float> sure = accept.or(u.mul(inverseUpper).compare(VectorOperators.GE, 1.0f + MARGIN));
            FloatVector.zero(F).blend(1.0f, accept).intoArray(l.hitAccepted, k);
            if (!sure.allTrue()) {
                // Through arrays, not a vector assigned in a branch (C2 would box it)
                FloatVector.zero(F).blend(1.0f, sure).intoArray(l.decided, 0);
                x.intoArray(l.trial, 0);
                decideExactly(l, k);
            }
        }
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector yes = FloatVector.fromArray(F, l.hitAccepted, k);
            VectorMask<Float> take = yes.compare(VectorOperators.NE, 0.0f);
            FloatVector.fromArray(F, l.phi, k).blend(FloatVector.fromArray(F, l.proposal, k), take)
                    .intoArray(l.phi, k);
            FloatVector.fromArray(F, l.sOld, k).blend(FloatVector.fromArray(F, l.sNew, k), take).intoArray(l.sOld, k);
            FloatVector.fromArray(F, l.accepted, k).add(yes).intoArray(l.accepted, k);
        }
    }

    /** The reference's decision {@code u < (float) exp(-ds)} on the lanes k.. that the bounds left open. */
    private static void decideExactly(Lanes l, int k) {
        for (int lane = 0; lane < FLOAT_LANES; lane++) {
            if (l.decided[lane] == 0.0f) {
                l.hitAccepted[k + lane] = l.uniform[k + lane] < (float) Math.exp(-l.trial[lane]) ? 1.0f : 0.0f;
            }
        }
    }
}
