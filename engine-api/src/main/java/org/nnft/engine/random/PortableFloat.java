package org.nnft.engine.random;

/**
 * The float32 twin of {@link PortableMath} and of {@link RandomStreams}' variate transforms, for the single-precision
 * kernels: uniforms, Box-Muller normals, the logarithm and the cosine as float polynomials, built from float
 * operations that are correctly rounded in Java ({@code +, -, *, /}, sqrt, and {@link Math#fma(float, float, float)}).
 * The C twin is {@code random_f32.h} beside this class (same constants, same operation order, {@code fma} spelled
 * out); the vector twin is {@code org.nnft.engine.simd.VectorRandomF}. Java scalar and vector results are the same
 * bits; C agrees to a few float ulps (OpenCL's float division and square root may be off by 2.5 and 3 ulp).
 *
 * <p>Uniforms: a word w has the double open unit {@code u = (w + 1/2) 2^-32} ({@link RandomStreams#toOpenUnit}),
 * which float cannot hold near 1. So a word is folded: {@code k = w} for w below 2^31, {@code k = ~w} above, and
 * {@code q = (float(k) + 1/2) 2^-32} (two roundings, within 2^-23 relative of {@code min(u, 1 - u)}), with
 * {@code u = q} or {@code u = 1 - q}. Every transform of u is written through q, so the float value stays within a few
 * eps_32 (relative) of the double one for every word:
 * {@code log u = log(1 - q)} above 1/2, {@code 2u - 1 = +-(1 - 2q)},
 * {@code cos 2 pi u = cos 2 pi q}, {@code sin 2 pi u = +-sin 2 pi q}. This is what the rounding bound of
 * docs/physics.md (A.6) rests on. Same Philox words as the double kernels, so a single-precision network approximates
 * the double-precision network of the same seed and stream.
 */
public final class PortableFloat {
    private PortableFloat() {
    }

    /** ln 2 split so that {@code e * LN2_HI} is exact for |e| < 2^8 (fdlibm's logf constants). */
    public static final float LN2_HI = 6.9313812256e-01f;
    public static final float LN2_LO = 9.0580006145e-06f;
    public static final float SQRT2 = 1.4142135f;
    /** 2 pi and pi rounded to float; PI_LO = pi - PI rounded to float. */
    public static final float TWO_PI = 6.2831855f;
    public static final float PI = 3.1415927f;
    public static final float PI_LO = -8.742278e-8f;
    public static final float ONE_OVER_PI = 0.31830987f;
    /** 1.5 2^23: adding and subtracting it rounds a float below 2^22 in magnitude to the nearest integer. */
    public static final float ROUNDER = 0x1.8p23f;
    /**
     * |phase| up to which {@link #cos} reduces in float: n = round(v / pi) below 2^19, so n |pi - PI - PI_LO| stays
     * below 1e-9 and the rounding of v / pi moves r less than 0.05 beyond pi/2, where the series still holds 1e-8.
     */
    public static final float REDUCED_RANGE = 0x1p20f;

    /**
     * atanh(s)/s = 1 + z/3 + z^2/5 + ... + z^6/13 in z = s^2 (Taylor, coefficients rounded to float): the rest is
     * below z^7/15 <= 1.4e-8 for z <= 1/9 (|s| <= 1/3, the largest s of {@link #logOpenUnit}).
     */
    private static final float[] LOG_SERIES = {1.0f, 1.0f / 3, 1.0f / 5, 1.0f / 7, 1.0f / 9, 1.0f / 11, 1.0f / 13};
    /** cos r = 1 - r^2/2 + ... + r^12/12! in s = r^2 (Taylor): the rest is below r^14/14! < 1e-8 for |r| <= 1.62. */
    private static final float[] COS_SERIES = {1.0f, -1.0f / 2, 1.0f / 24, -1.0f / 720, 1.0f / 40320,
            -1.0f / 3628800, 1.0f / 479001600};

    /** The coefficients of the logarithm's series (a copy), for the vector twin. */
    public static float[] logSeries() {
        return LOG_SERIES.clone();
    }

    /** The coefficients of cos r in r^2 (a copy), for the vector twin. */
    public static float[] cosSeries() {
        return COS_SERIES.clone();
    }

    /**
     * {@code c0 + c1 z + ... + c6 z^6} (7 coefficients) by Horner's scheme in z2 = z z over coefficient pairs, with
     * fused multiply-adds: {@code p = c6; p = fma(p, z2, fma(c(k+1), z, ck))} for k = 4, 2, 0.
     */
    public static float pairHorner6(float z, float[] c) {
        float z2 = z * z;
        float p = c[6];
        for (int k = 4; k >= 0; k -= 2) {
            p = Math.fma(p, z2, Math.fma(c[k + 1], z, c[k]));
        }
        return p;
    }

    /** The folded half unit q = (float(k) + 1/2) 2^-32 in (0, 1/2) of word w, k = w or ~w (see the class comment). */
    public static float halfUnit(int w) {
        return ((float) (w ^ (w >> 31)) + 0.5f) * 0x1p-32f;
    }

    /** The open unit u of word w in float: q below 1/2, 1 - q rounded above (within 2^-23 relative of the double). */
    public static float openUnit(int w) {
        float q = halfUnit(w);
        return w < 0 ? 1.0f - q : q;
    }

    /** {@code 2u - 1} of word w's open unit, as {@code +-(1 - 2q)}: the sign of w - 2^31, never 0, in (-1, 1]. */
    public static float signedUnit(int w) {
        float t = 1.0f - 2.0f * halfUnit(w);
        return w < 0 ? t : -t;
    }

    /**
     * log u of word w's open unit u: below 1/2, u = q = m 2^e with m in [sqrt(1/2), sqrt 2] and s = (m-1)/(m+1);
     * above, log(1 - q) with s = -q/(2 - q) and e = 0; then {@code e LN2_HI + (e LN2_LO + 2 s P(s^2))}.
     */
    public static float logOpenUnit(int w) {
        float q = halfUnit(w);
        float s;
        float e;
        if (w >= 0) {
            int bits = Float.floatToRawIntBits(q);
            float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F800000);
            e = ((bits >>> 23) & 0xFF) - 127;
            if (m > SQRT2) {
                m = m * 0.5f;
                e = e + 1.0f;
            }
            s = (m - 1.0f) / (m + 1.0f);
        } else {
            s = -q / (2.0f - q);
            e = 0.0f;
        }
        float p = pairHorner6(s * s, LOG_SERIES);
        return e * LN2_HI + (e * LN2_LO + 2.0f * s * p);
    }

    /**
     * cos 2 pi t for t in [-1/4, 1/2]: half-turn count n = round(2t) by {@link #ROUNDER}, r = 2 pi (t - n/2) (the
     * subtraction is exact), then {@code (-1)^n} {@link #COS_SERIES}(r^2).
     */
    public static float cos2pi(float t) {
        float sh = 2.0f * t + ROUNDER;
        float n = sh - ROUNDER;
        float x = (t - n * 0.5f) * TWO_PI;
        float c = pairHorner6(x * x, COS_SERIES);
        return (Float.floatToRawIntBits(sh) & 1) == 0 ? c : -c;
    }

    /** One Box-Muller normal of words (w0, w1) (cosine or sine branch), variance 1 / precision, in float. */
    public static float boxMuller(int w0, int w1, boolean sine, float precision) {
        float r = (float) Math.sqrt(-2.0f * logOpenUnit(w0) / precision);
        float q = halfUnit(w1);
        float c;
        if (sine) {
            c = cos2pi(q - 0.25f);
            c = w1 < 0 ? -c : c;
        } else {
            c = cos2pi(q);
        }
        return r * c;
    }

    /** {@link #boxMuller(int, int, boolean, float)} of precision 1. */
    public static float boxMuller(int w0, int w1, boolean sine) {
        return boxMuller(w0, w1, sine, 1.0f);
    }

    /**
     * cos v in float: for |v| <= {@link #REDUCED_RANGE}, n = round(v / pi) and r = v - n pi by fused multiply-adds
     * with a two-part pi, then {@code (-1)^n} {@link #COS_SERIES}(r^2) (absolute error a few 1e-8); beyond, the
     * double cosine rounded to float; NaN stays NaN.
     */
    public static float cos(float v) {
        if (!(Math.abs(v) <= REDUCED_RANGE)) {
            return (float) StrictMath.cos(v);
        }
        float sh = Math.fma(v, ONE_OVER_PI, ROUNDER);
        float n = sh - ROUNDER;
        float r = Math.fma(n, -PI_LO, Math.fma(n, -PI, v));
        float c = pairHorner6(r * r, COS_SERIES);
        return (Float.floatToRawIntBits(sh) & 1) == 0 ? c : -c;
    }
}
