package org.nnft.ensemble.deform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.CorrelatorEstimates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sharded deformed ensembles: the per-bin sums of 1, 2 and 3 reweighting shards (3 of 7 bins: uneven) and the
 * chains of 1, 2 and 3 MCMC shards (of 7 chains) merge into the one-process result bit for bit: bins, shifts,
 * moments, connected correlators, jackknife errors and diagnostics; in both precisions.
 */
class DeformedShardTest {
    private static final Deformation PHI4 = new Deformation(Potential.phi4(2.0), IntegrationBox.cube(1, 4.0, 16));

    private static EnsembleConfig config(Precision precision) {
        return EnsembleConfig.builder(CosNet.freeScalar(1, 1.0, 5.0, 1.0, 20), new double[][]{{0}, {0.5}, {1.0}})
                .maxOrder(4).networks(7 * 320).blockSize(64).jackknifeBins(7).seed(11).precision(precision).build();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reweightingShardsMergeBitForBit(Precision precision) {
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult whole = ReweightSampler.sample(config(precision), PHI4, cpu).result();
            double[] shifts = whole.reweightBins().logShifts();
            assertTrue(Arrays.stream(shifts).distinct().count() > 1, "bins need different shifts to test the "
                    + "rescaling: " + Arrays.toString(shifts));
            for (int k = 1; k <= 3; k++) {
                List<ReweightBins> parts = new ArrayList<>();
                for (int i = k - 1; i >= 0; i--) {                   // any order: concat sorts by bin
                    EnsembleConfig shard = config(precision).shard(i, k);
                    DeformedResult r = DeformedRun.reweight(shard, PHI4, cpu, null, null);
                    parts.add(r.reweightBins());
                }
                if (k == 3) {
                    assertEquals(3, parts.get(0).size());            // 7 bins as 2, 2, 3
                }
                DeformedResult merged = DeformedResult.ofBins(config(precision), PHI4, ReweightBins.concat(parts),
                        whole.provenance());
                assertBinsEqual(whole.reweightBins(), merged.reweightBins());
                assertEstimatesEqual(whole.estimates(), merged.estimates());
                assertEquals(whole.effectiveSampleSize(), merged.effectiveSampleSize(), 0.0);
                assertEquals(whole.samples(), merged.samples());
                assertArrayEquals(whole.binSums().weights(), merged.binSums().weights(), 0.0);
            }
            ReweightBins b0 = DeformedRun.reweight(config(precision).shard(0, 3), PHI4, cpu, null, null).reweightBins();
            ReweightBins b1 = DeformedRun.reweight(config(precision).shard(1, 3), PHI4, cpu, null, null).reweightBins();
            ReweightBins b2 = DeformedRun.reweight(config(precision).shard(2, 3), PHI4, cpu, null, null).reweightBins();
            ReweightBins partial = ReweightBins.concat(List.of(b0, b2));         // a partial merge with a gap
            assertArrayEquals(new long[]{0, 1, 4, 5, 6}, partial.binIds());
            assertBinsEqual(whole.reweightBins(), ReweightBins.concat(List.of(partial, b1)));
            assertThrows(IllegalArgumentException.class, () -> ReweightBins.concat(List.of(b0, b0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void mcmcShardsMergeBitForBit(Precision precision) {
        DeformedRun.Chains chains = new DeformedRun.Chains(7, 3, 30);
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult whole = DeformedRun.mcmc(config(precision), PHI4, chains, cpu, null, null);
            McmcConfig m = DeformedRun.mcmcConfig(config(precision), PHI4, chains);
            for (int k = 1; k <= 3; k++) {
                List<McmcChains> parts = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    parts.add(DeformedRun.mcmc(config(precision), PHI4, chains, i, k, cpu, null, null).mcmcChains());
                }
                DeformedResult merged = McmcChains.concat(parts).result(m, whole.provenance());
                assertEquals(whole.mcmcChains().moments(), merged.mcmcChains().moments());
                assertArrayEquals(whole.mcmcChains().tauIntPhi2(), merged.mcmcChains().tauIntPhi2(), 0.0);
                assertEstimatesEqual(whole.estimates(), merged.estimates());
                assertEquals(whole.acceptance(), merged.acceptance(), 0.0);
                assertEquals(whole.tauIntAction(), merged.tauIntAction(), 0.0);
                assertEquals(whole.tauIntPhi2(), merged.tauIntPhi2(), 0.0);
                assertEquals(whole.samples(), merged.samples());
            }
            assertTrue(whole.acceptance() > 0 && whole.acceptance() < 1, "acceptance " + whole.acceptance());
            assertThrows(IllegalArgumentException.class, () -> DeformedRun.mcmc(config(precision), PHI4, chains, 0, 4,
                    cpu, null, null));                               // 7 chains: at most 3 shards of >= 2
        }
    }

    private static void assertBinsEqual(ReweightBins a, ReweightBins b) {
        assertArrayEquals(a.binIds(), b.binIds());
        assertArrayEquals(a.counts(), b.counts());
        assertArrayEquals(a.weights(), b.weights(), 0.0);
        assertArrayEquals(a.weightSquares(), b.weightSquares(), 0.0);
        assertArrayEquals(a.logShifts(), b.logShifts(), 0.0);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.sums()[i], b.sums()[i], 0.0);
        }
    }

    private static void assertEstimatesEqual(CorrelatorEstimates a, CorrelatorEstimates b) {
        assertArrayEquals(a.moments(), b.moments(), 0.0);
        assertArrayEquals(a.momentErrors(), b.momentErrors(), 0.0);
        assertArrayEquals(a.connected(), b.connected(), 0.0);
        assertArrayEquals(a.connectedErrors(), b.connectedErrors(), 0.0);
    }
}
