package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.conformance.TestBackends;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.MomentumDensity;
import org.nnft.ensemble.arch.ShallowNetwork;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The C source of the empirical-NTK kernels on OpenCL (PoCL in CI) against their Java bodies on the CPU:
 * same networks, so every bin's field, Theta and Theta^2 sums agree to the rounding of the library
 * exp/tan/pow (relative 1e-9 of the magnitude). ReLU and the d = 1 ball cos-net, which use no library function (the
 * cos-net's cos and sin are the portable {@code ntk_cos}, {@code ntk_sin}), agree bit for bit.
 * Skipped where OpenCL is unavailable, unless NNFT_REQUIRE_OPENCL is set (CI).
 */
class EmpiricalNtkCrossBackendTest {

    @Test
    void openClGivesTheJavaBodysSums() {
        double[][] p1 = {{0}, {0.3}, {1.1}};
        double[][] p2 = {{0, 0}, {0.3, -0.2}, {1.1, 0.4}, {-0.5, 0.8}};
        Architecture[] archs = {ShallowNetwork.scalar(Activation.RELU, 2, 9, 1.2, 0.3),
                ShallowNetwork.scalar(Activation.ERF, 2, 9, 1.0, 0.1),
                ShallowNetwork.scalar(Activation.GAUSS, 3, 9, 0.8, 0.2), CosNet.cauchy(1.0, 0.7, 9),
                CosNet.freeScalar(1, 1.0, 10.0, 1.0, 9), CosNet.freeScalar(2, 0.5, 4.0, 1.0, 9)};
        TestBackends.requireOrSkip("opencl");
        try (Backend cpu = Backends.named("cpu"); Backend gpu = Backends.named("opencl")) {
            for (Architecture arch : archs) {
                double[][] pts = arch.inputDimension() == 1 ? p1 : arch.inputDimension() == 2 ? p2
                        : new double[][] {{0, 0.1, 0.2}, {0.5, -0.3, 0.9}};
                EmpiricalNtk a = EmpiricalNtk.measure(arch, pts, 500, 16, 4, 21, cpu);
                EmpiricalNtk b = EmpiricalNtk.measure(arch, pts, 500, 16, 4, 21, gpu);
                assertArrayEquals(a.binCounts(), b.binCounts());
                double tolerance = exact(arch) ? 0 : 1e-9;
                for (int bin = 0; bin < 4; bin++) {
                    for (int p = 0; p < pts.length; p++) {
                        double x = a.fieldSum(bin, p);
                        assertEquals(x, b.fieldSum(bin, p), tolerance * (Math.abs(x) + 1), arch + " f " + p);
                    }
                }
                for (int k = 0; k < 2; k++) {
                    for (int q = 0; q < a.pairCount(); q++) {
                        double m = a.mean(k, q).value();
                        double v = a.variance(k, q).value();
                        assertEquals(m, b.mean(k, q).value(), tolerance * (Math.abs(m) + 1), arch + " mean " + q);
                        assertEquals(v, b.variance(k, q).value(), 10 * tolerance * (Math.abs(v) + m * m + 1),
                                arch + " variance " + q);
                    }
                }
            }
        }
    }

    /** Architectures whose kernel uses only correctly rounded operations. */
    private static boolean exact(Architecture arch) {
        return arch instanceof ShallowNetwork s ? s.activation() == Activation.RELU
                : arch instanceof CosNet c && c.density() == MomentumDensity.UNIFORM_BALL && c.dimension() == 1;
    }
}
