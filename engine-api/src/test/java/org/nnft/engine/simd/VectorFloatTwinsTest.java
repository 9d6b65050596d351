package org.nnft.engine.simd;

import org.junit.jupiter.api.Test;
import org.nnft.engine.random.PortableFloat;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The float lanes against {@link PortableFloat}, bit for bit: {@link VectorRandomF#boxMullerPairs} against both
 * branches of the scalar Box-Muller, and {@link VectorTrigF#addCosineWaves} against the scalar terms
 * {@code fma(a, PortableFloat.cos(phase), sum)} in the lane order, with phases inside the reduced range, beyond it
 * (the checked fallback) and NaN.
 */
class VectorFloatTwinsTest {
    private static final int L = VectorRandomF.LANES;

    @Test
    void boxMullerPairsAreTheScalarBranches() {
        SplittableRandom random = new SplittableRandom(4);
        int count = 8 * L;
        int[] words = new int[2 * count];
        float[] cos = new float[count];
        float[] sin = new float[count + 3];
        int[] edges = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, -(1 << 30), 1 << 29, 3 << 29};
        for (int round = 0; round < 2000; round++) {
            for (int i = 0; i < words.length; i++) {
                words[i] = round == 0 && i % count < edges.length ? edges[i % count] : random.nextInt();
            }
            VectorRandomF.boxMullerPairs(words, 0, count, count, cos, 0, sin, 3);
            for (int l = 0; l < count; l++) {
                assertEquals(PortableFloat.boxMuller(words[l], words[count + l], false), cos[l], "cos lane " + l);
                assertEquals(PortableFloat.boxMuller(words[l], words[count + l], true), sin[3 + l], "sin lane " + l);
            }
        }
    }

    @Test
    void checkedCosineWavesAreTheScalarTermsInLaneOrder() {
        SplittableRandom random = new SplittableRandom(5);
        int lanes = 4 * L;
        int dim = 3;
        int pointCount = 5;
        for (double slope : new double[]{1.0, 1e4, 1e7}) {
            for (int round = 0; round < 50; round++) {
                float[] waves = new float[(2 + dim) * lanes];
                for (int i = 0; i < waves.length; i++) {
                    double scale = i < lanes ? 1.0 : i < 2 * lanes ? Math.PI : slope;
                    waves[i] = (float) (scale * (2 * random.nextDouble() - 1));
                }
                float[] points = new float[pointCount * dim];
                for (int i = 0; i < points.length; i++) {
                    points[i] = (float) (3 * (2 * random.nextDouble() - 1));
                }
                if (round == 0 && slope == 1.0) {
                    points[4] = Float.NaN;
                }
                float[] acc = new float[pointCount * L];
                float[] expected = new float[pointCount * L];
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = (float) random.nextDouble();
                    expected[i] = acc[i];
                }
                VectorTrigF.addCosineWaves(waves, lanes, points, pointCount, dim, acc);
                for (int p = 0; p < pointCount; p++) {
                    for (int i = 0; i < lanes; i++) {
                        float phase = waves[lanes + i];
                        for (int k = 0; k < dim; k++) {
                            phase = Math.fma(waves[(2 + k) * lanes + i], points[p * dim + k], phase);
                        }
                        int slot = p * L + i % L;
                        expected[slot] = Math.fma(waves[i], PortableFloat.cos(phase), expected[slot]);
                    }
                }
                for (int s = 0; s < acc.length; s++) {
                    assertEquals(expected[s], acc[s], "slope " + slope + " round " + round + " slot " + s);
                }
            }
        }
    }
}
