package org.nnft.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Moment-to-cumulant conversion against exact moments of exactly solvable distributions. */
class CumulantsTest {

    private static final double[] MEAN = {0.7, -1.2, 0.4};
    private static final double[][] COVARIANCE = {{1.5, 0.3, -0.4}, {0.3, 0.8, 0.2}, {-0.4, 0.2, 1.1}};

    /** Gaussian with nonzero mean: kappa_1 = mean, kappa_2 = covariance, higher cumulants vanish. */
    @Test
    void gaussianWithMeanHasOnlyFirstAndSecondCumulants() {
        Tuples tuples = Tuples.allUpToOrder(3, 6);
        double[] moments = new double[tuples.size()];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = gaussianMoment(tuples.tuple(i));
        }
        double[] fast = Cumulants.forTuples(tuples).fromMoments(moments);
        for (int i = 0; i < tuples.size(); i++) {
            int[] t = tuples.tuple(i);
            double expected = switch (t.length) {
                case 1 -> MEAN[t[0]];
                case 2 -> COVARIANCE[t[0]][t[1]];
                default -> 0.0;
            };
            double scale = 1e-12 * Math.max(1, Math.abs(moments[i]));
            assertEquals(expected, fast[i], scale * 64, () -> "fast " + Arrays.toString(t));
            assertEquals(expected, Cumulants.ofTuple(t, CumulantsTest::gaussianMoment), scale * 64,
                    () -> "reference " + Arrays.toString(t));
        }
    }

    /**
     * Exponential(1): E X^n = n!, kappa_n = (n-1)!; Poisson(lambda): E X^n = sum_k S(n,k) lambda^k, kappa_n = lambda.
     */
    @Test
    void exponentialAndPoissonCumulantsInClosedForm() {
        double lambda = 1.7;
        for (int n = 1; n <= 6; n++) {
            int[] tuple = new int[n];
            double exponential = Cumulants.ofTuple(tuple, s -> factorial(s.length));
            assertEquals(factorial(n - 1), exponential, 1e-12 * factorial(n));
            double poisson = Cumulants.ofTuple(tuple, s -> touchard(s.length, lambda));
            assertEquals(lambda, poisson, 1e-12 * touchard(n, lambda));
        }
    }

    /** X ~ Poisson, Y ~ Exponential independent: mixed joint cumulants vanish, pure ones as above. */
    @Test
    void mixedCumulantsOfIndependentVariablesVanish() {
        double lambda = 0.9;
        ToDoubleFunction<int[]> moment = s -> {
            int x = 0;
            for (int p : s) {
                x += p == 0 ? 1 : 0;
            }
            return touchard(x, lambda) * factorial(s.length - x);
        };
        Tuples tuples = Tuples.allUpToOrder(2, 6);
        double[] moments = new double[tuples.size()];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = moment.applyAsDouble(tuples.tuple(i));
        }
        double[] cumulants = Cumulants.forTuples(tuples).fromMoments(moments);
        for (int i = 0; i < tuples.size(); i++) {
            int[] t = tuples.tuple(i);
            boolean allX = Arrays.stream(t).allMatch(p -> p == 0);
            boolean allY = Arrays.stream(t).allMatch(p -> p == 1);
            double expected = allX ? lambda : allY ? factorial(t.length - 1) : 0.0;
            assertEquals(expected, cumulants[i], 1e-12 * moments[i] * 32, () -> Arrays.toString(t));
        }
    }

    /** docs/physics.md Part A with G1 = 0: G4c = G4 - [G12 G34 + G13 G24 + G14 G23] and the 6-point formula. */
    @Test
    void reproducesThePhysicsFormulasForVanishingOddMoments() {
        ToDoubleFunction<int[]> g = CumulantsTest::arbitraryEvenMoment;
        int[] four = {0, 1, 2, 3};
        double g4c = g.applyAsDouble(four) - pairings(four, g);
        assertEquals(g4c, Cumulants.ofTuple(four, g), 1e-13);

        int[] six = {0, 1, 2, 3, 4, 5};
        double sumFourTwo = 0;
        for (int e = 0; e < 6; e++) {
            for (int f = e + 1; f < 6; f++) {
                int[] rest = new int[4];
                int k = 0;
                for (int p = 0; p < 6; p++) {
                    if (p != e && p != f) {
                        rest[k++] = p;
                    }
                }
                sumFourTwo += Cumulants.ofTuple(rest, g) * g.applyAsDouble(new int[] {e, f});
            }
        }
        double g6c = g.applyAsDouble(six) - sumFourTwo - pairings(six, g);
        assertEquals(g6c, Cumulants.ofTuple(six, g), 1e-12);
        Tuples tuples = Tuples.allUpToOrder(6, 6);
        double[] moments = new double[tuples.size()];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = g.applyAsDouble(tuples.tuple(i));
        }
        assertEquals(g6c, Cumulants.forTuples(tuples).fromMoments(moments)[tuples.indexOf(six)], 1e-12);
    }

    /** The recursion of the fast path equals the partition sum for arbitrary moment values. */
    @Test
    void fastRecursionEqualsPartitionSumForArbitraryMoments() {
        Tuples tuples = Tuples.allUpToOrder(3, 6);
        SplittableRandom random = new SplittableRandom(4);
        double[] moments = new double[tuples.size()];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = 2 * random.nextDouble() - 1;
        }
        double[] fast = Cumulants.forTuples(tuples).fromMoments(moments);
        for (int i = 0; i < tuples.size(); i++) {
            double reference = Cumulants.ofTuple(tuples.tuple(i), s -> moments[tuples.indexOf(s)]);
            assertEquals(reference, fast[i], 1e-11, Arrays.toString(tuples.tuple(i)));
        }
    }

    @Test
    void rejectsBadInput() {
        Cumulants cumulants = Cumulants.forTuples(Tuples.allUpToOrder(2, 2));
        assertThrows(IllegalArgumentException.class, () -> cumulants.fromMoments(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Cumulants.ofTuple(new int[7], s -> 1));
        assertThrows(IllegalArgumentException.class, () -> Cumulants.forTuples(null));
    }

    /** E[prod x_t] of N(MEAN, COVARIANCE): sum over partial pairings (Isserlis with a mean). */
    static double gaussianMoment(int[] points) {
        if (points.length == 0) {
            return 1;
        }
        int first = points[0];
        int[] rest = Arrays.copyOfRange(points, 1, points.length);
        double sum = MEAN[first] * gaussianMoment(rest);
        for (int j = 0; j < rest.length; j++) {
            sum += COVARIANCE[first][rest[j]] * gaussianMoment(without(rest, j));
        }
        return sum;
    }

    /** Sum over all perfect pairings of the points of prod g(pair). */
    static double pairings(int[] points, ToDoubleFunction<int[]> g) {
        if (points.length == 0) {
            return 1;
        }
        int[] rest = Arrays.copyOfRange(points, 1, points.length);
        double sum = 0;
        for (int j = 0; j < rest.length; j++) {
            sum += g.applyAsDouble(new int[] {points[0], rest[j]}) * pairings(without(rest, j), g);
        }
        return sum;
    }

    /** A symmetric "moment" table with vanishing odd moments and otherwise arbitrary values. */
    static double arbitraryEvenMoment(int[] points) {
        if (points.length % 2 == 1) {
            return 0;
        }
        int[] sorted = points.clone();
        Arrays.sort(sorted);
        return 1 + 0.5 * Math.sin(Arrays.hashCode(sorted));
    }

    static int[] without(int[] a, int j) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, j);
        System.arraycopy(a, j + 1, out, j, a.length - j - 1);
        return out;
    }

    static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    /** Touchard polynomial T_n(lambda) = sum_k S(n,k) lambda^k = E X^n for X ~ Poisson(lambda). */
    static double touchard(int n, double lambda) {
        double[][] stirling = new double[n + 1][n + 1];
        stirling[0][0] = 1;
        for (int i = 1; i <= n; i++) {
            for (int k = 1; k <= i; k++) {
                stirling[i][k] = k * stirling[i - 1][k] + stirling[i - 1][k - 1];
            }
        }
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            sum += stirling[n][k] * Math.pow(lambda, k);
        }
        return sum;
    }
}
