package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.conformance.TestBackends;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.BlockMoments;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The C source of the trained-ensemble kernel on OpenCL (PoCL in CI) against its Java body on the CPU: every
 * bin sum at every recorded step agrees bit for bit for ReLU (no library function) and within 1e-9 relative
 * for erf and Gauss (library exp); for cos-nets (portable cos and sin) bit for bit for the d = 1 ball net and within
 * 1e-9 relative for the Cauchy net (library tan) and a d = 2 ball net (library pow). Skipped where OpenCL is
 * unavailable, unless NNFT_REQUIRE_OPENCL is set (CI).
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
                assertSameSums(a, b, steps, act == Activation.RELU ? 0 : 1e-9, act.toString());
            }
        }
    }

    @Test
    void openClTrainsCosNetsLikeTheJavaBody() {
        double[][] test = {{0.1}, {0.9}, {-0.6}};
        double[][] train = {{-0.5}, {0.4}, {1.1}};
        double[][] test2 = {{0.1, -0.4}, {0.9, 0.3}};
        double[][] train2 = {{-0.5, 0.2}, {0.4, 0.7}, {0.0, -1.0}};
        double[] targets = {0.3, -0.2, 0.5};
        TestBackends.requireOrSkip("opencl");
        Architecture[] nets = {CosNet.freeScalar(1, 1.0, 4.0, 1.0, 10), CosNet.cauchy(1.0, 0.8, 10),
                CosNet.freeScalar(2, 0.5, 3.0, 1.0, 7)};
        try (Backend cpu = Backends.named("cpu"); Backend gpu = Backends.named("opencl")) {
            for (Architecture net : nets) {
                boolean plane = net.inputDimension() == 2;
                EnsembleConfig c = EnsembleConfig.builder(net, plane ? test2 : test).maxOrder(4).networks(96)
                        .blockSize(8).seed(13).jackknifeBins(4).build();
                int[] steps = {0, 2, 7};
                TrainedEnsemble a = TrainedEnsemble.train(c, plane ? train2 : train, targets, 0.4, steps, cpu);
                TrainedEnsemble b = TrainedEnsemble.train(c, plane ? train2 : train, targets, 0.4, steps, gpu);
                boolean portable = net == nets[0];
                assertSameSums(a, b, steps, portable ? 0 : 1e-9, net.toString());
            }
        }
    }

    private static void assertSameSums(TrainedEnsemble a, TrainedEnsemble b, int[] steps, double tolerance,
                                       String what) {
        for (int s = 0; s < steps.length; s++) {
            BlockMoments x = a.moments(s);
            BlockMoments y = b.moments(s);
            for (long id : x.blockIds()) {
                assertEquals(x.count(id), y.count(id));
                double[] u = x.sums(id);
                double[] v = y.sums(id);
                for (int t = 0; t < u.length; t++) {
                    assertEquals(u[t], v[t], tolerance * (Math.abs(u[t]) + x.count(id)),
                            what + " step " + steps[s] + " bin " + id + " tuple " + t);
                }
            }
        }
    }
}
