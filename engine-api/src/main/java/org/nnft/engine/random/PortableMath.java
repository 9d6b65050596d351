package org.nnft.engine.random;

/**
 * Logarithm and sine/cosine built only from IEEE-754 operations that are correctly rounded on
 * every backend (+, -, *, /, sqrt in float64, with no fused multiply-add), so that Box-Muller
 * normals are bit-identical in Java, OpenCL C and CUDA C. The GPU prelude implements the same
 * functions with the same constants in the same operation order; change both together.
 *
 * <p>Accuracy is a few ulp, far below anything a Monte Carlo estimate resolves; what matters is
 * that every backend computes the same bits.
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
     * Natural logarithm of a positive, finite, normal {@code x}. Reduces x = m 2^e with m in
     * [sqrt(1/2), sqrt(2)), then log m = 2 atanh(s), s = (m-1)/(m+1), by a series in s^2 to s^23.
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
        double z = s * s;
        double p = 1.0 / 23.0;
        p = p * z + 1.0 / 21.0;
        p = p * z + 1.0 / 19.0;
        p = p * z + 1.0 / 17.0;
        p = p * z + 1.0 / 15.0;
        p = p * z + 1.0 / 13.0;
        p = p * z + 1.0 / 11.0;
        p = p * z + 1.0 / 9.0;
        p = p * z + 1.0 / 7.0;
        p = p * z + 1.0 / 5.0;
        p = p * z + 1.0 / 3.0;
        p = p * z + 1.0;
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
     * sin or cos of 2 pi t, t in [0, 1]: quadrant q = floor(4t + 1/2), x = 2 pi (t - q/4) in
     * [-pi/4, pi/4], Taylor polynomials to x^17 / x^18, then the quadrant rotation.
     */
    static double sincos2pi(double t, boolean sine) {
        int q = (int) Math.floor(4.0 * t + 0.5);
        double x = (t - q * 0.25) * TWO_PI;
        double z = x * x;
        double s = 1.0 / 355687428096000.0;          // 1/17!
        s = s * (-z) + 1.0 / 1307674368000.0;        // 1/15!
        s = s * (-z) + 1.0 / 6227020800.0;           // 1/13!
        s = s * (-z) + 1.0 / 39916800.0;             // 1/11!
        s = s * (-z) + 1.0 / 362880.0;               // 1/9!
        s = s * (-z) + 1.0 / 5040.0;                 // 1/7!
        s = s * (-z) + 1.0 / 120.0;                  // 1/5!
        s = s * (-z) + 1.0 / 6.0;                    // 1/3!
        s = s * (-z) + 1.0;
        s = s * x;
        double c = 1.0 / 6402373705728000.0;         // 1/18!
        c = c * (-z) + 1.0 / 20922789888000.0;       // 1/16!
        c = c * (-z) + 1.0 / 87178291200.0;          // 1/14!
        c = c * (-z) + 1.0 / 479001600.0;            // 1/12!
        c = c * (-z) + 1.0 / 3628800.0;              // 1/10!
        c = c * (-z) + 1.0 / 40320.0;                // 1/8!
        c = c * (-z) + 1.0 / 720.0;                  // 1/6!
        c = c * (-z) + 1.0 / 24.0;                   // 1/4!
        c = c * (-z) + 1.0 / 2.0;                    // 1/2!
        c = c * (-z) + 1.0;
        switch (q & 3) {
            case 0:
                return sine ? s : c;
            case 1:
                return sine ? c : -s;
            case 2:
                return sine ? -s : -c;
            default:
                return sine ? -c : s;
        }
    }
}
