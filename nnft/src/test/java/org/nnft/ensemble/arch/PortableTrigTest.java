package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;
import org.nnft.engine.simd.VectorRandom;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PortableTrig} against {@link Math#cos} and {@link Math#sin} (absolute error below 2^-51 within its range,
 * the library functions themselves beyond it and for infinite and NaN arguments), and its vector form against its
 * scalar form bit for bit (the cos-net NTK fast path relies on that).
 */
class PortableTrigTest {
    private static final double BOUND = 0x1p-51;

    @Test
    void closeToTheLibraryFunctionsAndVectorEqualsScalar() {
        SplittableRandom random = new SplittableRandom(3);
        int lanes = VectorRandom.LANES;
        double[] v = new double[lanes];
        double[] cos = new double[lanes];
        double[] sin = new double[lanes];
        double worst = 0;
        for (int trial = 0; trial < 200_000; trial++) {
            // magnitudes from 1e-3 to 2^48, both signs; and multiples of pi/2 (zeros of cos or sin) with a nudge
            for (int l = 0; l < lanes; l++) {
                double x = Math.scalb(random.nextDouble(0.5, 1.0), random.nextInt(-10, 49));
                v[l] = (trial % 3 == 0 ? Math.rint(x) * Math.PI / 2 : x) * (random.nextBoolean() ? 1 : -1);
            }
            DoubleVector x = DoubleVector.fromArray(VectorRandom.D, v, 0);
            PortableTrig.cos(x).intoArray(cos, 0);
            PortableTrig.sin(x).intoArray(sin, 0);
            for (int l = 0; l < lanes; l++) {
                assertEquals(PortableTrig.cos(v[l]), cos[l], 0.0, "vector cos " + v[l]);
                assertEquals(PortableTrig.sin(v[l]), sin[l], 0.0, "vector sin " + v[l]);
                worst = Math.max(worst, Math.abs(cos[l] - Math.cos(v[l])));
                worst = Math.max(worst, Math.abs(sin[l] - Math.sin(v[l])));
            }
        }
        assertEquals(0.0, worst, BOUND, "largest absolute error against Math.cos, Math.sin");
        assertTrue(worst > 0, "the series is not the library function");
        // the error is absolute: sin 0 is the cosine series at the rounded pi/2, not 0
        assertEquals(0.0, PortableTrig.sin(0.0), BOUND);
        assertEquals(1.0, PortableTrig.cos(0.0), 0.0);
        for (double far : new double[] {0x1p50, -3e17, 1e300, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertEquals(Math.cos(far), PortableTrig.cos(far), 0.0, "cos " + far);
            assertEquals(Math.sin(far), PortableTrig.sin(far), 0.0, "sin " + far);
        }
    }
}
