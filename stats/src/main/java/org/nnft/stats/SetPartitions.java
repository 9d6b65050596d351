package org.nnft.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * All set partitions of n positions {0..n-1} (Bell(n) of them), each as an array of block bitmasks,
 * with the moment-to-cumulant coefficient (|pi|-1)! (-1)^(|pi|-1). Tables are built once per n and
 * shared. Immutable.
 */
public final class SetPartitions {

    private static final SetPartitions[] CACHE = new SetPartitions[Tuples.MAX_ORDER + 1];

    private final int n;
    private final int[][] blocks;
    private final double[] coefficients;

    private SetPartitions(int n) {
        this.n = n;
        List<int[]> all = new ArrayList<>();
        appendRestrictedGrowth(new int[n], 0, 0, all);
        blocks = all.toArray(new int[0][]);
        coefficients = new double[blocks.length];
        for (int p = 0; p < blocks.length; p++) {
            int k = blocks[p].length;
            double factorial = 1;
            for (int j = 2; j < k; j++) {
                factorial *= j;
            }
            coefficients[p] = (k % 2 == 1 ? 1 : -1) * factorial;
        }
    }

    /** Partitions of n positions, 1 <= n <= {@value Tuples#MAX_ORDER}. */
    public static synchronized SetPartitions of(int n) {
        if (n < 1 || n > Tuples.MAX_ORDER) {
            throw new IllegalArgumentException("n must be in [1, " + Tuples.MAX_ORDER + "], got " + n);
        }
        if (CACHE[n] == null) {
            CACHE[n] = new SetPartitions(n);
        }
        return CACHE[n];
    }

    /** Enumerates restricted growth strings a_0 = 0, a_i <= 1 + max(a_0..a_{i-1}); a_i is the block of position i. */
    private static void appendRestrictedGrowth(int[] labels, int position, int blockCount, List<int[]> out) {
        if (position == labels.length) {
            int[] masks = new int[blockCount];
            for (int p = 0; p < labels.length; p++) {
                masks[labels[p]] |= 1 << p;
            }
            out.add(masks);
            return;
        }
        for (int label = 0; label <= blockCount; label++) {
            labels[position] = label;
            appendRestrictedGrowth(labels, position + 1, Math.max(blockCount, label + 1), out);
        }
    }

    public int n() {
        return n;
    }

    public int count() {
        return blocks.length;
    }

    /** Block bitmasks of partition p (a copy). */
    public int[] blocks(int p) {
        return blocks[p].clone();
    }

    int blockCount(int p) {
        return blocks[p].length;
    }

    int block(int p, int b) {
        return blocks[p][b];
    }

    /** (|pi|-1)! (-1)^(|pi|-1) for partition p. */
    public double coefficient(int p) {
        return coefficients[p];
    }
}
