package org.nnft.engine.simd;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorTrig#addCosineWaves}: its cos of one lane against {@link Math#cos} (itself within 1 ulp of the exact
 * value), over the reduced range and beyond it, NaN and infinity included; and whole wave sums at points in two
 * dimensions against the scalar sum. The vector cos is accurate in absolute terms (what a sum of waves needs): the
 * polynomial is within 6.4e-17 of cos r on |r| <= pi/2, the reduced argument r is within about 2^-52 (one rounding of
 * v - n PI_HI, one of n PI_LO), which moves cos by as much, and the polynomial's own roundings add about 2^-53 for
 * |cos| <= 1; so 2^-51 absolute bounds the sum of these with room, plus Math.cos's ulp.
 */
class VectorTrigTest {
    private static final int H = VectorRandom.LANES;

    /** cos of each value through waves of amplitude 1, phase x and slope 0 at the point 0: exactly the lane's cos. */
    private static double[] cosines(double[] x) {
        double[] out = new double[x.length];
        double[] waves = new double[3 * H];
        double[] acc = new double[H];
        for (int i = 0; i < x.length; i += H) {
            Arrays.fill(waves, 0, H, 1.0);
            System.arraycopy(x, i, waves, H, H);
            Arrays.fill(acc, 0.0);
            VectorTrig.addCosineWaves(waves, H, new double[] {0.0}, 1, 1, acc);
            System.arraycopy(acc, 0, out, i, H);
        }
        return out;
    }

    @Test
    void cosMatchesMathCos() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 4096;
        double[] x = new double[n];
        double[] scales = {1e-3, 1, 10, 1e3, 1e7, VectorTrig.REDUCED_RANGE, 1e16};
        for (double scale : scales) {
            for (int i = 0; i < n; i++) {
                x[i] = (2 * rnd.nextDouble() - 1) * scale;
            }
            x[0] = 0.0;
            x[1] = Math.PI / 2;
            x[2] = -Math.PI;
            x[3] = Double.NaN;
            x[4] = Double.POSITIVE_INFINITY;
            x[5] = 40001 * (Math.PI / 2);        // near a zero of cos far out: the reduction's accuracy shows
            x[6] = -12345 * Math.PI;
            double[] out = cosines(x);
            for (int i = 0; i < n; i++) {
                double want = Math.cos(x[i]);
                if (Double.isNaN(want)) {
                    assertTrue(Double.isNaN(out[i]), "cos(NaN) must be NaN");
                    continue;
                }
                assertEquals(want, out[i], 0x1p-51 + Math.ulp(want), "cos(" + x[i] + ")");
            }
        }
    }

    /**
     * 6 groups of waves in d = 2 at 5 points (two loop bodies of two points and one of a point paired with itself),
     * added to non-zero lane sums: the lane sums' total against {@code start + sum_i a_i cos(c_i + w_i . x)} in scalar
     * code, the phase by the same fused multiply-adds. Then again with three slopes of 10^15, so that some phases lie
     * beyond the reduced range and the call takes the scalar path. Tolerance: 2^-51 per term and the sums'
     * rounding, times sum |a_i|, far below the O(1) error of a wrong index or a lost term.
     */
    @Test
    void waveSumsMatchTheScalarSum() {
        checkWaveSums(false);
        checkWaveSums(true);
    }

    private static void checkWaveSums(boolean farSlopes) {
        SplittableRandom rnd = new SplittableRandom(5);
        int lanes = 6 * H;
        int dim = 2;
        int pointCount = 5;
        double[] waves = new double[(2 + dim) * lanes];
        for (int i = 0; i < waves.length; i++) {
            waves[i] = (2 * rnd.nextDouble() - 1) * (i < lanes ? 1.0 : 10.0);
        }
        if (farSlopes) {
            waves[2 * lanes + 1] = 1e15;
            waves[3 * lanes + 2 * H + 3] = -1e15;
            waves[2 * lanes + 5 * H] = 1e15;
        }
        double[] points = new double[pointCount * dim];
        for (int i = 0; i < points.length; i++) {
            points[i] = 2 * rnd.nextDouble() - 1;
        }
        double[] acc = new double[pointCount * H];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = i;
        }
        VectorTrig.addCosineWaves(waves, lanes, points, pointCount, dim, acc);
        for (int p = 0; p < pointCount; p++) {
            double want = 0;
            double scale = 0;
            for (int l = 0; l < H; l++) {
                want += p * H + l;
            }
            for (int i = 0; i < lanes; i++) {
                double phase = waves[lanes + i];
                for (int k = 0; k < dim; k++) {
                    phase = Math.fma(waves[(2 + k) * lanes + i], points[p * dim + k], phase);
                }
                want += waves[i] * Math.cos(phase);
                scale += Math.abs(waves[i]);
            }
            double got = 0;
            for (int l = 0; l < H; l++) {
                got += acc[p * H + l];
            }
            assertEquals(want, got, 1e-13 * (scale + Math.abs(want)), "point " + p + (farSlopes ? ", far slopes" : ""));
        }
    }
}
