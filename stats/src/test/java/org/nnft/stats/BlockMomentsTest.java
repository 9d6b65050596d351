package org.nnft.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockMomentsTest {

    private final Tuples tuples = Tuples.allUpToOrder(3, 4);

    @Test
    void addSampleAccumulatesProductsOverTuplePoints() {
        BlockMoments moments = new BlockMoments(tuples);
        double[][] samples = {{1.5, -2, 0.5}, {0.25, 3, -1}};
        for (double[] s : samples) {
            moments.addSample(7, s);
        }
        assertEquals(2, moments.count(7));
        double[] sums = moments.sums(7);
        for (int i = 0; i < tuples.size(); i++) {
            double expected = 0;
            for (double[] s : samples) {
                double product = 1;
                for (int p : tuples.tuple(i)) {
                    product *= s[p];
                }
                expected += product;
            }
            assertEquals(expected, sums[i], 1e-14 * Math.max(1, Math.abs(expected)));
        }
    }

    /** Shards over disjoint blocks merge, in any order, into exactly the single-run accumulator. */
    @Test
    void mergeOfShardsEqualsSingleRunBitForBit() {
        BlockMoments single = new BlockMoments(tuples);
        BlockMoments[] shards = {new BlockMoments(tuples), new BlockMoments(tuples), new BlockMoments(tuples)};
        SplittableRandom random = new SplittableRandom(17);
        for (long block = 0; block < 12; block++) {
            for (int s = 0; s < 25; s++) {
                double[] field = {Gaussian.next(random), Gaussian.next(random), 1 + Gaussian.next(random)};
                single.addSample(block, field);
                shards[(int) (block % 3)].addSample(block, field);
            }
        }
        BlockMoments forward = new BlockMoments(tuples);
        forward.merge(shards[0]);
        forward.merge(shards[1]);
        forward.merge(shards[2]);
        BlockMoments backward = new BlockMoments(tuples);
        backward.merge(shards[2]);
        backward.merge(shards[0]);
        backward.merge(shards[1]);
        assertEquals(single, forward);
        assertEquals(single, backward);
        CorrelatorEstimates a = CorrelatorEstimator.estimate(single);
        CorrelatorEstimates b = CorrelatorEstimator.estimate(backward);
        assertArrayEquals(a.connected(), b.connected(), 0.0);
        assertArrayEquals(a.connectedErrors(), b.connectedErrors(), 0.0);
    }

    @Test
    void mergingTheSameBlockIdTwiceIsAnErrorAndChangesNothing() {
        BlockMoments a = new BlockMoments(tuples);
        BlockMoments b = new BlockMoments(tuples);
        a.addSample(1, new double[] {1, 2, 3});
        b.addSample(2, new double[] {1, 2, 3});
        b.addSample(1, new double[] {4, 5, 6});
        assertThrows(IllegalArgumentException.class, () -> a.merge(b));
        assertEquals(1, a.blockCount());
        assertThrows(IllegalArgumentException.class, () -> a.merge(new BlockMoments(Tuples.allUpToOrder(3, 2))));
        assertThrows(IllegalArgumentException.class, () -> a.addBlock(1, 1, new double[tuples.size()]));
    }

    @Test
    void serialisationRoundTripsExactly() {
        BlockMoments moments = new BlockMoments(tuples);
        SplittableRandom random = new SplittableRandom(3);
        for (long block = 5; block < 9; block++) {
            for (int s = 0; s < 10; s++) {
                moments.addSample(block, new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()});
            }
        }
        moments.addBlock(100, 3, moments.sums(5));
        BlockMoments.Data data = moments.toData();
        assertArrayEquals(new long[] {5, 6, 7, 8, 100}, data.blockIds());
        BlockMoments restored = BlockMoments.fromData(data);
        assertEquals(moments, restored);
        restored.addSample(200, new double[] {1, 1, 1});
        assertNotEquals(moments, restored);
    }

    @Test
    void rejectsBadInput() {
        BlockMoments moments = new BlockMoments(tuples);
        assertThrows(IllegalArgumentException.class, () -> moments.addSample(0, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> moments.addSample(0, new double[] {1, Double.NaN, 0}));
        assertThrows(IllegalArgumentException.class, () -> moments.addBlock(0, 0, new double[tuples.size()]));
        assertThrows(IllegalArgumentException.class, () -> moments.addBlock(0, 1, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> moments.count(42));
        assertThrows(IllegalArgumentException.class, () -> CorrelatorEstimator.estimate(moments));
    }
}
