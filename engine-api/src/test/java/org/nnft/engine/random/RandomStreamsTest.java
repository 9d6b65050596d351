package org.nnft.engine.random;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream layout, the exact conversions and the portable math they use. */
class RandomStreamsTest {

    @Test
    void layoutAddressesWordsByBlockAndPosition() {
        long seed = 0x1234_5678_9ABC_DEF0L, stream = 0x0FED_CBA9_8765_4321L;
        int[] w = new int[4];
        Philox4x32.block(7, 0, (int) stream, (int) (stream >>> 32), (int) seed, (int) (seed >>> 32), w);
        for (int j = 0; j < 4; j++) {
            assertEquals(w[j], RandomStreams.word(seed, stream, 28 + j));
        }
        assertEquals((w[1] >>> 8) * 0x1p-24f, RandomStreams.uniformFloat(seed, stream, 29));
        assertEquals(((w[2] >>> 5) * 67108864.0 + (w[3] >>> 6)) * 0x1p-53,
                RandomStreams.uniformDouble(seed, stream, 15));
    }

    @Test
    void conversionsStayInsideTheirIntervals() {
        assertEquals(0.0f, RandomStreams.toUniformFloat(0));
        assertEquals(1.0f - 0x1p-24f, RandomStreams.toUniformFloat(-1));
        assertEquals(1.0 - 0x1p-53, RandomStreams.toUniformDouble(-1, -1));
        assertEquals(0x1p-33, RandomStreams.toOpenUnit(0));
        assertTrue(RandomStreams.toOpenUnit(-1) < 1.0);
    }

    /** The portable log and sin/cos agree with the JDK's correctly rounded-ish functions to a few ulp. */
    @Test
    void portableMathIsAccurate() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = RandomStreams.toOpenUnit(r.nextInt());
            double l = PortableMath.log(x);
            assertEquals(Math.log(x), l, 4 * Math.ulp(Math.log(x)) + 1e-300, "log " + x);
            double t = r.nextDouble();
            assertEquals(StrictMath.cos(2 * Math.PI * t), PortableMath.cos2pi(t), 2e-15, "cos " + t);
            assertEquals(StrictMath.sin(2 * Math.PI * t), PortableMath.sin2pi(t), 2e-15, "sin " + t);
        }
        assertEquals(0.0, PortableMath.log(1.0));
        assertEquals(Math.log(1e300), PortableMath.log(1e300), 4 * Math.ulp(Math.log(1e300)));
    }

    /** pairHorner evaluates every degree, odd and even, as the plain sum c0 + c1 z + ... does (to rounding). */
    @Test
    void pairHornerIsThePolynomial() {
        SplittableRandom r = new SplittableRandom(3);
        for (int degree = 0; degree <= 9; degree++) {
            double[] c = new double[degree + 1];
            for (int k = 0; k <= degree; k++) {
                c[k] = r.nextDouble(-1, 1);
            }
            for (double z : new double[] {-0.7, -0.1, 0.0, 0.3, 0.9}) {
                double sum = 0;
                double size = 0;
                for (int k = 0; k <= degree; k++) {
                    sum += c[k] * Math.pow(z, k);
                    size += Math.abs(c[k] * Math.pow(z, k));
                }
                assertEquals(sum, PortableMath.pairHorner(z, c), 8 * Math.ulp(size), "degree " + degree + " at " + z);
            }
        }
    }

    /**
     * Normal moments over 2^20 draws: mean 0, variance 1, kurtosis 3 within 5 standard errors
     * (standard errors of the mean, of the second and of the fourth moment of N(0,1) are
     * 1/sqrt(n), sqrt(2/n) and sqrt(96/n)).
     */
    @Test
    void normalsHaveStandardMoments() {
        int n = 1 << 20;
        double s1 = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < n; i++) {
            double z = RandomStreams.normal(99, 3, i);
            s1 += z;
            s2 += z * z;
            s4 += z * z * z * z;
        }
        assertEquals(0.0, s1 / n, 5 / Math.sqrt(n));
        assertEquals(1.0, s2 / n, 5 * Math.sqrt(2.0 / n));
        assertEquals(3.0, s4 / n, 5 * Math.sqrt(96.0 / n));
    }

    /** Uniform floats: mean 1/2 and variance 1/12 within 5 standard errors. */
    @Test
    void uniformsHaveUniformMoments() {
        int n = 1 << 20;
        double s1 = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            double u = RandomStreams.uniformFloat(5, 0, i);
            s1 += u;
            s2 += u * u;
        }
        assertEquals(0.5, s1 / n, 5 * Math.sqrt(1.0 / 12 / n));
        assertEquals(1.0 / 3, s2 / n, 5 * Math.sqrt(4.0 / 45 / n));
    }
}
