package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.MomentumDensity;
import org.nnft.ensemble.arch.ShallowNetwork;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input throws IllegalArgumentException naming the parameter. */
class BadInputTest {

    private static void assertRejects(String parameter, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(parameter), "message should name " + parameter + ": " + x.getMessage());
    }

    @Test
    void architecturesRejectBadHyperparameters() {
        assertRejects("width", () -> CosNet.freeScalar(1, 1, 1, 1, 0));
        assertRejects("mass", () -> CosNet.freeScalar(1, -1, 1, 1, 3));
        assertRejects("mass", () -> CosNet.freeScalar(1, Double.NaN, 1, 1, 3));
        assertRejects("cutoff", () -> CosNet.freeScalar(1, 1, Double.POSITIVE_INFINITY, 1, 3));
        assertRejects("sigmaA", () -> CosNet.freeScalar(1, 1, 1, 0, 3));
        assertRejects("dimension", () -> CosNet.freeScalar(5, 1, 1, 1, 3));
        assertRejects("dimension", () -> new CosNet(2, 1, 1, 1, 3, MomentumDensity.CAUCHY));
        assertRejects("width", () -> ShallowNetwork.scalar(Activation.RELU, 1, -2, 1, 1));
        assertRejects("sigmaW", () -> ShallowNetwork.scalar(Activation.RELU, 1, 2, Double.POSITIVE_INFINITY, 1));
        assertRejects("sigmaB", () -> ShallowNetwork.scalar(Activation.RELU, 1, 2, 1, -0.1));
        assertRejects("inputDimension", () -> ShallowNetwork.scalar(Activation.ERF, 0, 2, 1, 1));
        assertRejects("outputDimension", () -> new ShallowNetwork(Activation.ERF, 1, 0, 2, 1, 1));
    }

    @Test
    void configurationsRejectBadRuns() {
        CosNet net = CosNet.freeScalar(2, 1, 2, 1, 3);
        double[][] pts = {{0, 0}, {1, 0}};
        assertRejects("points", () -> EnsembleConfig.builder(net, new double[][]{{0, 0}, {1}}));
        assertRejects("points", () -> EnsembleConfig.builder(net, new double[][]{{0, Double.NaN}}));
        assertRejects("points", () -> EnsembleConfig.builder(net, new double[0][]));
        assertRejects("points", () -> EnsembleConfig.builder(net, new double[65][2]));
        assertRejects("maxOrder", () -> EnsembleConfig.builder(net, pts).maxOrder(7));
        assertRejects("maxOrder", () -> EnsembleConfig.builder(net, pts).maxOrder(0));
        assertRejects("networks", () -> EnsembleConfig.builder(net, pts).networks(0).build());
        assertRejects("networks", () -> EnsembleConfig.builder(net, pts).networks(300).blockSize(256).build());
        assertRejects("blockSize", () -> EnsembleConfig.builder(net, pts).blockSize(0).build());
        assertRejects("jackknifeBins", () -> EnsembleConfig.builder(net, pts).networks(1000).blockSize(100)
                .jackknifeBins(11).build());
        assertRejects("shardCount", () -> EnsembleConfig.builder(net, pts).networks(1000).blockSize(100)
                .jackknifeBins(4).shard(0, 5).build());
        assertRejects("shardIndex", () -> EnsembleConfig.builder(net, pts).shard(3, 3).build());
        assertRejects("component", () -> net.twoPoint(pts[0], 1, pts[1], 0));
    }
}
