package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.RunCancelledException;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.arch.CosNet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link DeformedRun}: the same numbers as the samplers it drives, progress from 0 to the whole run, and no
 * result once cancelled.
 */
class DeformedRunTest {
    private static final Deformation PHI4 = new Deformation(Potential.phi4(1.0), IntegrationBox.cube(1, 4.0, 16));

    private static EnsembleConfig config() {
        return EnsembleConfig.builder(CosNet.freeScalar(1, 1.0, 5.0, 1.0, 20), new double[][]{{0}, {0.5}})
                .maxOrder(4).networks(4096).blockSize(64).jackknifeBins(8).seed(3).build();
    }

    private static double[] moments(DeformedResult r) {
        double[] m = new double[r.tuples().size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.estimates().moment(i);
        }
        return m;
    }

    @Test
    void drivesTheSamplersAndReportsProgress() {
        List<long[]> reports = new ArrayList<>();
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult rw = DeformedRun.reweight(config(), PHI4, cpu,
                    (done, total) -> reports.add(new long[]{done, total}), null);
            assertArrayEquals(moments(ReweightSampler.sample(config(), PHI4, cpu).result()), moments(rw));
            DeformedRun.Chains chains = new DeformedRun.Chains(4, 2, 10);
            DeformedResult mc = DeformedRun.mcmc(config(), PHI4, chains, cpu, null, null);
            CosNet net = (CosNet) config().architecture();
            DeformedResult direct = McmcSampler.sample(McmcConfig.of(net, config().points(), 4, PHI4, 4, 2, 10, 3),
                    cpu);
            assertArrayEquals(moments(direct), moments(mc));
        }
        assertEquals(2, reports.size());
        assertArrayEquals(new long[]{0, 4096}, reports.get(0));
        assertArrayEquals(new long[]{4096, 4096}, reports.get(1));
        assertEquals(DeformedRun.Sampler.MCMC, DeformedRun.Sampler.named("MCMC"));
    }

    @Test
    void cancelledRunsReturnNothing() {
        Cancellation cancel = new Cancellation();
        try (Backend cpu = DeformTesting.cpu()) {
            assertThrows(RunCancelledException.class, () -> DeformedRun.reweight(config(), PHI4, cpu, (done, total) -> {
                if (done == 0) {
                    cancel.cancel();                    // cancelled while sampling: the result is dropped
                }
            }, cancel));
        }
    }

    @Test
    void singlePrecisionRunsBothSamplersInSingle() {
        EnsembleConfig single = config().withPrecision(Precision.SINGLE);
        DeformedRun.Chains chains = new DeformedRun.Chains(2, 1, 4);
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult rw = DeformedRun.reweight(single, PHI4, cpu, null, null);
            assertArrayEquals(moments(ReweightSampler.sample(single, PHI4, cpu).result()), moments(rw));
            assertFalse(Arrays.equals(moments(DeformedRun.reweight(config(), PHI4, cpu, null, null)), moments(rw)));
            McmcConfig m = DeformedRun.mcmcConfig(single, PHI4, chains);
            assertEquals(Precision.SINGLE, m.precision());
            DeformedResult mc = DeformedRun.mcmc(single, PHI4, chains, cpu, null, null);
            assertArrayEquals(moments(McmcSampler.sample(m, cpu)), moments(mc));
            assertFalse(Arrays.equals(moments(DeformedRun.mcmc(config(), PHI4, chains, cpu, null, null)),
                    moments(mc)));
        }
    }
}
