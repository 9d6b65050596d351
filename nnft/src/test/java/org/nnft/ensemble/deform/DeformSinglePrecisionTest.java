package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.Tuples;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single-precision deformed kernels ({@code deform_reweight_f32}, docs/physics.md A.6): (1) without
 * interaction it is the free single-precision sampler bit for bit, on the CPU fast path and on the scalar twin;
 * (2) with interaction each bin's weights and weighted sums are within the rounding bound of the double run of the
 * same seed (and differ from it: the networks really are float), and (3) its numbers depend on the seed and the
 * precision only: not on threads, launch chunking or shards; (4) the MCMC kernel ({@code deform_mcmc_f32}) against
 * the double chains. The first-order physics in single precision is in {@link MassShiftTest},
 * {@link PhiFourTreeLevelTest} and {@link McmcTest} (both precisions).
 */
class DeformSinglePrecisionTest {
    private static final double[][] POINTS_1 = {{0}, {0.4}, {1.3}};
    private static final double[][] POINTS_2 = {{0, 0}, {0.5, -0.3}};

    private static EnsembleConfig config(CosNet net, double[][] points, Precision precision) {
        return EnsembleConfig.builder(net, points).maxOrder(4).networks(3000).blockSize(64).seed(17)
                .jackknifeBins(9).launchBlocks(7).precision(precision).build();
    }

    @Test
    void zeroCouplingGivesTheFreeSingleNumbersBitForBit() {
        CosNet[] nets = {CosNet.freeScalar(1, 1.0, 6.0, 1.0, 20), CosNet.freeScalar(2, 0.8, 4.0, 1.0, 12)};
        double[][][] points = {POINTS_1, POINTS_2};
        try (Backend fast = DeformTesting.cpu();
             Backend scalar = Backends.named("cpu", BackendOptions.of("threads", "2", "scalar", "true"))) {
            for (Backend cpu : List.of(fast, scalar)) {
                for (int k = 0; k < nets.length; k++) {
                    EnsembleConfig config = config(nets[k], points[k], Precision.SINGLE);
                    Deformation zero = new Deformation(Potential.phi4(0.0),
                            IntegrationBox.cube(nets[k].inputDimension(), 4.0, 8));
                    EnsembleSample free = EnsembleSampler.sample(config, cpu);
                    ReweightSample rw = ReweightSampler.sample(config, zero, cpu);
                    EnsembleSample freeDouble = EnsembleSampler.sample(config.withPrecision(Precision.DOUBLE), cpu);
                    assertEquals(0.0, rw.logReference());
                    for (int b = 0; b < rw.counts().length; b++) {
                        long id = rw.firstBin() + b;
                        assertEquals((double) free.moments().count(id), rw.weights()[b]);
                        assertArrayEquals(free.moments().sums(id), rw.sums()[b], 0.0, "bin " + id);
                        assertFalse(Arrays.equals(freeDouble.moments().sums(id), rw.sums()[b]),
                                "single precision sums differ from the double ones");
                    }
                }
            }
        }
    }

    /**
     * Per bin (sums relative to the bin's largest weight, so the comparison is of like with like): weights within
     * 1e-5 relative, weighted sums within 1e-5 of the sum of weight x natural scale prod_j sqrt(G(x_j, x_j)). A.6
     * bounds a field value by u sum_i R_i (8 + 2 (pi + Lambda |y|_1) + N) ~ 3e-6 of its scale here (N = 20,
     * Lambda = 6, |y| <= 2) and the log weight by cell sum_g |V'(phi_g)| B(y_g); both stay below 1e-5 relative.
     */
    @Test
    void interactingSumsAreTheDoubleOnesWithinTheRoundingBound() {
        CosNet net = CosNet.freeScalar(1, 1.0, 6.0, 1.0, 20);
        Deformation phi4 = new Deformation(Potential.phi4(2.0), IntegrationBox.cube(1, 4.0, 16));
        try (Backend cpu = DeformTesting.cpu()) {
            ReweightSample s = ReweightSampler.sample(config(net, POINTS_1, Precision.SINGLE), phi4, cpu);
            ReweightSample d = ReweightSampler.sample(config(net, POINTS_1, Precision.DOUBLE), phi4, cpu);
            Tuples tuples = s.config().tuples();
            double[] g = new double[POINTS_1.length];
            for (int p = 0; p < g.length; p++) {
                g[p] = net.twoPoint(POINTS_1[p], 0, POINTS_1[p], 0);
            }
            double largest = 0;
            for (int b = 0; b < s.counts().length; b++) {
                assertEquals(d.weights()[b], s.weights()[b], 1e-5 * d.weights()[b], "weights of bin " + b);
                for (int t = 0; t < tuples.size(); t++) {
                    double scale = d.weights()[b];
                    for (int site : tuples.tuple(t)) {
                        scale *= Math.sqrt(g[site]);
                    }
                    double diff = Math.abs(s.sums()[b][t] - d.sums()[b][t]);
                    assertTrue(diff <= 1e-5 * scale, "bin " + b + " tuple " + t + ": " + diff + " vs " + scale);
                    largest = Math.max(largest, diff / scale);
                }
            }
            assertTrue(largest > 0, "single precision differs from double");
        }
    }

    @Test
    void dependsOnTheSeedAndPrecisionOnlyNotOnThreadsChunksOrShards() {
        CosNet net = CosNet.freeScalar(2, 0.8, 4.0, 1.0, 12);
        Deformation phi4 = new Deformation(Potential.phi4(1.0), IntegrationBox.cube(2, 3.0, 6));
        EnsembleConfig config = config(net, POINTS_2, Precision.SINGLE);
        try (Backend one = Backends.named("cpu", BackendOptions.of("threads", "1"));
             Backend two = DeformTesting.cpu()) {
            ReweightBins whole = ReweightSampler.sample(config, phi4, one).bins();
            ReweightBins chunked = ReweightSampler.sample(EnsembleConfig.builder(net, POINTS_2).maxOrder(4)
                    .networks(3000).blockSize(64).seed(17).jackknifeBins(9).launchBlocks(2)
                    .precision(Precision.SINGLE).build(), phi4, two).bins();
            ReweightBins sharded = ReweightBins.concat(List.of(
                    ReweightSampler.sample(config.shard(0, 2), phi4, two).bins(),
                    ReweightSampler.sample(config.shard(1, 2), phi4, two).bins()));
            for (ReweightBins other : List.of(chunked, sharded)) {
                assertArrayEquals(whole.counts(), other.counts());
                assertArrayEquals(whole.weights(), other.weights(), 0.0);
                assertArrayEquals(whole.weightSquares(), other.weightSquares(), 0.0);
                assertArrayEquals(whole.logShifts(), other.logShifts(), 0.0);
                for (int b = 0; b < whole.sums().length; b++) {
                    assertArrayEquals(whole.sums()[b], other.sums()[b], 0.0);
                }
            }
        }
    }

    /**
     * MCMC in single precision proposes the float networks of the double chain's Philox words, so short chains make
     * the same Metropolis decisions (a flip needs a uniform within ~1e-7 of exp(-Delta S)) and measure the float
     * fields of the same networks: every moment within 1e-5 of its natural scale, yet not equal. Shards of the
     * chains merge bit for bit.
     */
    @Test
    void mcmcIsTheDoubleChainWithinTheRoundingBoundAndShardsMerge() {
        CosNet net = CosNet.freeScalar(1, 1.0, 6.0, 1.0, 20);
        Deformation phi4 = new Deformation(Potential.phi4(2.0), IntegrationBox.cube(1, 4.0, 16));
        McmcConfig d = McmcConfig.of(net, POINTS_1, 4, phi4, 8, 2, 20, 5);
        McmcConfig s = d.withPrecision(Precision.SINGLE);
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult rs = McmcSampler.sample(s, cpu);
            DeformedResult rd = McmcSampler.sample(d, cpu);
            assertEquals(rd.acceptance(), rs.acceptance());
            assertTrue(rs.acceptance() > 0.2 && rs.acceptance() < 1, "acceptance " + rs.acceptance());
            Tuples tuples = s.tuples();
            double[] ms = rs.estimates().moments();
            double[] md = rd.estimates().moments();
            double largest = 0;
            for (int t = 0; t < tuples.size(); t++) {
                double scale = 1;
                for (int site : tuples.tuple(t)) {
                    scale *= Math.sqrt(net.twoPoint(POINTS_1[site], 0, POINTS_1[site], 0));
                }
                assertEquals(md[t], ms[t], 1e-5 * scale, "tuple " + t);
                largest = Math.max(largest, Math.abs(ms[t] - md[t]) / scale);
            }
            assertTrue(largest > 0, "single precision differs from double");
            McmcChains merged = McmcChains.concat(List.of(McmcSampler.shard(s, 0, 2, cpu).mcmcChains(),
                    McmcSampler.shard(s, 1, 2, cpu).mcmcChains()));
            assertEquals(rs.mcmcChains().moments(), merged.moments());
            assertArrayEquals(rs.mcmcChains().accepted(), merged.accepted());
        }
    }
}
