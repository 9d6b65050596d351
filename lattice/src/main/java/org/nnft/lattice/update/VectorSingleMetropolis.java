package org.nnft.lattice.update;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.random.RandomStreams;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandomF;

import java.util.Arrays;

/**
 * Vector API fast paths of {@link SingleMetropolisKernel} ({@link #run}), of the float table Metropolis
 * ({@link #runTable}: inhomogeneous couplings, a_x and b_x per lane) and of the float overrelaxation
 * ({@link #runOverrelaxation}, the same draws and decisions) and of the float heat bath ({@link #runHeatBath}); the
 * CPU backend runs them unless {@code scalar=true}.
 * Work items go in batches of up to {@value #BATCH}; in 2D a batch is (part of) one lattice row, as in
 * {@link RowBatch}: the other colour's sites of the row and of the rows above and below are copied into contiguous
 * packed rows (each once per launch) and the float local fields are summed a vector at a time ({@link #loadRow}); in 3D
 * and 4D the sites, field values and local fields are read as the reference reads them (shifts and masks for L = 2^k).
 * Per hit {@link VectorPhilox#blocks} draws the Philox blocks of the batch's groups, each feeding two sites (the
 * reference's blocks and words, {@link MetropolisKernel#firstBlock}); where a batch is whole groups of 32 work items
 * the words become float uniforms a vector at a time ({@link #drawShared}), elsewhere lane by lane. Float lanes
 * ({@link FloatVector}, twice the double lanes) form the proposals, the action differences and the accept decisions
 * with the reference's operations in the reference's order (the Vector API never fuses), so the chain is the
 * reference's bit for bit. The accept test {@code u < (float) exp(-ds)} is decided by Taylor bounds on exp(-ds) where
 * they decide (with a margin far beyond their float rounding) and by {@link Math#exp} on the few lanes near the
 * boundary. Padding lanes are never stored, so every site takes this path whatever the chunking.
 */
final class VectorSingleMetropolis {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FLOAT_LANES = F.length();
    private static final int CALL = VectorPhilox.LONG_LANES;
    private static final VectorSpecies<Long> WORDS = VectorPhilox.LONGS;
    /** Ints as many as {@link #WORDS}' lanes, half their width: a word vector narrowed to 32-bit lanes. */
    private static final VectorSpecies<Integer> NARROW =
            VectorSpecies.of(int.class, VectorShape.forBitSize(WORDS.vectorBitSize() / 2));
    /** The float {@code 1 - 2^-24}: {@code (1 + m 2^-23) - (1 - 2^-24) = (m + 1/2) 2^-23}, exact. */
    private static final float ONE_LESS_HALF_ULP = 1.0f - 0x1p-24f;
    private static final int GROUP = MetropolisKernel.GROUP;
    private static final int GROUP_BLOCKS = MetropolisKernel.GROUP_BLOCKS;
    /** Work items per batch: a multiple of the float lanes and of the blocks per Philox call. */
    private static final int BATCH = 256;
    /**
     * Margin of the exp bounds: their float rounding is below 5e-6 for ds <= 6, where they can decide, and the
     * reference rounds exp to float (6e-8 relative).
     */
    private static final float MARGIN = 1e-5f;
    /** Blocks of the groups one batch can touch (BATCH / GROUP + 1 groups), rounded up to whole Philox calls. */
    private static final int GROUP_BLOCKS_MAX =
            ((BATCH / MetropolisKernel.GROUP + 1) * MetropolisKernel.GROUP_BLOCKS + CALL - 1) / CALL * CALL;

    static {
        if (BATCH % FLOAT_LANES != 0 || BATCH % CALL != 0) {
            throw new AssertionError("a batch must be whole float vectors and whole Philox calls");
        }
    }

    /** Scratch per worker thread, reused between launches (a launch's chunks never overlap on one thread). */
    private static final ThreadLocal<Lanes> LANES = ThreadLocal.withInitial(Lanes::new);

    private VectorSingleMetropolis() {
    }

    /** Per-task scratch of a batch. */
    private static final class Lanes {
        final int[] site = new int[BATCH];
        /** Per lane: the site's pair index x >>> 1 (in the hypercubic kernel its work item). */
        final int[] item = new int[BATCH];
        /** The blocks of hit 0 of the groups a batch touches, padded to whole Philox calls. */
        final long[] groupBlocks = new long[GROUP_BLOCKS_MAX];
        /** Their words, call by call in {@link VectorPhilox#blocks}'s layout. */
        final long[] groupWords = new long[4 * GROUP_BLOCKS_MAX];
        final float[] phi = new float[BATCH];
        final float[] j = new float[BATCH];
        final float[] sOld = new float[BATCH];
        final float[] step = new float[BATCH];
        final float[] uniform = new float[BATCH];
        final float[] proposal = new float[BATCH];
        final float[] sNew = new float[BATCH];
        final float[] accepted = new float[BATCH];
        final float[] hitAccepted = new float[BATCH];
        /** Per lane: the change of the local action ds of the hit. */
        final float[] ds = new float[BATCH];
        /** Per lane of a table batch: the couplings a_x, b_x rounded to float. */
        final float[] a = new float[BATCH];
        final float[] b = new float[BATCH];
        /** Per lane of a table batch whose pair indices are not consecutive: its own Philox block. */
        final long[] laneBlocks = new long[BATCH];
        final float[] decided = new float[FLOAT_LANES];
        final long[] words = new long[4 * CALL];
        /** Heat bath: per lane its block's word 0 (at k) and word 1 (at BATCH + k), the Box-Muller words. */
        final int[] normalWords = new int[2 * BATCH];
        /** The blocks of one Philox call of {@link #drawShared}. */
        final long[] callBlocks = new long[CALL];
        /** Three packed rows of a 2D lattice ({@link #packed}), their keys 2 row + parity (-1: none), last use. */
        float[][] packedRows = new float[3][0];
        final int[] packedKey = new int[3];
        final int[] packedUse = new int[3];
        int clock;

        /** Forgets the packed rows (the other colour may have changed since the last launch). */
        void newLaunch(int size) {
            Arrays.fill(packedKey, -1);
            int length = size / 2 + 2 + BATCH;
            if (packedRows[0].length < length) {
                packedRows = new float[3][length];
            }
        }
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
        Lanes l = LANES.get();
        l.newLaunch(size);
        // The passes read a and b per lane (the table kernel's are site-dependent)
        Arrays.fill(l.a, qa);
        Arrays.fill(l.b, qb);
        for (int i0 = (int) from; i0 < end; ) {
            int m = Math.min(BATCH, end - i0);
            if (dim == 2) {
                m = Math.min(m, size / 2 - i0 % (size / 2));
            }
            int padded = (m + FLOAT_LANES - 1) / FLOAT_LANES * FLOAT_LANES;
            padded = (padded + CALL - 1) / CALL * CALL;
            if (dim == 2) {
                loadRow(l, field, i0, m, padded, size, colour, kappa);
            } else if (Integer.bitCount(size) == 1) {
                load(l, field, i0, m, padded, Integer.numberOfTrailingZeros(size), dim, colour, kappa);
            } else {
                for (int k = 0; k < padded; k++) {
                    int i = i0 + Math.min(k, m - 1);
                    int x = HypercubicMetropolisKernel.site(i, size, dim, colour);
                    l.site[k] = x;
                    l.item[k] = i;
                    l.phi[k] = field[x];
                    l.j[k] = SingleMetropolisKernel.localField(field, x, size, dim, kappa);
                }
            }
            start(l, padded);
            Arrays.fill(l.accepted, 0, padded, 0.0f);
            boolean shared = shared(i0, m);
            int blocks = shared ? 0 : groupBlocks(l, i0, i0 + m - 1, hits);
            for (int h = 0; h < hits; h++) {
                long add = (long) GROUP_BLOCKS * h;
                if (shared) {
                    drawShared(l, m, i0, seed, stream, hits, add);
                } else {
                    draw(l, padded, blocks, i0, seed, stream, add);
                }
                hit(l, padded, delta);
            }
            for (int k = 0; k < m; k++) {
                field[l.site[k]] = l.phi[k];
                accepted[i0 + k] = l.accepted[k];
            }
            i0 += m;
        }
    }

    /**
     * Fast path of {@link MetropolisKernel#KERNEL_SINGLE} (twin {@link MetropolisKernel#runSingle}, site update
     * {@link SingleMetropolisKernel#hits}): batches of up to {@value #BATCH} sites of the site list loaded from the
     * tables ({@link #loadTable}, with a_x, b_x and J_x + h_x per lane), then per hit the words of {@link #run}'s
     * blocks ({@link #drawTable}), the proposals and action differences with per-lane couplings and the decisions
     * ({@link #hit}).
     */
    static void runTable(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, MetropolisKernel.TABLES_SINGLE, MetropolisKernel.LINEAR_SINGLE);
        float delta = (float) MetropolisKernel.DELTA_SINGLE.of(args);
        int hits = MetropolisKernel.HITS_SINGLE.of(args);
        int end = (int) Math.min(to, t.n());
        float[] field = t.single();
        double[] accepted = t.accepted();
        Lanes l = LANES.get();
        for (int i0 = (int) from; i0 < end; ) {
            int m = Math.min(BATCH, end - i0);
            int padded = (m + FLOAT_LANES - 1) / FLOAT_LANES * FLOAT_LANES;
            padded = (padded + CALL - 1) / CALL * CALL;
            boolean consecutive = loadTable(l, t, i0, m, padded);
            start(l, padded);
            Arrays.fill(l.accepted, 0, padded, 0.0f);
            int blocks = tableBlocks(l, consecutive, m, hits);
            for (int h = 0; h < hits; h++) {
                drawTable(l, consecutive, m, padded, blocks, t, hits, h);
                hit(l, padded, delta);
            }
            for (int k = 0; k < m; k++) {
                field[l.site[k]] = l.phi[k];
                accepted[i0 + k] = l.accepted[k];
            }
            i0 += m;
        }
    }

    /**
     * Fast path of {@link HeatBathKernel#KERNEL_SINGLE} (twin {@link HeatBathKernel#runSingle}): batches of the site
     * list loaded as {@link #runTable} loads them; attempt 0 of every lane in lanes (block {@code x * tries}: the
     * float Box-Muller normal of words 0,1 by {@link VectorRandomF#boxMullerCos}, the accept variate
     * {@link SingleMetropolisKernel#openUnit} of word 2 by {@link #units}, the proposal and ds = b q^2 q^2 by
     * {@link #heatBathProposals}, the decision by {@link #decide}), then the attempts after a rejection lane by lane
     * as the twin makes them ({@link #heatBathRetry}).
     */
    static void runHeatBath(CpuArgs args, long from, long to) {
        int tries = HeatBathKernel.TRIES_SINGLE.of(args);
        if (tries < 1) {
            HeatBathKernel.runSingle(args, from, to);
            return;
        }
        SiteTables t = SiteTables.of(args, HeatBathKernel.TABLES_SINGLE, HeatBathKernel.LINEAR_SINGLE);
        int end = (int) Math.min(to, t.n());
        float[] field = t.single();
        double[] accepted = t.accepted();
        Lanes l = LANES.get();
        for (int i0 = (int) from; i0 < end; ) {
            int m = Math.min(BATCH, end - i0);
            int padded = (m + FLOAT_LANES - 1) / FLOAT_LANES * FLOAT_LANES;
            padded = (padded + CALL - 1) / CALL * CALL;
            loadTable(l, t, i0, m, padded);
            for (int k = 0; k < padded; k++) {
                l.laneBlocks[k] = (long) l.site[k] * tries;
            }
            for (int c = 0; c < padded; c += CALL) {
                VectorPhilox.blocks(t.seed(), t.stream(), l.laneBlocks, c, 0L, l.words);
                for (int b = 0; b < CALL; b++) {
                    l.normalWords[c + b] = (int) l.words[b];
                    l.normalWords[BATCH + c + b] = (int) l.words[CALL + b];
                }
                units(l.words, 2, l.uniform, c);
            }
            VectorRandomF.boxMullerCos(l.normalWords, 0, BATCH, padded, null, 1.0f, l.step, 0);
            heatBathProposals(l, padded);
            decide(l, padded);
            for (int k = 0; k < padded; k += FLOAT_LANES) {
                VectorMask<Float> take = FloatVector.fromArray(F, l.hitAccepted, k).compare(VectorOperators.NE, 0.0f);
                FloatVector.fromArray(F, l.phi, k).blend(FloatVector.fromArray(F, l.proposal, k), take)
                        .intoArray(l.phi, k);
            }
            if (tries > 1) {
                heatBathRetry(l, m, tries, t.seed(), t.stream());
            }
            for (int k = 0; k < m; k++) {
                field[l.site[k]] = l.phi[k];
                accepted[i0 + k] = l.hitAccepted[k];
            }
            i0 += m;
        }
    }

    /**
     * The heat bath's proposals {@code q = J/(2a) + sqrt(1/(2a)) z} of the first {@code n} lanes (z, the normal, in
     * {@link Lanes#step}) into {@link Lanes#proposal} and {@code ds = b q^2 q^2} into {@link Lanes#ds}, the twin's
     * float operations in its order (its square root in double rounded to float is the float square root).
     */
    private static void heatBathProposals(Lanes l, int n) {
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector twoA = FloatVector.fromArray(F, l.a, k).mul(2.0f);
            FloatVector mean = FloatVector.fromArray(F, l.j, k).div(twoA);
            FloatVector sigma = FloatVector.broadcast(F, 1.0f).div(twoA).lanewise(VectorOperators.SQRT);
            FloatVector q = mean.add(sigma.mul(FloatVector.fromArray(F, l.step, k)));
            FloatVector q2 = q.mul(q);
            q.intoArray(l.proposal, k);
            FloatVector.fromArray(F, l.b, k).mul(q2).mul(q2).intoArray(l.ds, k);
        }
    }

    /**
     * Attempts 1 .. tries - 1 of the first {@code m} lanes that attempt 0 rejected, one lane at a time as
     * {@link HeatBathKernel#runSingle} makes them; an accepted attempt sets phi and {@link Lanes#hitAccepted}.
     */
    private static void heatBathRetry(Lanes l, int m, int tries, long seed, long stream) {
        int[] w = new int[4];
        for (int k = 0; k < m; k++) {
            if (l.hitAccepted[k] != 0.0f) {
                continue;
            }
            float mean = l.j[k] / (2.0f * l.a[k]);
            float sigma = (float) Math.sqrt(1.0f / (2.0f * l.a[k]));
            float bx = l.b[k];
            for (int attempt = 1; attempt < tries; attempt++) {
                RandomStreams.block(seed, stream, (long) l.site[k] * tries + attempt, w);
                float q = mean + sigma * PortableFloat.boxMuller(w[0], w[1], false);
                float q2 = q * q;
                if (SingleMetropolisKernel.openUnit(w[2]) < (float) Math.exp(-bx * q2 * q2)) {
                    l.phi[k] = q;
                    l.hitAccepted[k] = 1.0f;
                    break;
                }
            }
        }
    }

    /** Whether work items {@code first ..} ({@code m} of them) are whole groups that {@link #drawShared} can draw. */
    private static boolean shared(int first, int m) {
        return first % GROUP == 0 && m % GROUP == 0 && GROUP_BLOCKS % CALL == 0;
    }

    /**
     * The group blocks ({@link #groupBlocks}) of a table batch that {@link #draw} draws (consecutive pair indices, not
     * whole groups); 0 for the others.
     */
    private static int tableBlocks(Lanes l, boolean consecutive, int m, int hits) {
        int first = l.item[0];
        return consecutive && !shared(first, m) ? groupBlocks(l, first, first + m - 1, hits) : 0;
    }

    /**
     * The words of hit {@code h} of a table batch loaded by {@link #loadTable}: shared blocks where its pair indices
     * are consecutive ({@link #drawShared} for whole groups, else {@link #draw} from {@code blocks} group blocks,
     * {@link #tableBlocks}), a block per lane where they are not ({@link #drawEach}).
     */
    private static void drawTable(Lanes l, boolean consecutive, int m, int padded, int blocks, SiteTables t, int hits,
                                  int h) {
        int first = l.item[0];
        long add = (long) GROUP_BLOCKS * h;
        if (!consecutive) {
            drawEach(l, padded, t.seed(), t.stream(), hits, add);
        } else if (shared(first, m)) {
            drawShared(l, m, first, t.seed(), t.stream(), hits, add);
        } else {
            draw(l, padded, blocks, first, t.seed(), t.stream(), add);
        }
    }

    /**
     * Fast path of {@link OverrelaxationKernel#KERNEL_SINGLE} (twin {@link OverrelaxationKernel#runSingle}): batches
     * of up to {@value #BATCH} sites of the site list, loaded from the tables ({@link #loadTable}); the accept
     * uniform of each site is the one a one-hit Metropolis draws (the same words as {@link #run}, shared blocks where
     * a batch is whole groups of consecutive pair indices, a block per site where the pair indices are not
     * consecutive, {@link #drawEach}); the reflection and ds a float vector at a time ({@link #reflect}), the
     * decisions by {@link #decide}.
     */
    static void runOverrelaxation(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, OverrelaxationKernel.TABLES_SINGLE, OverrelaxationKernel.LINEAR_SINGLE);
        int end = (int) Math.min(to, t.n());
        float[] field = t.single();
        double[] accepted = t.accepted();
        Lanes l = LANES.get();
        for (int i0 = (int) from; i0 < end; ) {
            int m = Math.min(BATCH, end - i0);
            int padded = (m + FLOAT_LANES - 1) / FLOAT_LANES * FLOAT_LANES;
            padded = (padded + CALL - 1) / CALL * CALL;
            boolean consecutive = loadTable(l, t, i0, m, padded);
            drawTable(l, consecutive, m, padded, tableBlocks(l, consecutive, m, 1), t, 1, 0);
            reflect(l, padded);
            decide(l, padded);
            for (int k = 0; k < padded; k += FLOAT_LANES) {
                VectorMask<Float> take = FloatVector.fromArray(F, l.hitAccepted, k).compare(VectorOperators.NE, 0.0f);
                FloatVector.fromArray(F, l.phi, k).blend(FloatVector.fromArray(F, l.proposal, k), take)
                        .intoArray(l.phi, k);
            }
            for (int k = 0; k < m; k++) {
                field[l.site[k]] = l.phi[k];
                accepted[i0 + k] = l.hitAccepted[k];
            }
            i0 += m;
        }
    }

    /**
     * Sites {@code i0 .. i0 + m - 1} of the site list into the lanes (the last repeated up to {@code padded}): site,
     * pair index, field value, a_x and b_x rounded to float and the float local field (the twin's,
     * {@link SiteTables#localFieldSingle}); returns whether their pair indices are consecutive (a two-colour
     * checkerboard's list). The local fields go in a loop of their own, which runs faster than the same calls inside
     * the loop of the other loads (docs/performance.md).
     */
    private static boolean loadTable(Lanes l, SiteTables t, int i0, int m, int padded) {
        int[] sites = t.sites();
        float[] field = t.single();
        double[] qa = t.qa();
        double[] qb = t.qb();
        int firstPair = sites[i0] >>> 1;
        boolean consecutive = true;
        for (int k = 0; k < padded; k++) {
            int x = sites[i0 + Math.min(k, m - 1)];
            l.site[k] = x;
            l.item[k] = x >>> 1;
            l.phi[k] = field[x];
            l.a[k] = (float) qa[x];
            l.b[k] = (float) qb[x];
            consecutive &= k >= m || x >>> 1 == firstPair + k;
        }
        for (int k = 0; k < padded; k++) {
            l.j[k] = t.localFieldSingle(l.site[k]);
        }
        return consecutive;
    }

    /**
     * {@link #draw} for lanes that draw their own blocks: block {@link MetropolisKernel#firstBlock} of each lane's
     * site plus {@code add}, words {@link MetropolisKernel#firstWord} and the next, as the floats
     * {@link SingleMetropolisKernel#openUnit}.
     */
    private static void drawEach(Lanes l, int n, long seed, long stream, int hits, long add) {
        for (int k = 0; k < n; k++) {
            l.laneBlocks[k] = MetropolisKernel.firstBlock(l.site[k], hits);
        }
        for (int c = 0; c < n; c += CALL) {
            VectorPhilox.blocks(seed, stream, l.laneBlocks, c, add, l.words);
            for (int b = 0; b < CALL; b++) {
                int w = MetropolisKernel.firstWord(l.site[c + b]);
                l.step[c + b] = SingleMetropolisKernel.openUnit((int) l.words[w * CALL + b]);
                l.uniform[c + b] = SingleMetropolisKernel.openUnit((int) l.words[(w + 1) * CALL + b]);
            }
        }
    }

    /**
     * Overrelaxation's proposals on the first {@code n} lanes, as {@link OverrelaxationKernel#runSingle} forms them:
     * q = J/a - phi into {@link Lanes#proposal}, ds = b (q^4 - phi^4) into {@link Lanes#ds}; lanes with a = 0, which
     * the twin leaves alone, get ds = +infinity, which {@link #decide} rejects.
     */
    private static void reflect(Lanes l, int n) {
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector p = FloatVector.fromArray(F, l.phi, k);
            FloatVector a = FloatVector.fromArray(F, l.a, k);
            FloatVector q = FloatVector.fromArray(F, l.j, k).div(a).sub(p);
            FloatVector p2 = p.mul(p);
            FloatVector q2 = q.mul(q);
            FloatVector.fromArray(F, l.b, k).mul(q2.mul(q2).sub(p2.mul(p2)))
                    .blend(Float.POSITIVE_INFINITY, a.compare(VectorOperators.EQ, 0.0f)).intoArray(l.ds, k);
            q.intoArray(l.proposal, k);
        }
    }

    /**
     * The batch's sites, field values and local fields on a 2D lattice, the batch part of one row (a line along
     * direction 0): work item i is site {@code 2i + r} ({@link HypercubicMetropolisKernel#site}), so the batch's
     * sites are row positions {@code 2k + r}, k = k0 .., with the row's parity r. Their neighbours are the other
     * colour's sites in the same row and in the rows above and below, which {@link #packed} copies into contiguous
     * arrays; J is then summed a vector at a time in the reference order (right, up, left, down, from 0.0f), so the
     * same floats as {@link SingleMetropolisKernel#localField}.
     */
    private static void loadRow(Lanes l, float[] field, int i0, int m, int padded, int size, int colour,
                                float kappa) {
        int perRow = size / 2;
        int row = i0 / perRow;
        int k0 = i0 - row * perRow;
        int r = (colour + row) & 1;
        int first = row * size + 2 * k0 + r;
        float[] same = packed(l, field, size, row, 1 - r);
        float[] up = packed(l, field, size, row == size - 1 ? 0 : row + 1, r);
        float[] down = packed(l, field, size, row == 0 ? size - 1 : row - 1, r);
        for (int k = 0; k < padded; k++) {
            int c = Math.min(k, m - 1);
            int x = first + 2 * c;
            l.site[k] = x;
            l.item[k] = i0 + c;
            l.phi[k] = field[x];
        }
        FloatVector vk = FloatVector.broadcast(F, kappa);
        for (int k = 0; k < padded; k += FLOAT_LANES) {
            // other-colour site t of a packed row sits at index t + 1; right(k) = t = k + r, left(k) = k + r - 1
            int t = k0 + k + 1;
            FloatVector.zero(F).add(vk.mul(FloatVector.fromArray(F, same, t + r)))
                    .add(vk.mul(FloatVector.fromArray(F, up, t)))
                    .add(vk.mul(FloatVector.fromArray(F, same, t + r - 1)))
                    .add(vk.mul(FloatVector.fromArray(F, down, t)))
                    .intoArray(l.j, k);
        }
    }

    /**
     * The sites of row {@code row} with row positions {@code 2t + parity}, t = 0 .. L/2 - 1, at indices t + 1, with
     * the wrapped neighbours t = -1 and t = L/2 at indices 0 and L/2 + 1 (the rest is slack for padded lanes). Three
     * rows are kept (the three a row needs; the least recently used goes), valid for one launch, in which the other
     * colour does not change; in row order each is copied once per launch.
     */
    private static float[] packed(Lanes l, float[] field, int size, int row, int parity) {
        int key = 2 * row + parity;
        int victim = 0;
        for (int slot = 0; slot < l.packedKey.length; slot++) {
            if (l.packedKey[slot] == key) {
                l.packedUse[slot] = ++l.clock;
                return l.packedRows[slot];
            }
            if (l.packedUse[slot] < l.packedUse[victim]) {
                victim = slot;
            }
        }
        float[] out = l.packedRows[victim];
        int half = size / 2;
        int from = row * size + parity;
        for (int t = 0; t < half; t++) {
            out[t + 1] = field[from + 2 * t];
        }
        out[0] = out[half];
        out[half + 1] = out[1];
        l.packedKey[victim] = key;
        l.packedUse[victim] = ++l.clock;
        return out;
    }

    /**
     * The batch's sites, field values and local fields for {@code L = 2^shift}: {@link HypercubicMetropolisKernel#site}
     * and {@link SingleMetropolisKernel#localField} by shifts and masks, the same neighbours summed in the same order
     * (forward mu = 0..d-1, then backward, from 0.0f), so the same floats; 2D written out.
     */
    private static void load(Lanes l, float[] field, int i0, int m, int padded, int shift, int dim, int colour,
                             float kappa) {
        int size = 1 << shift;
        int mask = size - 1;
        int[] site = l.site;
        int[] item = l.item;
        float[] phi = l.phi;
        float[] jl = l.j;
        for (int k = 0; k < padded; k++) {
            int i = i0 + Math.min(k, m - 1);
            int rest = (2 * i) >>> shift;
            int s = 0;
            for (int mu = 1; mu < dim; mu++) {
                s += rest & mask;
                rest >>>= shift;
            }
            int x = 2 * i + ((colour + s) & 1);
            site[k] = x;
            item[k] = i;
            phi[k] = field[x];
            float j = 0.0f;
            if (dim == 2) {
                int c0 = x & mask;
                int c1 = (x >>> shift) & mask;
                j += kappa * field[c0 == mask ? x - mask : x + 1];
                j += kappa * field[c1 == mask ? x - mask * size : x + size];
                j += kappa * field[c0 == 0 ? x + mask : x - 1];
                j += kappa * field[c1 == 0 ? x + mask * size : x - size];
            } else {
                int stride = 1;
                for (int mu = 0; mu < dim; mu++) {
                    int c = (x >>> (shift * mu)) & mask;
                    j += kappa * field[c == mask ? x - mask * stride : x + stride];
                    stride <<= shift;
                }
                stride = 1;
                for (int mu = 0; mu < dim; mu++) {
                    int c = (x >>> (shift * mu)) & mask;
                    j += kappa * field[c == 0 ? x + mask * stride : x - stride];
                    stride <<= shift;
                }
            }
            jl[k] = j;
        }
    }

    /** s(phi) = a phi^2 + b phi^4 - J phi of the first {@code n} lanes (their own a, b), as the reference forms it. */
    private static void start(Lanes l, int n) {
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector p = FloatVector.fromArray(F, l.phi, k);
            FloatVector p2 = p.mul(p);
            p2.mul(FloatVector.fromArray(F, l.a, k)).add(p2.mul(FloatVector.fromArray(F, l.b, k)).mul(p2))
                    .sub(FloatVector.fromArray(F, l.j, k).mul(p)).intoArray(l.sOld, k);
        }
    }

    /**
     * The hit-0 blocks of the groups of work items {@code first .. last} into {@link Lanes#groupBlocks}: the site of
     * work item i has pair index i ({@code x = 2i + r}), so its block is that of pair index i in
     * {@link MetropolisKernel#firstBlock}, shared with pair index i + 16 (words 2,3) of its group; returns their
     * number, padded to whole Philox calls with copies of the last one.
     */
    private static int groupBlocks(Lanes l, int first, int last, int hits) {
        int g0 = first / MetropolisKernel.GROUP;
        int groups = last / MetropolisKernel.GROUP - g0 + 1;
        int n = groups * MetropolisKernel.GROUP_BLOCKS;
        for (int b = 0; b < n; b++) {
            int g = g0 + b / MetropolisKernel.GROUP_BLOCKS;
            l.groupBlocks[b] = (long) g * hits * MetropolisKernel.GROUP_BLOCKS + b % MetropolisKernel.GROUP_BLOCKS;
        }
        int padded = (n + CALL - 1) / CALL * CALL;
        for (int b = n; b < padded; b++) {
            l.groupBlocks[b] = l.groupBlocks[n - 1];
        }
        return padded;
    }

    /**
     * The two words of each lane's block for this hit ({@link MetropolisKernel#firstWord}), as the floats
     * {@link SingleMetropolisKernel#openUnit}: one Philox call per {@link #CALL} group blocks feeds twice as many
     * sites.
     */
    private static void draw(Lanes l, int n, int blocks, int first, long seed, long stream, long add) {
        for (int c = 0; c < blocks; c += CALL) {
            VectorPhilox.blocks(seed, stream, l.groupBlocks, c, add, l.words);
            System.arraycopy(l.words, 0, l.groupWords, 4 * c, 4 * CALL);
        }
        int g0 = first / MetropolisKernel.GROUP;
        for (int k = 0; k < n; k++) {
            int i = l.item[k];
            int s = i % MetropolisKernel.GROUP;
            int b = (i / MetropolisKernel.GROUP - g0) * MetropolisKernel.GROUP_BLOCKS
                    + s % MetropolisKernel.GROUP_BLOCKS;
            int base = 4 * (b / CALL * CALL) + b % CALL;
            int w = s / MetropolisKernel.GROUP_BLOCKS * 2;
            l.step[k] = SingleMetropolisKernel.openUnit((int) l.groupWords[base + w * CALL]);
            l.uniform[k] = SingleMetropolisKernel.openUnit((int) l.groupWords[base + (w + 1) * CALL]);
        }
    }

    /**
     * {@link #draw} for a batch of whole groups (work items {@code first ..}, {@code first} and {@code m} multiples of
     * {@link MetropolisKernel#GROUP}): lanes {@code k .. k + 15} of a group take words 0,1 of its 16 blocks in order
     * and lanes {@code k + 16 .. k + 31} words 2,3 of the same blocks, so each Philox call feeds twice its blocks'
     * number of lanes, and the words become floats a vector at a time ({@link #units}).
     */
    private static void drawShared(Lanes l, int m, int first, long seed, long stream, int hits, long add) {
        for (int k = 0; k < m; k += GROUP) {
            long base = (long) ((first + k) / GROUP) * hits * GROUP_BLOCKS;
            for (int c = 0; c < GROUP_BLOCKS; c += CALL) {
                for (int b = 0; b < CALL; b++) {
                    l.callBlocks[b] = base + c + b;
                }
                VectorPhilox.blocks(seed, stream, l.callBlocks, 0, add, l.words);
                units(l.words, 0, l.step, k + c);
                units(l.words, 1, l.uniform, k + c);
                units(l.words, 2, l.step, k + GROUP_BLOCKS + c);
                units(l.words, 3, l.uniform, k + GROUP_BLOCKS + c);
            }
        }
    }

    /**
     * Word {@code j} of the blocks of a Philox call ({@link VectorPhilox#blocks} layout, words in [0, 2^32)) as the
     * floats {@link SingleMetropolisKernel#openUnit} into {@code out[at ..]}: with {@code m = w >>> 9} the float bits
     * {@code 0x3F800000 | m} are {@code 1 + m 2^-23}, and subtracting {@code 1 - 2^-24} leaves
     * {@code (m + 1/2) 2^-23}, which has 24 significant bits, so the subtraction is exact and equals the reference.
     */
    private static void units(long[] words, int j, float[] out, int at) {
        for (int lane = 0; lane < CALL; lane += WORDS.length()) {
            ((IntVector) LongVector.fromArray(WORDS, words, j * CALL + lane)
                    .lanewise(VectorOperators.LSHR, 9).or(0x3F80_0000L)
                    .convertShape(VectorOperators.L2I, NARROW, 0))
                    .reinterpretAsFloats().sub(ONE_LESS_HALF_ULP).intoArray(out, at + lane);
        }
    }

    /**
     * One hit on the first {@code n} lanes (their own a, b): proposal, action difference, decision ({@link #decide})
     * and its application.
     */
    private static void hit(Lanes l, int n, float delta) {
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector p = FloatVector.fromArray(F, l.phi, k);
            FloatVector q = p.add(FloatVector.fromArray(F, l.step, k).mul(2.0f).sub(1.0f).mul(delta));
            FloatVector q2 = q.mul(q);
            FloatVector sNew = q2.mul(FloatVector.fromArray(F, l.a, k)).add(q2.mul(FloatVector.fromArray(F, l.b, k))
                    .mul(q2)).sub(FloatVector.fromArray(F, l.j, k).mul(q));
            q.intoArray(l.proposal, k);
            sNew.intoArray(l.sNew, k);
            sNew.sub(FloatVector.fromArray(F, l.sOld, k)).intoArray(l.ds, k);
        }
        decide(l, n);
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector yes = FloatVector.fromArray(F, l.hitAccepted, k);
            VectorMask<Float> take = yes.compare(VectorOperators.NE, 0.0f);
            FloatVector.fromArray(F, l.phi, k).blend(FloatVector.fromArray(F, l.proposal, k), take)
                    .intoArray(l.phi, k);
            FloatVector.fromArray(F, l.sOld, k).blend(FloatVector.fromArray(F, l.sNew, k), take).intoArray(l.sOld, k);
            FloatVector.fromArray(F, l.accepted, k).add(yes).intoArray(l.accepted, k);
        }
    }

    /**
     * The reference's accept decisions {@code ds <= 0 || u < (float) exp(-ds)} of the first {@code n} lanes, 1.0f or
     * 0.0f into {@link Lanes#hitAccepted}, from {@link Lanes#ds} and {@link Lanes#uniform}: by Taylor bounds on
     * exp(-ds) where they decide, by {@link #decideExactly} elsewhere. ds = +infinity (and NaN) is rejected, as
     * the reference rejects it.
     */
    private static void decide(Lanes l, int n) {
        for (int k = 0; k < n; k += FLOAT_LANES) {
            FloatVector x = FloatVector.fromArray(F, l.ds, k);
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
                // Through an array, not a vector assigned in a branch (C2 would box it)
                FloatVector.zero(F).blend(1.0f, sure).intoArray(l.decided, 0);
                decideExactly(l, k);
            }
        }
    }

    /** The reference's decision {@code u < (float) exp(-ds)} on the lanes k.. that the bounds left open. */
    private static void decideExactly(Lanes l, int k) {
        for (int lane = 0; lane < FLOAT_LANES; lane++) {
            if (l.decided[lane] == 0.0f) {
                l.hitAccepted[k + lane] = l.uniform[k + lane] < (float) Math.exp(-l.ds[k + lane]) ? 1.0f : 0.0f;
            }
        }
    }
}
