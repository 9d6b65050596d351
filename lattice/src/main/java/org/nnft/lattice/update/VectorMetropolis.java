package org.nnft.lattice.update;

import org.nnft.engine.kernel.CpuArgs;

import java.util.Arrays;

import static org.nnft.lattice.update.LaneShape.BLOCKS_PER_CALL;

/**
 * Vector API fast path of {@link MetropolisKernel}, {@link HypercubicMetropolisKernel}, {@link OverrelaxationKernel}
 * and {@link HeatBathKernel} ({@link #runHeatBath})
 * (the CPU backend runs it unless {@code scalar=true}). Work items go in batches ({@link LaneBatch}): the table
 * kernel's in fixed-size batches, the hypercubic kernel's a lattice row (a line along direction 0) at a time in 2D and
 * several short rows at a time in 3D and 4D. {@link LaneBatch#load} reads each site's phi_x and local field (from the
 * tables with {@link LocalField#at}, or by index arithmetic; the reference summation order either way) into lane
 * arrays; per hit, passes over the whole batch then draw the Philox words of each site
 * ({@link MetropolisKernel#firstBlock}, the reference addressing) and turn them into the proposal steps 2u - 1 and the
 * accept uniforms ({@link UniformDraws#draw}), form the proposals and the action differences
 * ({@link HitPasses#propose}), take the accept decisions ({@link HitPasses#decide}) and apply them
 * ({@link HitPasses#apply}); {@link LaneBatch#store} writes phi_x and the accepted counts back. A batch is padded to
 * whole Philox calls with dummy lanes that are never stored, so every site takes this path whatever the chunking. Where
 * a batch holds whole groups of 32 consecutive pair indices (a 2D row of the hypercubic kernel with L a multiple of 64,
 * most batches of its 3D and 4D rows, a table batch of one colour of the two-colour checkerboard), one Philox call
 * feeds twice its number of sites ({@link UniformDraws#draw}); elsewhere each lane draws its own block and keeps the
 * two words it owns.
 *
 * <p>Why passes: each is one small counted loop, so C2 inlines every Vector API call in it (a vector that crosses a
 * call left out of line is boxed), hoists its bounds checks, and the out-of-order core overlaps its iterations; one
 * loop body for the whole hit was a dependency chain longer than the core looks ahead, and ran at its latency.
 *
 * <p>Same chain as the reference body: the proposal, the action difference and the uniforms use the same operations in
 * the same order (the Vector API never fuses), so they are bit-identical, and the accept decisions are the reference's
 * exactly ({@link HitPasses#decideExactly}). Extra terms of the local action (the linear term h) are added in
 * {@link LaneBatch#load}. The kernel arguments are read by name, once per task ({@link SiteTables}, {@link RowBatch}).
 */
final class VectorMetropolis {
    private VectorMetropolis() {
    }

    /** Fast path of {@link MetropolisKernel}: sites and local fields from the tables. */
    static void run(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, MetropolisKernel.TABLES, MetropolisKernel.LINEAR);
        int end = (int) Math.min(to, t.n());
        sweep(new TableBatch(t), t.accepted(), (int) from, end, t.seed(), t.stream(),
                MetropolisKernel.DELTA.of(args), MetropolisKernel.HITS.of(args), false);
    }

    /**
     * Fast path of {@link OverrelaxationKernel}: the batches of {@link #run} with one hit whose proposal is the
     * reflection ({@link HitPasses#reflect}) instead of a random step; the accept variate is drawn as for one hit.
     */
    static void runOverrelaxation(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, OverrelaxationKernel.TABLES, OverrelaxationKernel.LINEAR);
        int end = (int) Math.min(to, t.n());
        sweep(new TableBatch(t), t.accepted(), (int) from, end, t.seed(), t.stream(), 0.0, 1, true);
    }

    /**
     * Fast path of {@link HypercubicMetropolisKernel}: sites and local fields by index arithmetic, a row at a time in
     * 2D and several short rows at a time in 3D and 4D ({@link RowBatch}).
     */
    static void runHypercubic(CpuArgs args, long from, long to) {
        int end = (int) Math.min(to, HypercubicMetropolisKernel.N.of(args));
        if (from >= end) {
            return;
        }
        sweep(new RowBatch(args), HypercubicMetropolisKernel.ACCEPTED.of(args), (int) from, end,
                HypercubicMetropolisKernel.SEED.of(args), HypercubicMetropolisKernel.STREAM.of(args),
                HypercubicMetropolisKernel.DELTA.of(args), HypercubicMetropolisKernel.HITS.of(args), false);
    }

    /**
     * Fast path of {@link HeatBathKernel#KERNEL} (twin {@link HeatBathKernel#run}): the batches of {@link #run}, each
     * lane's first attempt in lanes and the attempts after a rejection lane by lane ({@link HeatBathPasses}).
     */
    static void runHeatBath(CpuArgs args, long from, long to) {
        int tries = HeatBathKernel.TRIES.of(args);
        if (tries < 1) {
            HeatBathKernel.run(args, from, to);
            return;
        }
        SiteTables t = SiteTables.of(args, HeatBathKernel.TABLES, HeatBathKernel.LINEAR);
        int end = (int) Math.min(to, t.n());
        TableBatch lanes = new TableBatch(t);
        long[] words = new long[4 * BLOCKS_PER_CALL];
        int[] w = new int[4];
        for (int i0 = (int) from; i0 < end; ) {
            int m = lanes.load(i0, end, 1);
            HeatBathPasses.address(lanes, t.sites(), i0, m, tries);
            HeatBathPasses.draw(lanes, t.seed(), t.stream(), words);
            HeatBathPasses.propose(lanes);
            HitPasses.decide(lanes, lanes.padded);
            HitPasses.apply(lanes, lanes.padded, false);
            if (tries > 1) {
                HeatBathPasses.retry(lanes, t.sites(), i0, m, tries, t.seed(), t.stream(), w);
            }
            lanes.store(i0, m, t.accepted(), lanes.hitAccepted);
            i0 += m;
        }
    }

    private static void sweep(LaneBatch lanes, double[] accepted, int from, int end, long seed, long stream,
                              double delta, int hits, boolean reflect) {
        long[] words = new long[4 * BLOCKS_PER_CALL];
        for (int i0 = from; i0 < end; ) {
            int m = lanes.load(i0, end, hits);
            int padded = lanes.padded;
            if (hits > 1) {
                Arrays.fill(lanes.acceptedHits, 0, padded, 0.0);
            }
            for (int h = 0; h < hits; h++) {
                UniformDraws.draw(lanes, seed, stream, h, words);
                if (reflect) {
                    HitPasses.reflect(lanes, padded);
                } else {
                    HitPasses.propose(lanes, padded, delta);
                }
                HitPasses.decide(lanes, padded);
                HitPasses.apply(lanes, padded, hits > 1);
            }
            // With one hit the accepted counts are its decisions
            lanes.store(i0, m, accepted, hits > 1 ? lanes.acceptedHits : lanes.hitAccepted);
            i0 += m;
        }
    }
}
