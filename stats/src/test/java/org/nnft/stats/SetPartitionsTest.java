package org.nnft.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SetPartitionsTest {

    private static final int[] BELL = {1, 1, 2, 5, 15, 52, 203};
    /** Stirling numbers of the second kind S(6, k), k = 1..6. */
    private static final int[] STIRLING_6 = {1, 31, 90, 65, 15, 1};

    @Test
    void countsAreBellNumbersAndBlocksPartitionThePositions() {
        for (int n = 1; n <= 6; n++) {
            SetPartitions partitions = SetPartitions.of(n);
            assertEquals(BELL[n], partitions.count(), "Bell(" + n + ")");
            for (int p = 0; p < partitions.count(); p++) {
                int union = 0;
                for (int block : partitions.blocks(p)) {
                    assertEquals(0, union & block, "blocks overlap");
                    union |= block;
                }
                assertEquals((1 << n) - 1, union);
            }
        }
        int[] byBlockCount = new int[7];
        SetPartitions six = SetPartitions.of(6);
        for (int p = 0; p < six.count(); p++) {
            byBlockCount[six.blocks(p).length]++;
        }
        for (int k = 1; k <= 6; k++) {
            assertEquals(STIRLING_6[k - 1], byBlockCount[k], "S(6," + k + ")");
        }
    }

    /** A constant X = 1 has all moments 1 and all cumulants of order >= 2 zero: coefficients sum to 0. */
    @Test
    void coefficientsSumToZeroAboveOrderOne() {
        assertEquals(1.0, SetPartitions.of(1).coefficient(0));
        for (int n = 2; n <= 6; n++) {
            SetPartitions partitions = SetPartitions.of(n);
            double sum = 0;
            for (int p = 0; p < partitions.count(); p++) {
                sum += partitions.coefficient(p);
            }
            assertEquals(0.0, sum, 0.0, "n = " + n);
        }
    }
}
