package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.conformance.TestBackends;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.BlockMoments;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The C source of the trained-ensemble kernel on OpenCL (PoCL in CI) against its Java body on the CPU: every
 * bin sum at every recorded step agrees bit for bit for ReLU (no library function) and within 1e-9 relative
 * for erf and Gauss (library exp). Skipped where OpenCL is unavailable, unless NNFT_REQUIRE_OPENCL is set (CI).
 */
class TrainedEnsembleCrossBackendTest {

    @Test
    void openClTrainsLikeTheJavaBody() {
        double[][] test = {{0.1, -0.4}, {0.9, 0.3}};
        double[][] train = {{-0.5, 0.2}, {0.4, 0.7}, {0.0, -1.0}};
        double[] targets = {0.3, -0.2, 0.5};
        TestBackends.requireOrSkip("opencl");
        try (Backend cpu = Backends.named("cpu"); Backend gpu = Backends.named("opencl")) {
            for (Activation act : new Activation[] {Activation.RELU, Activation.ERF, Activation.GAUSS}) {
                EnsembleConfig c = EnsembleConfig.builder(ShallowNetwork.scalar(act, 2, 10, 1.1, 0.3), test)
                        .maxOrder(4).networks(96).blockSize(8).seed(13).jackknifeBins(4).build();
                int[] steps = {0, 2, 7};
                double eta = act == Activation.GAUSS ? 0.05 : 0.4;     // the Gauss net diverges at 0.4
                TrainedEnsemble a = TrainedEnsemble.train(c, train, targets, eta, steps, cpu);
                TrainedEnsemble b = TrainedEnsemble.train(c, train, targets, eta, steps, gpu);
                double tolerance = act == Activation.RELU ? 0 : 1e-9;
                for (int s = 0; s < steps.length; s++) {
                    BlockMoments x = a.moments(s);
                    BlockMoments y = b.moments(s);
                    for (long id : x.blockIds()) {
                        assertEquals(x.count(id), y.count(id));
                        double[] u = x.sums(id);
                        double[] v = y.sums(id);
                        for (int t = 0; t < u.length; t++) {
                            assertEquals(u[t], v[t], tolerance * (Math.abs(u[t]) + x.count(id)),
                                    act + " step " + steps[s] + " bin " + id + " tuple " + t);
                        }
                    }
                }
            }
        }
    }
}
