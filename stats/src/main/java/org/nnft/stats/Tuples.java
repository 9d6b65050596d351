package org.nnft.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An indexed set of multi-index tuples (i1 <= i2 <= ... <= in) of M points, 1 <= n <= {@value #MAX_ORDER},
 * closed under sub-multisets (every sub-multiset of a member is a member), as needed by the
 * moment-to-cumulant formula. Dense indices run over the tuples sorted by order, then
 * lexicographically, so every sub-multiset of a tuple has a smaller index. Immutable.
 */
public final class Tuples {

    /** Highest supported tuple order. */
    public static final int MAX_ORDER = 6;
    /** Highest supported number of points (10 bits per entry in the lookup key). */
    public static final int MAX_POINTS = 1023;

    private static final Comparator<int[]> ORDER_THEN_LEXICOGRAPHIC =
            Comparator.<int[]>comparingInt(t -> t.length).thenComparing(Arrays::compare);

    private final int pointCount;
    private final int[][] tuples;
    private final Map<Long, Integer> indexByKey;
    private final int[] prefix;
    private final int[] lastPoints;
    private final int maxOrder;

    private Tuples(int pointCount, List<int[]> sorted) {
        this.pointCount = pointCount;
        this.tuples = sorted.toArray(new int[0][]);
        this.indexByKey = HashMap.newHashMap(tuples.length);
        int highest = 0;
        for (int i = 0; i < tuples.length; i++) {
            indexByKey.put(key(tuples[i]), i);
            highest = Math.max(highest, tuples[i].length);
        }
        this.maxOrder = highest;
        this.prefix = new int[tuples.length];
        this.lastPoints = new int[tuples.length];
        for (int i = 0; i < tuples.length; i++) {
            int[] t = tuples[i];
            lastPoints[i] = t[t.length - 1];
            prefix[i] = t.length == 1 ? -1 : indexByKey.get(key(Arrays.copyOf(t, t.length - 1)));
        }
    }

    /** All sorted tuples of the M points of orders 1..maxOrder: sum_n C(M+n-1, n) tuples. */
    public static Tuples allUpToOrder(int pointCount, int maxOrder) {
        requirePointCount(pointCount);
        if (maxOrder < 1 || maxOrder > MAX_ORDER) {
            throw new IllegalArgumentException("maxOrder must be in [1, " + MAX_ORDER + "], got " + maxOrder);
        }
        List<int[]> all = new ArrayList<>();
        for (int order = 1; order <= maxOrder; order++) {
            appendNonDecreasing(new int[order], 0, 0, pointCount, all);
        }
        return new Tuples(pointCount, all);
    }

    /**
     * The given tuples (any order of entries; duplicates allowed) together with all their
     * sub-multisets.
     */
    public static Tuples closureOf(int pointCount, int[]... tuples) {
        requirePointCount(pointCount);
        if (tuples == null || tuples.length == 0) {
            throw new IllegalArgumentException("tuples: at least one tuple is required");
        }
        TreeSet<int[]> closure = new TreeSet<>(ORDER_THEN_LEXICOGRAPHIC);
        for (int[] tuple : tuples) {
            int[] t = validatedSorted(tuple, pointCount);
            for (int mask = 1; mask < 1 << t.length; mask++) {
                closure.add(select(t, mask));
            }
        }
        return new Tuples(pointCount, new ArrayList<>(closure));
    }

    private static void appendNonDecreasing(int[] current, int position, int from, int m, List<int[]> out) {
        if (position == current.length) {
            out.add(current.clone());
            return;
        }
        for (int p = from; p < m; p++) {
            current[position] = p;
            appendNonDecreasing(current, position + 1, p, m, out);
        }
    }

    /** Entries of the sorted tuple t at the positions set in mask (result stays sorted). */
    static int[] select(int[] t, int mask) {
        int[] sub = new int[Integer.bitCount(mask)];
        int k = 0;
        for (int p = 0; p < t.length; p++) {
            if ((mask & (1 << p)) != 0) {
                sub[k++] = t[p];
            }
        }
        return sub;
    }

    public int pointCount() {
        return pointCount;
    }

    public int size() {
        return tuples.length;
    }

    /** Highest order present. */
    public int maxOrder() {
        return maxOrder;
    }

    /** The sorted tuple with the given dense index (a copy). */
    public int[] tuple(int index) {
        return tuples[index].clone();
    }

    public int order(int index) {
        return tuples[index].length;
    }

    /** Dense index of the multiset of points (entries in any order), or -1 if it is not a member. */
    public int indexOf(int... points) {
        if (points == null || points.length == 0 || points.length > MAX_ORDER) {
            return -1;
        }
        int[] sorted = points.clone();
        Arrays.sort(sorted);
        if (sorted[0] < 0 || sorted[sorted.length - 1] >= pointCount) {
            return -1;
        }
        Integer index = indexByKey.get(key(sorted));
        return index == null ? -1 : index;
    }

    /** Like {@link #indexOf} but throws IllegalArgumentException for a non-member. */
    public int requireIndexOf(int... points) {
        int index = indexOf(points);
        if (index < 0) {
            throw new IllegalArgumentException("tuple " + Arrays.toString(points) + " is not in this tuple set");
        }
        return index;
    }

    /** Index of the tuple without its last (largest) point, -1 for order 1. */
    int prefixIndex(int index) {
        return prefix[index];
    }

    /** The last (largest) point of the tuple. */
    int lastPoint(int index) {
        return lastPoints[index];
    }

    /** Index of the sub-multiset at the positions in mask of a member tuple (a member by closure). */
    int subIndex(int index, int mask) {
        return indexByKey.get(key(select(tuples[index], mask)));
    }

    /** All tuples in index order (copies), e.g. for serialisation; {@link #closureOf} restores the set. */
    public int[][] toArray() {
        int[][] copy = new int[tuples.length][];
        for (int i = 0; i < tuples.length; i++) {
            copy[i] = tuples[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuples other && other.pointCount == pointCount && Arrays.deepEquals(other.tuples, tuples);
    }

    @Override
    public int hashCode() {
        return 31 * pointCount + Arrays.deepHashCode(tuples);
    }

    @Override
    public String toString() {
        return "Tuples[points=" + pointCount + ", size=" + tuples.length + ", maxOrder=" + maxOrder + "]";
    }

    private static long key(int[] sorted) {
        long key = 0;
        for (int p : sorted) {
            key = (key << 10) | (p + 1);
        }
        return key;
    }

    private static int[] validatedSorted(int[] tuple, int pointCount) {
        if (tuple == null || tuple.length == 0 || tuple.length > MAX_ORDER) {
            throw new IllegalArgumentException("tuples: each tuple must have 1.." + MAX_ORDER + " points, got "
                    + (tuple == null ? "null" : Arrays.toString(tuple)));
        }
        int[] sorted = tuple.clone();
        Arrays.sort(sorted);
        if (sorted[0] < 0 || sorted[sorted.length - 1] >= pointCount) {
            throw new IllegalArgumentException("tuples: point indices must be in [0, " + pointCount + "), got "
                    + Arrays.toString(tuple));
        }
        return sorted;
    }

    private static void requirePointCount(int pointCount) {
        if (pointCount < 1 || pointCount > MAX_POINTS) {
            throw new IllegalArgumentException("pointCount must be in [1, " + MAX_POINTS + "], got " + pointCount);
        }
    }
}
