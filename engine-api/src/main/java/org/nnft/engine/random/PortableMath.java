package org.nnft.engine.random;

/**
 * Logarithm and sine/cosine built only from IEEE-754 operations that are correctly rounded on
 * every backend (+, -, *, /, sqrt in float64, with no fused multiply-add), so that Box-Muller
 * normals are bit-identical in Java, OpenCL C and CUDA C. The GPU prelude implements the same
 * functions with the same constants in the same operation order; change both together.
 *
 * <p>The logarithm is accurate to a few ulp, sine and cosine to about 2^-52 absolute: far below anything a
 * Monte Carlo estimate resolves; what matters is that every backend computes the same bits. The
 * polynomials are minimax fits, evaluated by Horner's scheme over coefficient pairs, whose short
 * dependency chains let the vector twin run near the machine's throughput rather than its latency.
 */
public final class PortableMath {
    private PortableMath() {
    }

    /** ln 2 split so that {@code e * LN2_HI} is exact for |e| < 2^11. */
    public static final double LN2_HI = 6.93147180369123816490e-01;
    public static final double LN2_LO = 1.90821492927058770002e-10;
    public static final double SQRT2 = 1.4142135623730951;
    /** 2 pi rounded to double. */
    public static final double TWO_PI = 6.283185307179586;

    /**
     * atanh(s)/s = 1 + z/3 + z^2/5 + ... in z = s^2, for z <= (3 - 2 sqrt 2)^2 (|s| <= (sqrt 2 - 1)/(sqrt 2 + 1)):
     * the minimax polynomial of degree 7 (Remez, absolute error), coefficients c0..c7 rounded to doubles; within
     * 1.9e-18 of the function (checked in 50-digit arithmetic).
     */
    private static final double[] LOG_SERIES = {1.0, 0.3333333333333367, 0.19999999999707338, 0.14285714371194005,
            0.11111099286578859, 0.09091782163503512, 0.07657025269735923, 0.07397974873252054};
    /**
     * cos r in s = r^2 on |r| <= pi/2: the minimax polynomial of degree 8 (Remez, absolute error), coefficients
     * c0..c8 rounded to doubles; within 6.4e-17 of cos r (checked in 40-digit arithmetic). One polynomial serves
     * both Box-Muller branches ({@link #sincos2pi}) and the fast path's cosine waves.
     */
    private static final double[] HALF_TURN_COS = {1.0, -0.4999999999999997, 0.04166666666666389,
            -0.0013888888888773173, 2.4801587277443918e-05, -2.755731639353273e-07, 2.0876561960018132e-09,
            -1.1462904896895602e-11, 4.609007351301705e-14};
    /** 1.5 2^52: adding and subtracting it rounds a double below 2^51 in magnitude to the nearest integer. */
    public static final double ROUNDER = 0x1.8p52;

    /** The coefficients c0..c7 of the logarithm's series polynomial (a copy), for the vector twin. */
    public static double[] logSeries() {
        return LOG_SERIES.clone();
    }

    /** The coefficients c0..c8 of cos r in r^2 on |r| <= pi/2 (a copy), for the vector twins. */
    public static double[] halfTurnCosSeries() {
        return HALF_TURN_COS.clone();
    }

    /**
     * {@code c0 + c1 z + ... + cn zn} by Horner's scheme in z2 = z z over coefficient pairs, in exactly this
     * operation order (every twin follows it): p = cn for an even degree n, p = cn z + c(n-1) for an odd one, then
     * {@code p = p z2 + (c(k+1) z + ck)} for k from n-2 (even n) or n-3 (odd n) down to 0 in steps of 2. The pairs
     * do not depend on each other, so the dependency chain is half as deep as plain Horner's.
     */
    public static double pairHorner(double z, double[] c) {
        double z2 = z * z;
        int n = c.length - 1;
        double p;
        int k;
        if (n % 2 == 1) {
            p = c[n] * z + c[n - 1];
            k = n - 3;
        } else {
            p = c[n];
            k = n - 2;
        }
        for (; k >= 0; k -= 2) {
            p = p * z2 + (c[k + 1] * z + c[k]);
        }
        return p;
    }

    /**
     * Natural logarithm of a positive, finite, normal {@code x}. Reduces x = m 2^e with m in
     * [sqrt(1/2), sqrt(2)], then log m = 2 atanh(s) = 2 s {@link #LOG_SERIES}(s^2), s = (m-1)/(m+1).
     */
    public static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7FF) - 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > SQRT2) {
            m = m * 0.5;
            e = e + 1;
        }
        double s = (m - 1.0) / (m + 1.0);
        double p = pairHorner(s * s, LOG_SERIES);
        double de = e;
        return de * LN2_HI + (de * LN2_LO + 2.0 * s * p);
    }

    /** cos(2 pi t) for t in [0, 1]. */
    public static double cos2pi(double t) {
        return sincos2pi(t, false);
    }

    /** sin(2 pi t) for t in [0, 1]. */
    public static double sin2pi(double t) {
        return sincos2pi(t, true);
    }

    /**
     * sin or cos of 2 pi t, t in [0, 1], as a cosine: sin 2 pi t = cos 2 pi (t - 1/4) (the shift is exact for the
     * multiples of 2^-33 that Box-Muller's open-unit uniforms are). Half-turn count n = round(2u) of the (shifted) u
     * by {@link #ROUNDER} (2u is exact, and never a half-integer for those uniforms), r = 2 pi (u - n/2) in
     * [-pi/2, pi/2], then cos 2 pi u = (-1)^n {@link #HALF_TURN_COS}(r^2). Absolute error below 2^-52 or so (not
     * relative near the zeros, which a normal variate r cos does not need).
     */
    static double sincos2pi(double t, boolean sine) {
        double u = sine ? t - 0.25 : t;
        double n = (2.0 * u + ROUNDER) - ROUNDER;
        double x = (u - n * 0.5) * TWO_PI;
        double c = pairHorner(x * x, HALF_TURN_COS);
        return ((long) n & 1) == 0 ? c : -c;
    }
}
