package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.LinearisedDynamics;
import org.nnft.theory.PowerLawFit;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trained cos-net ensembles (docs/ntk.md section 7) on the CPU backend: step 0 is the sampler's ensemble (the same
 * networks; the trained kernel's cosine is the portable one, so every bin sum agrees to rounding, and G2 and G4_c
 * with it), the trained mean and covariance follow the linearised dynamics of the cos-net NTK at large width, and
 * the mean's deviation from it falls with the width like a power near 1/N.
 */
class TrainedCosNetTest {

    private static final double[][] TEST = {{-1.0}, {0.2}, {1.0}};
    private static final double[][] TRAIN = {{-0.8}, {0.6}};
    private static final double[] TARGETS = {0.4, -0.3};

    @Test
    void stepZeroIsTheSamplersEnsemble() {
        CosNet[] nets = {CosNet.freeScalar(1, 1.0, 4.0, 1.0, 12), CosNet.cauchy(1.0, 0.8, 12),
                CosNet.freeScalar(2, 0.5, 3.0, 1.0, 9)};
        double[][] test2 = {{-1.0, 0.3}, {0.2, 0.5}, {1.0, -0.4}};
        double[][] train2 = {{-0.8, 0.1}, {0.6, -0.2}};
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("scalar", "true"))) {
            for (CosNet net : nets) {
                boolean plane = net.dimension() == 2;
                EnsembleConfig c = EnsembleConfig.builder(net, plane ? test2 : TEST).maxOrder(4).networks(600)
                        .blockSize(16).seed(7).jackknifeBins(8).build();
                TrainedEnsemble trained = TrainedEnsemble.train(c, plane ? train2 : TRAIN, TARGETS, 0.3,
                        new int[] {0, 3}, cpu);
                BlockMoments sampled = EnsembleSampler.sample(c, cpu).moments();
                BlockMoments zero = trained.moments(0);
                for (long id : sampled.blockIds()) {
                    assertEquals(sampled.count(id), zero.count(id), net + " bin " + id);
                    double[] u = sampled.sums(id);
                    double[] v = zero.sums(id);
                    for (int t = 0; t < u.length; t++) {
                        // the portable cosine is within 2^-51 of the library's: rounding of the sums only
                        assertEquals(u[t], v[t], 1e-12 * (Math.abs(u[t]) + sampled.count(id)),
                                net + " bin " + id + " tuple " + t);
                    }
                }
                CorrelatorEstimates a = EnsembleResult.of(EnsembleSampler.sample(c, cpu)).estimates();
                CorrelatorEstimates b = trained.estimates(0);
                assertEquals(a.connectedOf(0, 1), b.connectedOf(0, 1), 1e-12, net + ": G2 at step 0");
                assertEquals(a.connectedOf(0, 1, 2, 2), b.connectedOf(0, 1, 2, 2), 1e-12, net + ": G4_c at step 0");
                assertTrue(trained.moments(1).sums(0)[0] != sampled.sums(0)[0], "training changes the field");
            }
        }
    }

    @Test
    void ballNetFollowsTheLinearisedDynamics() {
        followsTheLinearisedDynamics(CosNet.freeScalar(1, 1.0, 4.0, 1.0, 256));
    }

    @Test
    void cauchyNetFollowsTheLinearisedDynamics() {
        followsTheLinearisedDynamics(CosNet.cauchy(1.0, 0.8, 256));
    }

    /** At N = 256, 1024 networks, eta = 0.5/lambda_max, steps 0, 4, 16: as the shallow nets' test. */
    private static void followsTheLinearisedDynamics(CosNet arch) {
        LinearisedDynamics unit = new LinearisedDynamics(TrainedEnsemble.tangentKernels(arch), TRAIN, TARGETS, 1);
        double eta = 0.5 / unit.largestEigenvalue();
        LinearisedDynamics theory = new LinearisedDynamics(TrainedEnsemble.tangentKernels(arch), TRAIN, TARGETS, eta);
        int[] steps = {0, 4, 16};
        EnsembleConfig c = EnsembleConfig.builder(arch, TEST).maxOrder(4).networks(1024).blockSize(16).seed(3)
                .jackknifeBins(16).build();
        try (Backend cpu = Backends.named("cpu")) {
            TrainedEnsemble trained = TrainedEnsemble.train(c, TRAIN, TARGETS, eta, steps, cpu);
            for (int s = 0; s < steps.length; s++) {
                GaussianPrediction expected = theory.afterSteps(steps[s], TEST);
                CorrelatorEstimates e = trained.estimates(s);
                for (int p = 0; p < TEST.length; p++) {
                    double mean = e.momentOf(p);
                    double error = e.momentError(c.tuples().indexOf(p));
                    assertEquals(expected.mean()[p], mean, 4 * error + 0.02,
                            arch + " step " + steps[s] + " mean at " + p);
                    double variance = e.connectedOf(p, p);
                    assertEquals(expected.covariance()[p][p], variance, 0.1 * expected.covariance()[p][p] + 0.01,
                            arch + " step " + steps[s] + " variance at " + p);
                }
                assertEquals(expected.covariance()[0][2], e.connectedOf(0, 2),
                        4 * e.connectedError(c.tuples().indexOf(0, 2)) + 0.01, arch + " step " + steps[s]
                                + " covariance (0, 2)");
            }
        }
    }

    /**
     * The root-sum-square deviation of the trained mean from the linearised theory over the test points after 16
     * steps, at N = 4, 16, 64 (8192 networks each, the same seed): it falls with N, with a fitted slope near -1.
     */
    @Test
    void deviationFromTheLinearisedTheoryFallsWithWidth() {
        int[] widths = {4, 16, 64};
        int[] steps = {16};
        double[] x = new double[widths.length];
        double[] y = new double[widths.length];
        double[] dy = new double[widths.length];
        try (Backend cpu = Backends.named("cpu")) {
            for (int w = 0; w < widths.length; w++) {
                CosNet arch = CosNet.freeScalar(1, 1.0, 4.0, 1.0, widths[w]);
                LinearisedDynamics unit = new LinearisedDynamics(TrainedEnsemble.tangentKernels(arch), TRAIN,
                        TARGETS, 1);
                double eta = 0.5 / unit.largestEigenvalue();
                GaussianPrediction expected = new LinearisedDynamics(TrainedEnsemble.tangentKernels(arch), TRAIN,
                        TARGETS, eta).afterSteps(steps[0], TEST);
                EnsembleConfig c = EnsembleConfig.builder(arch, TEST).maxOrder(2).networks(8192).blockSize(64)
                        .seed(5).jackknifeBins(16).build();
                CorrelatorEstimates e = TrainedEnsemble.train(c, TRAIN, TARGETS, eta, steps, cpu).estimates(0);
                double sum = 0;
                double var = 0;
                for (int p = 0; p < TEST.length; p++) {
                    double d = e.momentOf(p) - expected.mean()[p];
                    double err = e.momentError(c.tuples().indexOf(p));
                    sum += d * d;
                    var += d * d * err * err;
                }
                x[w] = widths[w];
                y[w] = Math.sqrt(sum);
                dy[w] = Math.sqrt(var) / y[w];
                System.out.printf("N=%d deviation %.5f +- %.5f%n", widths[w], y[w], dy[w]);
            }
        }
        PowerLawFit fit = PowerLawFit.fit(x, y, dy);
        System.out.println(fit);
        for (int w = 1; w < widths.length; w++) {
            assertTrue(y[w] < y[w - 1], "the deviation falls with the width: " + Arrays.toString(y));
        }
        assertEquals(-1.0, fit.slope(), 0.3, fit.toString());
    }
}
