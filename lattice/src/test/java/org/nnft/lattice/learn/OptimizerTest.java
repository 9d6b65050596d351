package org.nnft.lattice.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {
    private static final double[][] FISHER = {{4, 1}, {1, 2}};

    @Test
    void gradientDescentAndNaturalGradientSteps() {
        double[] theta = {1, 1};
        double[] g = {2, 1};
        assertArrayEquals(new double[] {0, 0.5},
                Optimizer.GRADIENT_DESCENT.step(theta, g, null, 0.5, 0, Double.POSITIVE_INFINITY), 1e-15);
        // F^-1 = (1/7) [[2, -1], [-1, 4]], so F^-1 g = (3/7, 2/7)
        assertArrayEquals(new double[] {1 - 3.0 / 7, 1 - 2.0 / 7},
                Optimizer.NATURAL_GRADIENT.step(theta, g, FISHER, 1.0, 0, Double.POSITIVE_INFINITY), 1e-14);
        // damping lambda: (F + I) x = g -> [[5,1],[1,3]] x = (2,1): x = (5/14, 3/14)
        assertArrayEquals(new double[] {1 - 5.0 / 14, 1 - 3.0 / 14},
                Optimizer.NATURAL_GRADIENT.step(theta, g, FISHER, 1.0, 1.0, Double.POSITIVE_INFINITY), 1e-14);
    }

    @Test
    void trustRegionScalesTheWholeStep() {
        double[] step = Optimizer.GRADIENT_DESCENT.step(new double[] {0, 0}, new double[] {4, -1}, null, 1.0, 0, 0.5);
        assertArrayEquals(new double[] {-0.5, 0.125}, step, 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Optimizer.GRADIENT_DESCENT.step(
                new double[] {0}, new double[] {1}, null, -1, 0, 1)).getMessage().contains("eta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Optimizer.GRADIENT_DESCENT.step(
                new double[] {0}, new double[] {1}, null, 1, 0, 0)).getMessage().contains("maxStep"));
    }
}
