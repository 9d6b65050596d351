package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.theory.Activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CPU fast paths of the shallow-network ensemble kernel, double and single precision, against the scalar
 * reference bodies ({@code scalar=true}) through a whole run: one network per lane, the same operations in the same
 * order and the tuple products summed per network in the reference's order, so every block sum agrees bit for bit
 * (tolerance 0, {@code BlockMoments.equals}). Blocks of 20 networks are not a multiple of the lane count (their tails
 * take the scalar body); the nets cover erf, ReLU and Gauss, d = 1, 2, 3, d_out = 2 and odd widths.
 */
class ShallowFastPathTest {
    private static final ShallowNetwork[] NETS = {
            new ShallowNetwork(Activation.ERF, 1, 1, 7, 1.3, 0.2),
            new ShallowNetwork(Activation.RELU, 2, 2, 13, 1.1, 0.3),
            new ShallowNetwork(Activation.GAUSS, 3, 1, 9, 0.9, 0.2),
            new ShallowNetwork(Activation.ERF, 3, 2, 21, 1.2, 0.4),
            new ShallowNetwork(Activation.GAUSS, 1, 2, 5, 1.0, 0.1)};

    @Test
    void fastPathSumsAreTheReferenceSumsBitForBit() {
        for (ShallowNetwork net : NETS) {
            assertTrue(net.kernel().hasCpuFastPath() && net.kernel(Precision.SINGLE).hasCpuFastPath(), "no fast path");
            double[][] points = EnsembleTesting.points(net.inputDimension(), -0.7, 0.1, 0.9);
            for (Precision precision : new Precision[] {Precision.DOUBLE, Precision.SINGLE}) {
                EnsembleConfig config = EnsembleConfig.builder(net, points).maxOrder(4).networks(150).blockSize(20)
                        .seed(9).jackknifeBins(4).precision(precision).build();
                EnsembleResult fast = run(config, BackendOptions.of("threads", "2"));
                EnsembleResult scalar = run(config, BackendOptions.of("threads", "2", "scalar", "true"));
                assertEquals(scalar.moments(), fast.moments(), net + " " + precision);
            }
        }
    }

    private static EnsembleResult run(EnsembleConfig config, BackendOptions options) {
        try (Backend cpu = Backends.named("cpu", options)) {
            return EnsembleRun.run(config, cpu);
        }
    }
}
