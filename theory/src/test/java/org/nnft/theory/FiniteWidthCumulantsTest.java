package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Checks the combinatorics of G4_c and G6_c against a brute-force route that never uses the cumulant
 * formulas for Y = W1 h: the full moment E[f(x_1)...f(x_n)] is summed over every assignment of the n
 * factors to the N neurons or to the output bias b1 (independent groups factorise: a neuron group S gives
 * E[W1^|S|] E_S, the bias group E[b1^k]), and the connected parts are then formed with docs/physics.md's
 * moment-to-cumulant relations.
 */
class FiniteWidthCumulantsTest {

    private static final double SW = 1.3, SB = 0.6;

    @Test
    void fourAndSixPointFunctionsMatchBruteForceMomentsAtSmallWidth() {
        // closed-form E_S: exact reference data
        ShallowNetTheory net = new ShallowNetTheory(Activation.GAUSS, SW, SB, 1);
        double[][] x = {{0.2}, {-0.5}, {0.9}, {0.1}, {-1.1}, {0.4}};
        NeuronMoments e = SingleNeuronExpectations.compute(net, x);
        for (int width : new int[] {1, 2, 3}) {
            double g4 = bruteMoment(e, width, new int[] {0, 1, 2, 3});
            double g4c = g4 - Pairings.wickSum(4, (a, b) -> g2(e, width, a, b));
            assertEquals(g4c, FiniteWidthCumulants.g4Connected(e, SW, width), 1e-12 * Math.abs(g4), "N=" + width);

            double g6 = bruteMoment(e, width, new int[] {0, 1, 2, 3, 4, 5});
            double fourTwo = 0;
            for (int a = 0; a < 6; a++) {
                for (int b = a + 1; b < 6; b++) {
                    int[] rest = new int[4];
                    int k = 0;
                    for (int c = 0; c < 6; c++) {
                        if (c != a && c != b) {
                            rest[k++] = c;
                        }
                    }
                    double four = bruteMoment(e, width, rest)
                            - Pairings.wickSum(4, (i, j) -> g2(e, width, rest[i], rest[j]));
                    fourTwo += four * g2(e, width, a, b);
                }
            }
            double g6c = g6 - fourTwo - Pairings.wickSum(6, (a, b) -> g2(e, width, a, b));
            assertEquals(g6c, FiniteWidthCumulants.g6Connected(e, SW, width), 1e-11 * Math.abs(g6), "N=" + width);
        }
    }

    @Test
    void connectedFunctionsScaleAsInverseWidthPowers() {
        ShallowNetTheory relu = new ShallowNetTheory(Activation.RELU, SW, SB, 1);
        double[][] x = {{0.3}, {-0.2}, {0.7}, {1.0}, {-0.6}, {0.0}};
        NeuronMoments e = SingleNeuronExpectations.compute(relu, x);
        assertEquals(FiniteWidthCumulants.g4Connected(e, SW, 1) / 10,
                FiniteWidthCumulants.g4Connected(e, SW, 10), 1e-15);
        assertEquals(FiniteWidthCumulants.g6Connected(e, SW, 1) / 100,
                FiniteWidthCumulants.g6Connected(e, SW, 10), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> FiniteWidthCumulants.g4Connected(e, SW, 0));
        assertThrows(IllegalArgumentException.class, () -> FiniteWidthCumulants.g4Connected(relu, x, 5));
    }

    private static double g2(NeuronMoments e, int width, int a, int b) {
        return bruteMoment(e, width, new int[] {a, b});
    }

    /** E[prod_k f(x_{points[k]})] by summing over assignments of factors to neurons 1..N or the bias (label 0). */
    private static double bruteMoment(NeuronMoments e, int width, int[] points) {
        int n = points.length;
        int labels = width + 1;
        int assignments = (int) Math.pow(labels, n);
        double total = 0;
        for (int code = 0; code < assignments; code++) {
            int[] groupMask = new int[labels];
            int[] groupSize = new int[labels];
            int rest = code;
            for (int k = 0; k < n; k++) {
                int label = rest % labels;
                rest /= labels;
                groupMask[label] |= 1 << points[k];
                groupSize[label]++;
            }
            double term = gaussianMoment(groupSize[0], SB * SB);
            for (int i = 1; i < labels && term != 0; i++) {
                if (groupSize[i] > 0) {
                    term *= gaussianMoment(groupSize[i], SW * SW / width) * e.bySubsetMask(groupMask[i]);
                }
            }
            total += term;
        }
        return total;
    }

    /** E[X^k] for X ~ N(0, variance): (k-1)!! variance^(k/2), zero for odd k. */
    private static double gaussianMoment(int k, double variance) {
        if (k % 2 == 1) {
            return 0;
        }
        double m = 1;
        for (int j = k - 1; j > 0; j -= 2) {
            m *= j * variance;
        }
        return m;
    }
}
