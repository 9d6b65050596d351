package org.nnft.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TuplesTest {

    @Test
    void allTuplesCountIsSumOfMultisetCoefficients() {
        assertEquals(3 + 6 + 10, Tuples.allUpToOrder(3, 3).size());
        long expected = 0;
        for (int n = 1; n <= 6; n++) {
            expected += binomial(20 + n - 1, n);
        }
        assertEquals(expected, Tuples.allUpToOrder(20, 6).size());
    }

    @Test
    void indicesAreSortedByOrderThenLexicographicAndRoundTrip() {
        Tuples t = Tuples.allUpToOrder(4, 4);
        for (int i = 0; i < t.size(); i++) {
            int[] tuple = t.tuple(i);
            int[] sorted = tuple.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, tuple);
            assertEquals(i, t.indexOf(tuple));
            if (i > 0) {
                int[] previous = t.tuple(i - 1);
                assertTrue(previous.length < tuple.length || Arrays.compare(previous, tuple) < 0);
            }
        }
        assertEquals(t.indexOf(0, 1, 3), t.indexOf(3, 0, 1), "lookup ignores the order of entries");
        assertEquals(-1, t.indexOf(0, 0, 0, 0, 0));
        assertEquals(-1, t.indexOf(7));
    }

    @Test
    void closureContainsExactlyTheSubMultisets() {
        Tuples t = Tuples.closureOf(5, new int[] {2, 0, 2});
        assertArrayEquals(new int[][] {{0}, {2}, {0, 2}, {2, 2}, {0, 2, 2}}, t.toArray());
        assertEquals(3, t.maxOrder());
        Tuples twice = Tuples.closureOf(5, new int[] {0, 2, 2}, new int[] {4}, new int[] {2, 2});
        assertEquals(6, twice.size());
        assertEquals(Tuples.closureOf(5, t.toArray()), t);
    }

    @Test
    void prefixIsTheTupleWithoutItsLastPoint() {
        Tuples t = Tuples.allUpToOrder(3, 3);
        int i = t.indexOf(0, 1, 2);
        assertEquals(t.indexOf(0, 1), t.prefixIndex(i));
        assertEquals(2, t.lastPoint(i));
        assertEquals(-1, t.prefixIndex(t.indexOf(1)));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Tuples.allUpToOrder(0, 2));
        assertThrows(IllegalArgumentException.class, () -> Tuples.allUpToOrder(3, 7));
        assertThrows(IllegalArgumentException.class, () -> Tuples.closureOf(3, new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> Tuples.closureOf(3, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> Tuples.allUpToOrder(3, 2).requireIndexOf(0, 0, 0));
    }

    static long binomial(int n, int k) {
        long b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }
}
