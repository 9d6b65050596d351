package org.nnft.ensemble;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CPU fast paths of the ensemble kernels (Vector API) against the scalar reference bodies
 * ({@code scalar=true}): the same networks, so every moment agrees up to rounding. The bound
 * 1e-11 relative to the moment's natural scale G2^(n/2) covers the per-lane summation order and the
 * ulp-level differences of the vector cos/tan/pow (about 1e-14 per field value at these widths);
 * a single different neuron parameter would show up at order 1/N.
 */
class FastPathTest {
    private static final Architecture[] ARCHITECTURES = {
            CosNet.freeScalar(1, 1.0, 10.0, 1.0, 1),
            CosNet.freeScalar(1, 1.0, 10.0, 1.0, 1000),
            CosNet.freeScalar(2, 0.5, 4.0, 1.0, 7),
            CosNet.freeScalar(2, 0.5, 4.0, 1.0, 130),
            CosNet.freeScalar(3, 1.0, 3.0, 2.0, 9),
            CosNet.freeScalar(4, 1.5, 2.0, 1.0, 20),
            CosNet.cauchy(1.0, 1.0, 13)};

    @Tag("slow")
    @Test
    void fastPathMatchesTheScalarReference() {
        for (Architecture arch : ARCHITECTURES) {
            assertTrue(arch.kernel().hasCpuFastPath(), arch + ": no fast path to test");
            double[][] points = EnsembleTesting.points(arch.inputDimension(), 0.0, 0.3, 1.1);
            EnsembleConfig config = EnsembleConfig.builder(arch, points).maxOrder(4).networks(2_000).blockSize(64)
                    .seed(5).jackknifeBins(8).build();
            EnsembleResult fast = run(config, BackendOptions.of("threads", "2"));
            EnsembleResult scalar = run(config, BackendOptions.of("threads", "2", "scalar", "true"));
            double g2 = Math.abs(fast.correlator(0, 0).moment());
            assertTrue(g2 > 0, arch + ": G2(0,0) must be positive");
            for (int t = 0; t < config.tuples().size(); t++) {
                int[] sites = config.tuples().tuple(t);
                double a = fast.correlator(sites).moment();
                double b = scalar.correlator(sites).moment();
                double scale = Math.pow(g2, sites.length / 2.0);
                assertEquals(b, a, 1e-11 * scale, arch + " tuple " + Arrays.toString(sites));
            }
        }
    }

    private static EnsembleResult run(EnsembleConfig config, BackendOptions options) {
        try (Backend cpu = Backends.named("cpu", options)) {
            return EnsembleRun.run(config, cpu);
        }
    }
}
