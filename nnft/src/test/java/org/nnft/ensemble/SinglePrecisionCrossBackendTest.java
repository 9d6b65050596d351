package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.engine.conformance.TestBackends;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.theory.Activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The single-precision fused kernels ({@code ensemble_cosnet_f32}, {@code ensemble_shallow_net_f32}: cosnet.c and
 * shallow_net.c compiled for float) on OpenCL against their Java twins on the CPU backend's scalar body: the same
 * float operations in the same order, except that OpenCL's float division and square root may be off by 2.5 and 3
 * ulp, and tan/pow/exp are library doubles rounded to float. So each field differs by a few float ulps of its terms,
 * and each per-bin sum of products by about 1e-6 of the sum of magnitudes; 1e-5 relative bounds that, while a
 * different Philox word or neuron would change the sums at order one.
 */
class SinglePrecisionCrossBackendTest {

    @Test
    void openClGivesTheCpuSumsInSinglePrecision() {
        TestBackends.requireOrSkip("opencl");
        double[][] p1 = {{0}, {0.3}, {1.1}};
        double[][] p2 = {{0, 0}, {0.3, -0.2}, {1.1, 0.4}};
        Architecture[] archs = {CosNet.freeScalar(1, 1.0, 10.0, 1.0, 30), CosNet.freeScalar(2, 0.5, 4.0, 1.0, 30),
                CosNet.freeScalar(3, 1.0, 3.0, 1.0, 12), CosNet.cauchy(1.0, 1.0, 30),
                new ShallowNetwork(Activation.RELU, 2, 2, 20, 1.2, 0.3), new ShallowNetwork(Activation.ERF, 2, 1, 20,
                1.0, 0.1), new ShallowNetwork(Activation.GAUSS, 2, 1, 20, 0.8, 0.2)};
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("scalar", "true"));
             Backend gpu = Backends.named("opencl")) {
            for (Architecture arch : archs) {
                double[][] pts = arch.inputDimension() == 1 ? p1 : p2;
                if (arch.inputDimension() == 3) {
                    pts = new double[][]{{0, 0, 0}, {0.3, -0.2, 0.5}};
                }
                EnsembleConfig c = EnsembleConfig.builder(arch, pts).maxOrder(4).networks(512).blockSize(64)
                        .seed(99).jackknifeBins(8).precision(Precision.SINGLE).build();
                var a = EnsembleSampler.sample(c, cpu).moments();
                var b = EnsembleSampler.sample(c, gpu).moments();
                assertEquals(a.blockCount(), b.blockCount());
                for (long id : a.blockIds()) {
                    double[] x = a.sums(id);
                    double[] y = b.sums(id);
                    for (int t = 0; t < x.length; t++) {
                        double scale = Math.abs(x[t]) + a.count(id);
                        assertEquals(x[t], y[t], 1e-5 * scale, arch + " bin " + id + " tuple " + t);
                    }
                }
            }
        }
    }
}
