package org.nnft.ensemble;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.conformance.TestBackends;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fused ensemble kernel on the OpenCL backend (PoCL in CI) against its Java twin on the CPU
 * backend: same seed, same parameters drawn, so every per-bin sum agrees to float64 rounding of the
 * library cos/exp/erf (relative 1e-9 of the sum of magnitudes is far above that and far below any
 * statistical effect). Skipped where OpenCL is unavailable, unless NNFT_REQUIRE_OPENCL is set (CI).
 */
class CrossBackendTest {

    private static Backend openCl() {
        TestBackends.requireOrSkip("opencl");
        return Backends.named("opencl");
    }

    @Tag("slow")
    @Test
    void openClGivesTheCpuSums() {
        double[][] p1 = {{0}, {0.3}, {1.1}};
        double[][] p2 = {{0, 0}, {0.3, -0.2}, {1.1, 0.4}};
        Architecture[] archs = {CosNet.freeScalar(1, 1.0, 10.0, 1.0, 30), CosNet.freeScalar(2, 0.5, 4.0, 1.0, 30),
                CosNet.cauchy(1.0, 1.0, 30), new ShallowNetwork(Activation.RELU, 2, 2, 20, 1.2, 0.3),
                new ShallowNetwork(Activation.ERF, 2, 1, 20, 1.0, 0.1),
                new ShallowNetwork(Activation.GAUSS, 2, 1, 20, 0.8, 0.2)};
        try (Backend cpu = Backends.named("cpu"); Backend gpu = openCl()) {
            for (Architecture arch : archs) {
                double[][] pts = arch.inputDimension() == 1 ? p1 : p2;
                EnsembleConfig c = EnsembleConfig.builder(arch, pts).maxOrder(4).networks(2048).blockSize(64)
                        .seed(99).jackknifeBins(8).build();
                var a = EnsembleSampler.sample(c, cpu).moments();
                var b = EnsembleSampler.sample(c, gpu).moments();
                assertEquals(a.blockCount(), b.blockCount());
                for (long id : a.blockIds()) {
                    double[] x = a.sums(id), y = b.sums(id);
                    for (int t = 0; t < x.length; t++) {
                        double scale = Math.abs(x[t]) + a.count(id);
                        assertEquals(x[t], y[t], 1e-9 * scale, arch + " bin " + id + " tuple " + t);
                    }
                }
            }
        }
    }
}
