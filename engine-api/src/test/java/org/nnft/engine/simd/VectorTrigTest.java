package org.nnft.engine.simd;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorTrig#cos} against {@link Math#cos} (itself within 1 ulp of the exact value): at most
 * 4 ulp of the result plus 2^-60 absolute (near the zeros of cos, where the relative error of any
 * reduction with a 107-bit pi/2 is of that size), over the reduced range and beyond it, NaN and
 * infinity included.
 */
class VectorTrigTest {
    @Test
    void matchesMathCos() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 4096;
        double[] x = new double[n];
        double[] out = new double[n];
        double[] scales = {1e-3, 1, 10, 1e3, VectorTrig.REDUCED_RANGE, 1e7};
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
            VectorTrig.cos(x, out, 0, n);
            for (int i = 0; i < n; i++) {
                double want = Math.cos(x[i]);
                if (Double.isNaN(want)) {
                    assertTrue(Double.isNaN(out[i]), "cos(NaN) must be NaN");
                    continue;
                }
                assertEquals(want, out[i], 4 * Math.ulp(want) + 0x1p-60, "cos(" + x[i] + ")");
            }
        }
    }
}
