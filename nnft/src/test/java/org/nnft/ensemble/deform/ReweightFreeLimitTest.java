package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.BlockMoments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without interaction the reweighting sampler is the free sampler: same networks from the same
 * seed, every weight exactly 1, so every bin sum, moment, connected correlator and jackknife error
 * is bit for bit the free one (d = 1 and d = 2, a zero phi^4 coupling on a real grid).
 */
class ReweightFreeLimitTest {

    static Backend cpu() {
        return Backends.named("cpu", BackendOptions.of("threads", "2"));
    }

    @Test
    void zeroCouplingGivesTheFreeNumbersBitForBit() {
        CosNet[] nets = {CosNet.freeScalar(1, 1.0, 6.0, 1.0, 20), CosNet.freeScalar(2, 0.8, 4.0, 1.0, 12)};
        double[][][] points = {{{0}, {0.4}, {1.3}}, {{0, 0}, {0.5, -0.3}}};
        try (Backend cpu = cpu()) {
            for (int k = 0; k < nets.length; k++) {
                CosNet net = nets[k];
                EnsembleConfig config = EnsembleConfig.builder(net, points[k]).maxOrder(4).networks(3000)
                        .blockSize(64).seed(17).jackknifeBins(9).launchBlocks(7).build();
                Deformation zero = new Deformation(Potential.phi4(0.0),
                        IntegrationBox.cube(net.inputDimension(), 4.0, 8));
                EnsembleSample free = EnsembleSampler.sample(config, cpu);
                ReweightSample rw = ReweightSampler.sample(config, zero, cpu);
                BlockMoments m = free.moments();
                assertEquals(0.0, rw.logReference());
                assertEquals(3000.0, rw.effectiveSampleSize());
                for (int b = 0; b < rw.counts().length; b++) {
                    long id = rw.firstBin() + b;
                    assertEquals(m.count(id), rw.counts()[b]);
                    assertEquals((double) m.count(id), rw.weights()[b]);
                    assertArrayEquals(m.sums(id), rw.sums()[b], 0.0, "bin " + id);
                }
                EnsembleResult expected = EnsembleResult.of(free);
                DeformedResult got = rw.result();
                assertArrayEquals(expected.estimates().moments(), got.estimates().moments(), 0.0);
                assertArrayEquals(expected.estimates().momentErrors(), got.estimates().momentErrors(), 0.0);
                assertArrayEquals(expected.estimates().connected(), got.estimates().connected(), 0.0);
                assertArrayEquals(expected.estimates().connectedErrors(), got.estimates().connectedErrors(), 0.0);
                assertFalse(got.essCollapsed());
            }
        }
    }

    /**
     * Deformations far beyond reweighting's reach are flagged (ESS below 1 % of the networks), and
     * the log-sum-exp references keep the weights finite: a strongly negative mass shift makes
     * -S_int reach thousands, where exp(-S_int) itself would overflow.
     */
    @Test
    void collapsedWeightsAreFlaggedNotOverflowed() {
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, 20);
        EnsembleConfig config = EnsembleConfig.builder(net, new double[][]{{0}}).maxOrder(2).networks(4096)
                .blockSize(64).seed(3).jackknifeBins(8).build();
        IntegrationBox box = IntegrationBox.cube(1, 4.0, 16);
        try (Backend cpu = cpu()) {
            for (Potential v : new Potential[]{Potential.phi4(1e6), Potential.massShift(-1e4)}) {
                ReweightSample rw = ReweightSampler.sample(config, new Deformation(v, box), cpu);
                DeformedResult r = rw.result();
                assertTrue(r.essCollapsed(), v + ": ESS " + r.effectiveSampleSize());
                assertTrue(Double.isFinite(r.atPoints(0, 0).moment()) && r.atPoints(0, 0).moment() > 0, v.toString());
                if (v.quadratic() < 0) {
                    assertTrue(rw.logReference() > 1000, "log reference " + rw.logReference());
                }
            }
        }
    }
}
