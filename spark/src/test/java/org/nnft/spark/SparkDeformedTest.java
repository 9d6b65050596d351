package org.nnft.spark;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.DeformedRun;
import org.nnft.stats.CorrelatorEstimates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Spark job of a deformed ensemble on {@code local[2]} equals the one-process result bit for bit (moments,
 * connected correlators, jackknife errors, ESS, acceptance and tau_int), reweighted (7 bins in 1, 2 and 3 tasks)
 * and by MCMC (7 chains in 1, 2 and 3 tasks).
 */
class SparkDeformedTest {
    private static final EnsembleSpec FREE = new EnsembleSpec("cos", 1, 12, 1, 7 * 192, 1.0, 5.0, 1.0, 1.0, 0.0,
            new double[][]{{0}, {0.5}}, 4, 64, 7, 5);
    private static final DeformedRun.Chains CHAINS = new DeformedRun.Chains(7, 2, 20);

    private static DeformedSpec spec(DeformedRun.Sampler sampler) {
        return new DeformedSpec(FREE, "phi4", 2.0, new double[]{4.0}, 8, sampler, CHAINS);
    }

    private static void assertBitForBit(DeformedResult expected, DeformedResult actual) {
        CorrelatorEstimates e = expected.estimates(), a = actual.estimates();
        assertArrayEquals(e.moments(), a.moments(), 0.0);
        assertArrayEquals(e.momentErrors(), a.momentErrors(), 0.0);
        assertArrayEquals(e.connected(), a.connected(), 0.0);
        assertArrayEquals(e.connectedErrors(), a.connectedErrors(), 0.0);
        assertEquals(expected.samples(), actual.samples());
        assertEquals(expected.effectiveSampleSize(), actual.effectiveSampleSize(), 0.0);
        assertEquals(expected.acceptance(), actual.acceptance(), 0.0);
        assertEquals(expected.tauIntAction(), actual.tauIntAction(), 0.0);
        assertEquals(expected.tauIntPhi2(), actual.tauIntPhi2(), 0.0);
    }

    @Test
    void equalsTheOneProcessResultBitForBit() {
        for (DeformedRun.Sampler sampler : DeformedRun.Sampler.values()) {
            DeformedSpec spec = spec(sampler);
            DeformedResult oneProcess;
            try (Backend cpu = Backends.named("cpu")) {
                oneProcess = sampler == DeformedRun.Sampler.MCMC
                        ? DeformedRun.mcmc(spec.config(), spec.deformation(), CHAINS, cpu, null, null)
                        : DeformedRun.reweight(spec.config(), spec.deformation(), cpu, null, null);
            }
            for (int shards = 1; shards <= 3; shards++) {
                DeformedResult r = SparkDeformed.run(SparkTestSession.context(), spec, "cpu", "cuda", shards);
                assertBitForBit(oneProcess, r);
                assertEquals("all " + shards, r.provenance().shards());
            }
        }
    }

    @Test
    void refusesShardsOfFewerThanTwoBinsOrChains() {
        assertThrows(IllegalArgumentException.class, () -> SparkDeformed.run(SparkTestSession.context(),
                spec(DeformedRun.Sampler.REWEIGHT), "cpu", "cuda", 4));
    }
}
