package org.nnft.engine.simd;

import org.junit.jupiter.api.Test;
import org.nnft.engine.random.Philox4x32;
import org.nnft.engine.random.RandomStreams;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Strided and long lanes of {@link VectorPhilox} and {@link VectorRandom#boxMuller} against the scalar reference, bit
 * for bit.
 */
class VectorPhiloxTest {
    @Test
    void stridedBlocksAndNormalsMatchReference() {
        int w = VectorPhilox.LANES;
        int[] words = new int[4 * w];
        int[] expected = new int[4];
        double[] cosines = new double[w];
        double[] sines = new double[w];
        long[] firsts = {0L, 6L, 0xFFFF_FFF0L, 0x7FFF_FFFF_FFFF_FF00L};
        for (long seed : new long[]{1L, -5L, 0x1234_5678_9ABC_DEF0L}) {
            for (long first : firsts) {
                for (int stride : new int[]{1, 2, 3, 1 << 20}) {
                    long stream = seed * 31 + stride;
                    VectorPhilox.strided(seed, stream, first, stride, words);
                    for (int l = 0; l < w; l++) {
                        RandomStreams.block(seed, stream, first + (long) l * stride, expected);
                        for (int j = 0; j < 4; j++) {
                            assertEquals(expected[j], words[j * w + l], "lane " + l + " word " + j);
                        }
                    }
                    VectorRandom.boxMuller(words, 0, w, w, cosines, 0, sines, 0);
                    for (int l = 0; l < w; l++) {
                        assertEquals(RandomStreams.boxMuller(words[l], words[w + l], false), cosines[l]);
                        assertEquals(RandomStreams.boxMuller(words[l], words[w + l], true), sines[l]);
                    }
                }
            }
        }
    }

    /** {@link VectorRandom#boxMullerInPlace} with precisions: each lane as the scalar boxMuller of that precision. */
    @Test
    void normalsOfGivenPrecisionMatchReference() {
        int w = VectorPhilox.LANES;
        int[] words = new int[4 * w];
        double[] radius = new double[w];
        double[] angle = new double[w];
        double[] precision = new double[w + 1];
        for (int round = 0; round < 50; round++) {
            VectorPhilox.strided(11L, round, 0L, 1, words);
            for (int l = 0; l < w; l++) {
                radius[l] = RandomStreams.toOpenUnit(words[l]);
                angle[l] = RandomStreams.toOpenUnit(words[w + l]);
                precision[1 + l] = 0.01 + (words[2 * w + l] & 0xFFFF) * 1e-3;
            }
            VectorRandom.boxMullerInPlace(w, radius, 0, angle, 0, true, precision, 1);
            for (int l = 0; l < w; l++) {
                assertEquals(RandomStreams.boxMuller(words[l], words[w + l], false, precision[1 + l]), radius[l]);
                assertEquals(RandomStreams.boxMuller(words[l], words[w + l], true, precision[1 + l]), angle[l]);
            }
        }
    }

    /** {@link VectorPhilox#blocks}: arbitrary counters per lane (crossing 2^32 by the added offset), bit for bit. */
    @Test
    void longLaneBlocksMatchReference() {
        int w = VectorPhilox.LONG_LANES;
        long[] blocks = new long[w + 3];
        long[] words = new long[4 * w];
        int[] expected = new int[4];
        for (long seed : new long[]{1L, -5L, 0x1234_5678_9ABC_DEF0L}) {
            for (long stream : new long[]{0L, 7L, -1L, 0x7FFF_FFFF_0000_0001L}) {
                for (int l = 0; l < blocks.length; l++) {
                    blocks[l] = l % 2 == 0 ? 0xFFFF_FFFEL - l : (long) l * 1_000_003L + (seed & 0xFFFL);
                }
                for (long add : new long[]{0L, 1L, 5L}) {
                    VectorPhilox.blocks(seed, stream, blocks, 3, add, words);
                    for (int l = 0; l < w; l++) {
                        RandomStreams.block(seed, stream, blocks[3 + l] + add, expected);
                        for (int j = 0; j < 4; j++) {
                            assertEquals(expected[j] & 0xFFFF_FFFFL, words[j * w + l], "lane " + l + " word " + j);
                        }
                    }
                }
            }
        }
    }

    /** {@link VectorPhilox#streamPairs}: one stream per lane, two consecutive blocks (crossing 2^32), bit for bit. */
    @Test
    void streamPairsMatchReference() {
        int n = VectorPhilox.LONGS.length();
        long[] streams = new long[n + 2];
        int row = 2 * n + 5;
        long[] words = new long[3 + 4 * row];
        int[] expected = new int[4];
        for (long seed : new long[]{1L, -5L, 0x1234_5678_9ABC_DEF0L}) {
            for (int l = 0; l < streams.length; l++) {
                streams[l] = l % 2 == 0 ? -1L - l : 0x454EL << 48 | (long) l * 1_000_003L;
            }
            for (long block : new long[]{0L, 7L, 0xFFFF_FFFFL, 0x1_0000_0003L}) {
                VectorPhilox.streamPairs(seed, streams, 2, block, words, 3, row);
                for (int h = 0; h < 2; h++) {
                    for (int l = 0; l < n; l++) {
                        RandomStreams.block(seed, streams[2 + l], block + h, expected);
                        for (int j = 0; j < 4; j++) {
                            assertEquals(expected[j] & 0xFFFF_FFFFL, words[3 + j * row + h * n + l],
                                    "block " + block + " + " + h + " lane " + l + " word " + j);
                        }
                    }
                }
            }
        }
    }

    /** {@link VectorPhilox#fromCounters}: arbitrary counter words per lane, bit for bit with the scalar block. */
    @Test
    void arbitraryCountersMatchReference() {
        int w = VectorPhilox.LANES;
        int[] counters = new int[4 * w];
        int[] words = new int[4 * w];
        int[] expected = new int[4];
        SplittableRandom random = new SplittableRandom(17);
        for (long seed : new long[]{1L, -5L, 0x1234_5678_9ABC_DEF0L}) {
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < counters.length; i++) {
                    counters[i] = random.nextInt();
                }
                VectorPhilox.fromCounters(seed, counters, words);
                for (int l = 0; l < w; l++) {
                    Philox4x32.block(counters[l], counters[w + l], counters[2 * w + l], counters[3 * w + l],
                            (int) seed, (int) (seed >>> 32), expected);
                    for (int j = 0; j < 4; j++) {
                        assertEquals(expected[j], words[j * w + l], "lane " + l + " word " + j);
                    }
                }
            }
        }
    }

    /** {@link VectorPhilox#strided} with an offset and a pitch: the words land in their rows, nothing else changes. */
    @Test
    void stridedWithPitchMatchesReference() {
        int w = VectorPhilox.LANES;
        int at = 2 * w;
        int pitch = 3 * w;
        int[] words = new int[at + 4 * pitch];
        int[] expected = new int[4];
        for (long first : new long[]{4L, 0xFFFF_FFF0L, -40L}) {
            Arrays.fill(words, 0x5A5A_5A5A);
            VectorPhilox.strided(9L, -2L, first, 2, words, at, pitch);
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < pitch; i++) {
                    int index = at + j * pitch + i;
                    if (i < w) {
                        RandomStreams.block(9L, -2L, first + 2L * i, expected);
                        assertEquals(expected[j], words[index], "lane " + i + " word " + j);
                    } else {
                        assertEquals(0x5A5A_5A5A, words[index], "untouched " + index);
                    }
                }
            }
            for (int i = 0; i < at; i++) {
                assertEquals(0x5A5A_5A5A, words[i], "untouched " + i);
            }
        }
    }

    /** {@link VectorPhilox#stridedWide}: the words of WIDE_LANES strided blocks (crossing 2^32), bit for bit. */
    @Test
    void wideStridedBlocksMatchReference() {
        int w = VectorPhilox.WIDE_LANES;
        int at = 3;
        int pitch = w + 5;
        int[] words = new int[at + 4 * pitch];
        int[] expected = new int[4];
        for (long seed : new long[]{1L, -5L, 0x1234_5678_9ABC_DEF0L}) {
            for (long first : new long[]{0L, 6L, 0xFFFF_FFF0L, 0x7FFF_FFFF_FFFF_FF00L}) {
                for (int stride : new int[]{1, 2, 3, 1 << 20}) {
                    long stream = seed * 31 + stride;
                    VectorPhilox.stridedWide(seed, stream, first, stride, words, at, pitch);
                    for (int l = 0; l < w; l++) {
                        RandomStreams.block(seed, stream, first + (long) l * stride, expected);
                        for (int j = 0; j < 4; j++) {
                            assertEquals(expected[j], words[at + j * pitch + l], "lane " + l + " word " + j);
                        }
                    }
                }
            }
        }
    }
}
