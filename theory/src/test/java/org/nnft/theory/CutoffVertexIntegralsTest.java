package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.numbers.gamma.Erf;
import org.junit.jupiter.api.Test;

/** The d-dimensional box integrals of docs/couplings.md section 1 against independent values. */
class CutoffVertexIntegralsTest {

    private static final int[][] TUPLES = {{0, 0, 0, 0}, {0, 1, 2, 2}, {0, 1, 1, 2}, {1, 2, 2, 2}};

    /**
     * The Gauss net's Kt = sigma_W^2 exp(-c |x - y|^2), c = sigma_W^2 / (2d), is a product over coordinates, so
     * I4 = sigma_W^8 prod_a J_a with J_a = int_{-L}^{L} dt exp(-c sum_i (t - x_ia)^2) in closed form (erf).
     */
    @Test
    void gaussNetIntegralsAreProductsOfClosedFormOneDimensionalOnes() {
        double sigmaW = 1.3, sigmaB = 0.4;
        double[][][] pointSets = {
            {{0.2, -0.5}, {1.1, 0.7}, {-0.8, 0.3}},
            {{0.2, -0.5, 0.9}, {1.1, 0.7, -0.3}, {-0.8, 0.3, 0.0}},
        };
        for (double[][] points : pointSets) {
            int d = points[0].length;
            ShallowNetTheory net = new ShallowNetTheory(Activation.GAUSS, sigmaW, sigmaB, d);
            double c = sigmaW * sigmaW / (2.0 * d);
            for (double cutoff : new double[]{1.5, 4}) {
                double[] got = CutoffVertexIntegrals.integrals(
                        (x, j) -> net.kernel(x, points[j]) - sigmaB * sigmaB, points, TUPLES, cutoff);
                for (int t = 0; t < TUPLES.length; t++) {
                    double exact = Math.pow(sigmaW, 8);
                    for (int a = 0; a < d; a++) {
                        exact *= gaussianFactor(points, TUPLES[t], a, c, cutoff);
                    }
                    assertEquals(exact, got[t], 1e-9 * Math.abs(exact), "d=" + d + " L=" + cutoff + " tuple " + t);
                }
            }
        }
    }

    /** int_{-L}^{L} exp(-c sum_i (t - a_i)^2) dt = exp(-c S) sqrt(pi/(n c))/2 [erf(sqrt(n c)(L - m)) + erf(..)]. */
    private static double gaussianFactor(double[][] points, int[] tuple, int axis, double c, double cutoff) {
        int n = tuple.length;
        double mean = 0;
        for (int j : tuple) {
            mean += points[j][axis] / n;
        }
        double spread = 0;
        for (int j : tuple) {
            spread += (points[j][axis] - mean) * (points[j][axis] - mean);
        }
        double s = Math.sqrt(n * c);
        return Math.exp(-c * spread) * Math.sqrt(Math.PI) / (2 * s)
                * (Erf.value(s * (cutoff - mean)) + Erf.value(s * (cutoff + mean)));
    }

    /** d = 1 through the d-dimensional entry point gives the one-dimensional rule's numbers exactly. */
    @Test
    void oneDimensionalPointsGiveTheOneDimensionalRule() {
        double[] x = {0.5, -1.0, 2.0};
        double[][] points = {{0.5}, {-1.0}, {2.0}};
        CutoffPropagator g = new CutoffPropagator(1, 1, 10);
        double[] one = CutoffVertexIntegrals.integrals((t, j) -> g.g(Math.abs(t - x[j])), x, TUPLES, 3);
        double[] many = CutoffVertexIntegrals.integrals((t, j) -> g.g(Math.abs(t[0] - x[j])), points, TUPLES, 3);
        for (int t = 0; t < TUPLES.length; t++) {
            assertEquals(one[t], many[t], 0.0);
        }
    }

    /**
     * The d = 2 free-scalar cos-net (m = 1, Lambda = 3; its kernel is radial and not a product) against an
     * independent iterated adaptive Gauss-Kronrod integral, to 1e-8 of the largest integral (the rule stops at a
     * change of 1e-9 of the largest between rounds).
     */
    private static final int CHECKED = 2; // the reference is slow: the first two tuples

    @Test
    void cosNetInTwoDimensionsMatchesIteratedAdaptiveQuadrature() {
        CosNetCorrelators cos = CosNetCorrelators.freeScalar(2, 1, 3);
        double[][] points = {{0, 0}, {0.5, 0.3}, {-0.4, 0.8}};
        double cutoff = 1.5;
        double[] got = CutoffVertexIntegrals.integrals((x, j) -> cos.g2(x, points[j]), points, TUPLES, cutoff);
        double largest = 0;
        double[] reference = new double[CHECKED];
        for (int t = 0; t < CHECKED; t++) {
            int[] tuple = TUPLES[t];
            reference[t] = GaussKronrod.integrate(u -> GaussKronrod.integrate(v -> {
                double[] x = {u, v};
                double p = 1;
                for (int j : tuple) {
                    p *= cos.g2(x, points[j]);
                }
                return p;
            }, -cutoff, cutoff, 1e-13, 1e-10), -cutoff, cutoff, 1e-12, 1e-10);
            largest = Math.max(largest, Math.abs(reference[t]));
        }
        for (int t = 0; t < CHECKED; t++) {
            assertEquals(reference[t], got[t], 1e-8 * largest, "tuple " + t);
        }
    }

    @Test
    void refusesWhatDoesNotSettleAndMixedDimensions() {
        double[][] points = {{0, 0}, {1, 1}};
        int[][] tuples = {{0, 1}};
        assertThrows(IllegalStateException.class, () -> CutoffVertexIntegrals.integrals(
                (x, j) -> Math.cos(400 * x[0] * x[1] + j), points, tuples, 10));
        assertThrows(IllegalArgumentException.class, () -> CutoffVertexIntegrals.integrals(
                (x, j) -> 1, new double[][]{{0, 0}, {1}}, tuples, 1));
    }
}
