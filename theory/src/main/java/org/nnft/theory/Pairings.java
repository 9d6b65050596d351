package org.nnft.theory;

import java.util.ArrayList;
import java.util.List;

/**
 * Perfect matchings of {0..n-1} (n even): the Wick pairings. There are (n-1)!! of them:
 * 3 for n = 4, 15 for n = 6.
 */
public final class Pairings {

    private Pairings() {
    }

    /**
     * All perfect matchings of n points; each matching is an int[n/2][2] of index pairs (i &lt; j),
     * pairs ordered by their first index.
     */
    public static List<int[][]> perfectMatchings(int n) {
        if (n < 0 || n % 2 != 0 || n > 12) {
            throw new IllegalArgumentException("n must be even and in [0, 12], got " + n);
        }
        List<int[][]> out = new ArrayList<>();
        extend(new int[n / 2][], 0, (1 << n) - 1, out);
        return out;
    }

    private static void extend(int[][] partial, int filled, int remaining, List<int[][]> out) {
        if (remaining == 0) {
            int[][] copy = new int[partial.length][];
            for (int k = 0; k < partial.length; k++) {
                copy[k] = partial[k].clone();
            }
            out.add(copy);
            return;
        }
        int first = Integer.numberOfTrailingZeros(remaining);
        int rest = remaining & ~(1 << first);
        for (int others = rest; others != 0; others &= others - 1) {
            int second = Integer.numberOfTrailingZeros(others);
            partial[filled] = new int[] {first, second};
            extend(partial, filled + 1, rest & ~(1 << second), out);
        }
    }

    /** Wick sum over all pairings: sum_pairings prod_pairs k(i, j); e.g. K12 K34 + K13 K24 + K14 K23 for n = 4. */
    public static double wickSum(int n, PairFunction k) {
        double sum = 0;
        for (int[][] matching : perfectMatchings(n)) {
            double term = 1;
            for (int[] pair : matching) {
                term *= k.value(pair[0], pair[1]);
            }
            sum += term;
        }
        return sum;
    }

    /** A symmetric function of two point indices, e.g. a kernel K(x_i, x_j). */
    @FunctionalInterface
    public interface PairFunction {
        double value(int i, int j);
    }
}
