package org.nnft.backend.cpu;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.random.RandomStreams;
import org.nnft.engine.simd.VectorRandom;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Vector API random paths against the scalar reference, bit for bit. */
class VectorRandomTest {
    private static final long[] SEEDS = {0L, 42L, 0xDEADBEEF_CAFEBABEL, -1L, Long.MIN_VALUE + 7};
    private static final long[] STREAMS = {0L, 3L, 0x8000_0001_0000_0002L, -2L};

    @Test
    void philoxBlocksMatchReference() {
        VectorPhiloxBlocks philox = new VectorPhiloxBlocks();
        int w = philox.width();
        int[] words = new int[4 * w];
        int[] expected = new int[4];
        long[] firstBlocks = {0L, 1L, 0xFFFF_FFFCL, 0xFFFF_FFFFL, 0x7FFF_FFFF_FFFF_FFF0L, 0x1234_5678_9ABCL};
        for (long seed : SEEDS) {
            for (long stream : STREAMS) {
                for (long first : firstBlocks) {
                    philox.generate(seed, stream, first, words);
                    for (int l = 0; l < w; l++) {
                        RandomStreams.block(seed, stream, first + l, expected);
                        for (int j = 0; j < 4; j++) {
                            assertEquals(expected[j], words[j * w + l], "block " + (first + l) + " word " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void boxMullerMatchesReference() {
        int w = new VectorPhiloxBlocks().width();
        int[] words = new int[4 * w];
        double[] vector = new double[4 * w];
        double[] scalar = new double[4 * w];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int round = 0; round < 2000; round++) {
            for (int i = 0; i < words.length; i++) {
                words[i] = round == 0
                        ? new int[]{0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE}[i % 5] : rnd.nextInt();
            }
            new VectorBoxMuller().transform(words, vector, w);
            new ScalarBoxMuller().transform(words, scalar, w);
            assertArrayEquals(scalar, vector);
        }
    }

    /** The open uniforms of words held zero-extended in longs (the long-lane Philox output) equal the scalar ones. */
    @Test
    void openUnitsOfLongWordsMatchReference() {
        int n = 8 * VectorRandom.LANES;
        long[] words = new long[n];
        double[] out = new double[n];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < n; i++) {
                int w = round == 0 ? new int[]{0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE}[i % 5] : rnd.nextInt();
                words[i] = w & 0xFFFF_FFFFL;
            }
            VectorRandom.openUnits(words, 0, n, out, 0);
            for (int i = 0; i < n; i++) {
                assertEquals(RandomStreams.toOpenUnit((int) words[i]), out[i], 0.0, "word " + words[i]);
            }
        }
    }

    @Tag("slow")
    @Test
    void fillsMatchScalarAndStreamsOverOddRanges() {
        RandomFill vector = RandomFill.create(false);
        RandomFill scalar = RandomFill.create(true);
        int[][] ranges = {{0, 1}, {3, 40}, {5, 6}, {1, 1000}, {17, 530}};
        long[] firsts = {0L, 1L, 7L, 12_345L, (1L << 33) - 5};
        for (RandomFill.Kind kind : RandomFill.Kind.values()) {
            for (long seed : SEEDS) {
                for (long stream : STREAMS) {
                    for (long first : firsts) {
                        for (int[] r : ranges) {
                            double[] v = new double[r[1]];
                            double[] s = new double[r[1]];
                            vector.fill(kind, v, r[0], r[1], seed, stream, first);
                            scalar.fill(kind, s, r[0], r[1], seed, stream, first);
                            assertArrayEquals(s, v, kind + " seed " + seed + " stream " + stream + " first " + first);
                            int j = r[1] - 1;
                            assertEquals(reference(kind, seed, stream, first + j), v[j]);
                        }
                    }
                }
            }
        }
        float[] f = new float[77];
        vector.fill(RandomFill.Kind.NORMAL, f, 0, 77, 9, 9, 3);
        for (int j = 0; j < f.length; j++) {
            assertEquals((float) RandomStreams.normal(9, 9, 3 + j), f[j]);
        }
    }

    private static double reference(RandomFill.Kind kind, long seed, long stream, long index) {
        return switch (kind) {
            case UNIFORM_FLOAT -> RandomStreams.uniformFloat(seed, stream, index);
            case UNIFORM_DOUBLE -> RandomStreams.uniformDouble(seed, stream, index);
            case NORMAL -> RandomStreams.normal(seed, stream, index);
        };
    }
}
