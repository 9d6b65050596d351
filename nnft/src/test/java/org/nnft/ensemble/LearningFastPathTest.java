package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.arch.EmpiricalNtkKernel;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.ensemble.arch.TrainedEnsembleKernel;
import org.nnft.theory.Activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vector API CPU fast paths of the empirical-NTK and trained-ensemble kernels of scalar shallow networks against
 * their scalar reference bodies ({@code scalar=true}). The fast paths put one network in each double lane and repeat
 * the reference's operations in the reference's order (bit-exact vector Philox and Box-Muller, no fused multiply-add,
 * exp lane by lane through the same scalar function, erf by the bit-exact ErfLanes), so the tolerance is zero: every
 * sum agrees bit for bit. The cases cover input dimensions with one and two Philox blocks per neuron, widths that are
 * not a multiple of the draw chunk (70: sums carried from a full chunk of 64 into a partial one), and blocks whose
 * networks are not a multiple of the lane count (their tails take the scalar body).
 */
class LearningFastPathTest {
    private static final ShallowNetwork[] NETS = {
            ShallowNetwork.scalar(Activation.RELU, 1, 70, 1.3, 0.2),
            ShallowNetwork.scalar(Activation.ERF, 2, 5, 1.1, 0.3),
            ShallowNetwork.scalar(Activation.GAUSS, 3, 17, 0.9, 0.2),
            ShallowNetwork.scalar(Activation.RELU, 3, 40, 1.2, 0.4)};

    @Test
    void empiricalNtkFastPathIsTheReferenceBitForBit() {
        assertTrue(EmpiricalNtkKernel.of(NETS[0]).hasCpuFastPath(), "no fast path to test");
        for (ShallowNetwork net : NETS) {
            double[][] points = EnsembleTesting.points(net.inputDimension(), -0.7, 0.1, 0.9);
            EmpiricalNtk fast = ntk(net, points, BackendOptions.of("threads", "2"));
            EmpiricalNtk scalar = ntk(net, points, BackendOptions.of("threads", "2", "scalar", "true"));
            for (int bin = 0; bin < 4; bin++) {
                for (int p = 0; p < points.length; p++) {
                    assertEquals(scalar.fieldSum(bin, p), fast.fieldSum(bin, p), 0.0, net + " field " + p);
                }
            }
            for (int k : new int[] {EmpiricalNtk.STANDARD, EmpiricalNtk.NTK}) {
                for (int q = 0; q < fast.pairCount(); q++) {
                    assertEquals(scalar.mean(k, q).estimate().value(), fast.mean(k, q).estimate().value(), 0.0,
                            net + " mean " + k + " pair " + q);
                    assertEquals(scalar.variance(k, q).estimate().value(), fast.variance(k, q).estimate().value(),
                            0.0, net + " variance " + k + " pair " + q);
                }
            }
        }
    }

    @Test
    void trainedEnsembleFastPathIsTheReferenceBitForBit() {
        assertTrue(TrainedEnsembleKernel.KERNEL.hasCpuFastPath(), "no fast path to test");
        for (ShallowNetwork net : NETS) {
            int d = net.inputDimension();
            double[][] test = EnsembleTesting.points(d, -0.5, 0.3, 1.0);
            double[][] train = EnsembleTesting.points(d, -0.8, 0.2, 0.6);
            double[] targets = {0.4, -0.3, 0.1};
            EnsembleConfig c = EnsembleConfig.builder(net, test).maxOrder(4).networks(150).blockSize(20).seed(9)
                    .jackknifeBins(4).build();
            int[] steps = {0, 2, 5};
            TrainedEnsemble fast = train(c, train, targets, steps, BackendOptions.of("threads", "2"));
            TrainedEnsemble scalar = train(c, train, targets, steps,
                    BackendOptions.of("threads", "2", "scalar", "true"));
            for (int s = 0; s < steps.length; s++) {
                assertEquals(scalar.moments(s), fast.moments(s), net + " step " + steps[s]);
            }
            assertTrue(fast.moments(2).sums(0)[0] != fast.moments(0).sums(0)[0], "training changes the field");
        }
    }

    private static EmpiricalNtk ntk(ShallowNetwork net, double[][] points, BackendOptions options) {
        try (Backend cpu = Backends.named("cpu", options)) {
            return EmpiricalNtk.measure(net, points, 150, 20, 4, 11, cpu);
        }
    }

    private static TrainedEnsemble train(EnsembleConfig c, double[][] train, double[] targets, int[] steps,
                                         BackendOptions options) {
        try (Backend cpu = Backends.named("cpu", options)) {
            return TrainedEnsemble.train(c, train, targets, 0.2, steps, cpu);
        }
    }
}
