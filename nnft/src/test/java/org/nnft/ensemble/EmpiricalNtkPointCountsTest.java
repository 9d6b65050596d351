package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.theory.Activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The empirical-NTK CPU fast path against its scalar reference body, bit for bit (tolerance zero, as in
 * {@link LearningFastPathTest}), for 1 to 7 points: up to 6 points the ReLU sums run in the register path, whose
 * points past the last are clamped to it and dropped, so every count drops a different set; at 7 points in register
 * tiles of 2 rows by 2 or 4 columns. Points include 0 and negative values (inactive ReLU neurons).
 */
class EmpiricalNtkPointCountsTest {
    @Test
    void fastPathIsTheReferenceBitForBitForEveryPointCount() {
        ShallowNetwork[] nets = {ShallowNetwork.scalar(Activation.RELU, 1, 19, 1.3, 0.2),
                ShallowNetwork.scalar(Activation.ERF, 1, 7, 1.1, 0.3)};
        for (ShallowNetwork net : nets) {
            for (int count = 1; count <= 7; count++) {
                double[][] points = new double[count][1];
                for (int p = 0; p < count; p++) {
                    points[p][0] = -0.9 + 0.3 * p;
                }
                EmpiricalNtk fast = ntk(net, points, BackendOptions.of("threads", "2"));
                EmpiricalNtk scalar = ntk(net, points, BackendOptions.of("threads", "2", "scalar", "true"));
                String what = net + " with " + count + " points";
                for (int p = 0; p < count; p++) {
                    assertEquals(scalar.fieldSum(0, p), fast.fieldSum(0, p), 0.0, what + " field " + p);
                }
                for (int k : new int[] {EmpiricalNtk.STANDARD, EmpiricalNtk.NTK}) {
                    for (int q = 0; q < fast.pairCount(); q++) {
                        assertEquals(scalar.mean(k, q).estimate().value(), fast.mean(k, q).estimate().value(), 0.0,
                                what + " mean " + k + " pair " + q);
                        assertEquals(scalar.variance(k, q).estimate().value(),
                                fast.variance(k, q).estimate().value(), 0.0, what + " variance " + k + " pair " + q);
                    }
                }
            }
        }
    }

    private static EmpiricalNtk ntk(ShallowNetwork net, double[][] points, BackendOptions options) {
        try (Backend cpu = Backends.named("cpu", options)) {
            return EmpiricalNtk.measure(net, points, 80, 16, 2, 5, cpu);
        }
    }
}
