package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.MomentumDensity;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.JackknifeResult;
import org.nnft.stats.Tuples;
import org.nnft.theory.CauchyDensity;
import org.nnft.theory.CosNetCorrelators;
import org.nnft.theory.CosNetTangentKernel;
import org.nnft.theory.InfiniteWidthKernels;
import org.nnft.theory.Parameterization;
import org.nnft.theory.PowerLawFit;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.ShallowNetTangentKernel;
import org.nnft.theory.UniformBallDensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The empirical NTK of sampled networks (docs/ntk.md section 6) on the CPU backend: its networks are the
 * sampler's, its ensemble mean is the analytic NTK at every width (both parameterisations), and its
 * network-to-network variance falls as 1/N.
 */
class EmpiricalNtkTest {

    private static final double[][] POINTS_1D = {{0.0}, {0.4}, {-0.9}};
    private static final double[][] POINTS_2D = {{0.0, 0.3}, {0.5, -0.2}, {-0.7, 0.6}};

    @Test
    void networksAreTheSamplersNetworks() {
        Architecture[] archs = {ShallowNetwork.scalar(Activation.RELU, 2, 7, 1.2, 0.3),
                ShallowNetwork.scalar(Activation.ERF, 2, 5, 1.0, 0.2), CosNet.cauchy(1.0, 1.0, 6),
                CosNet.freeScalar(2, 0.5, 4.0, 1.0, 6)};
        try (Backend cpu = Backends.named("cpu")) {
            for (Architecture arch : archs) {
                double[][] pts = arch.inputDimension() == 1 ? POINTS_1D : POINTS_2D;
                EnsembleConfig c = EnsembleConfig.builder(arch, pts).maxOrder(1).networks(256).blockSize(16)
                        .seed(5).jackknifeBins(4).build();
                var moments = EnsembleSampler.sample(c, cpu).moments();
                EmpiricalNtk ntk = EmpiricalNtk.measure(arch, pts, 256, 16, 4, 5, cpu);
                Tuples tuples = moments.tuples();
                long[] ids = moments.blockIds();
                assertArrayEquals(moments.counts(), ntk.binCounts());
                for (int bin = 0; bin < ids.length; bin++) {
                    double[] sums = moments.sums(ids[bin]);
                    for (int t = 0; t < tuples.size(); t++) {
                        int p = tuples.tuple(t)[0];
                        double expected = sums[t];
                        double actual = ntk.fieldSum(bin, p);
                        if (arch instanceof ShallowNetwork) {
                            // same Java body arithmetic: bit for bit
                            assertEquals(expected, actual, 0.0, arch + " bin " + bin + " point " + p);
                        } else {
                            // the sampler's CPU default for cos-nets is its vector fast path (rounding-level)
                            assertEquals(expected, actual, 1e-11 * (1 + Math.abs(expected)), arch + " point " + p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void meanIsTheAnalyticNtkWithinJackknifeErrors() {
        int width = 6;
        Architecture[] archs = {ShallowNetwork.scalar(Activation.RELU, 2, width, 1.3, 0.4),
                ShallowNetwork.scalar(Activation.ERF, 2, width, 1.1, 0.3),
                ShallowNetwork.scalar(Activation.GAUSS, 2, width, 0.9, 0.2),
                CosNet.cauchy(1.0, 0.8, width), CosNet.freeScalar(2, 1.0, 3.0, 1.0, width)};
        try (Backend cpu = Backends.named("cpu")) {
            for (Architecture arch : archs) {
                double[][] pts = arch.inputDimension() == 1 ? POINTS_1D : POINTS_2D;
                EmpiricalNtk ntk = EmpiricalNtk.measure(arch, pts, 10_000, 64, 16, 11, cpu);
                for (Parameterization par : Parameterization.values()) {
                    InfiniteWidthKernels theory = theory(arch, par);
                    int k = par == Parameterization.STANDARD ? EmpiricalNtk.STANDARD : EmpiricalNtk.NTK;
                    for (int q = 0; q < ntk.pairCount(); q++) {
                        int[] pr = ntk.pair(q);
                        double expected = theory.ntk(pts[pr[0]], pts[pr[1]]);
                        JackknifeResult mean = ntk.mean(k, q);
                        assertTrue(Math.abs(mean.value() - expected) < 4 * mean.error(),
                                arch + " " + par + " pair " + pr[0] + "," + pr[1] + ": " + mean + " vs " + expected);
                        assertTrue(mean.error() < 0.05 * Math.abs(expected) + 1e-3, arch + " error " + mean);
                    }
                }
            }
        }
    }

    @Test
    void ntkVarianceFallsAsOneOverWidth() {
        int[] widths = {4, 16, 64};
        Architecture[][] families = new Architecture[2][widths.length];
        for (int w = 0; w < widths.length; w++) {
            families[0][w] = ShallowNetwork.scalar(Activation.ERF, 2, widths[w], 1.2, 0.3);
            families[1][w] = CosNet.cauchy(1.0, 1.0, widths[w]);
        }
        try (Backend cpu = Backends.named("cpu")) {
            for (Architecture[] family : families) {
                double[][] pts = family[0].inputDimension() == 1 ? POINTS_1D : POINTS_2D;
                double[] x = new double[widths.length];
                double[] y = new double[widths.length];
                double[] dy = new double[widths.length];
                for (int w = 0; w < widths.length; w++) {
                    EmpiricalNtk ntk = EmpiricalNtk.measure(family[w], pts, 4_000, 64, 16, 3, cpu);
                    JackknifeResult v = ntk.variance(EmpiricalNtk.NTK, 1);
                    x[w] = widths[w];
                    y[w] = v.value();
                    dy[w] = v.error();
                }
                PowerLawFit fit = PowerLawFit.fit(x, y, dy);
                assertEquals(-1.0, fit.slope(), Math.max(0.08, 3 * fit.slopeError()), family[0] + " " + fit);
                for (int w = 1; w < widths.length; w++) {
                    double ratio = y[w] * x[w] / (y[0] * x[0]);
                    assertEquals(1.0, ratio, 0.2, family[w] + ": variance * N relative to N = 4");
                }
            }
        }
    }

    /** The analytic NTK of a sampled architecture. */
    static InfiniteWidthKernels theory(Architecture arch, Parameterization par) {
        if (arch instanceof ShallowNetwork s) {
            ShallowNetTheory net = new ShallowNetTheory(s.activation(), s.sigmaW(), s.sigmaB(), s.inputDimension());
            return new ShallowNetTangentKernel(net, par, s.width());
        }
        CosNet c = (CosNet) arch;
        if (c.density() == MomentumDensity.CAUCHY) {
            return new CosNetTangentKernel(new CosNetCorrelators(new CauchyDensity(c.mass()), 1), c.sigmaA(), par,
                    c.width());
        }
        UniformBallDensity density = UniformBallDensity.freeScalar(c.dimension(), c.mass(), c.cutoff(), c.sigmaA());
        return new CosNetTangentKernel(new CosNetCorrelators(density, c.sigmaA()), c.sigmaA(), par, c.width());
    }
}
