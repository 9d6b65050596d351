package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.InfiniteWidthKernels;
import org.nnft.theory.LinearisedDynamics;
import org.nnft.theory.Parameterization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trained ensembles (docs/ntk.md section 7) on the CPU backend: step 0 is the sampler's ensemble bit for bit
 * (so G2 and G4_c are the sampler's), and the trained mean and covariance follow the linearised dynamics of
 * the infinite-width NTK at large width.
 */
class TrainedEnsembleTest {

    private static final double[][] TEST = {{-1.0}, {0.2}, {1.0}};
    private static final double[][] TRAIN = {{-0.8}, {0.6}};
    private static final double[] TARGETS = {0.4, -0.3};

    @Test
    void stepZeroIsTheSamplersEnsemble() {
        try (Backend cpu = Backends.named("cpu")) {
            for (Activation act : new Activation[] {Activation.RELU, Activation.ERF}) {
                EnsembleConfig c = EnsembleConfig.builder(ShallowNetwork.scalar(act, 1, 12, 1.2, 0.3), TEST)
                        .maxOrder(4).networks(600).blockSize(16).seed(7).jackknifeBins(8).build();
                TrainedEnsemble trained = TrainedEnsemble.train(c, TRAIN, TARGETS, 0.3, new int[] {0, 3}, cpu);
                var sampled = EnsembleSampler.sample(c, cpu).moments();
                assertEquals(sampled, trained.moments(0), act + ": step 0 moments");
                CorrelatorEstimates a = EnsembleResult.of(EnsembleSampler.sample(c, cpu)).estimates();
                CorrelatorEstimates b = trained.estimates(0);
                assertEquals(a.connectedOf(0, 1, 2, 2), b.connectedOf(0, 1, 2, 2), 0.0, act + ": G4_c at step 0");
                assertTrue(trained.moments(1).sums(0)[0] != sampled.sums(0)[0], "training changes the field");
            }
        }
    }

    @Test
    void trainedMeanAndCovarianceFollowTheLinearisedDynamics() {
        int width = 256;
        ShallowNetwork arch = ShallowNetwork.scalar(Activation.RELU, 1, width, 1.3, 0.2);
        InfiniteWidthKernels ntk = EmpiricalNtkTest.theory(arch, Parameterization.NTK);
        double eta = 0.5 / new LinearisedDynamics(ntk, TRAIN, TARGETS, 1).largestEigenvalue();
        LinearisedDynamics theory = new LinearisedDynamics(ntk, TRAIN, TARGETS, eta);
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
                    assertEquals(expected.mean()[p], mean, 4 * error + 0.02, "step " + steps[s] + " mean at " + p);
                    double variance = e.connectedOf(p, p);
                    assertEquals(expected.covariance()[p][p], variance, 0.1 * expected.covariance()[p][p] + 0.01,
                            "step " + steps[s] + " variance at " + p);
                }
            }
        }
    }
}
