package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.simd.VectorRandom;

/**
 * The Cauchy momentum and the ball radius's root of {@link CosNetSingle#drawNeuron}, the same floats for less: the
 * reference rounds a {@link StrictMath} tangent or power (fdlibm in Java, not an intrinsic, 20-40 ns a call) to float;
 * here another double of the same value, computed in double lanes ({@link #cotangents}, {@link #cubeRoots}, square
 * roots: each within a few 2^-53 relative), is rounded instead, after a check that the float rounding cannot tell the
 * two apart.
 *
 * <p>The check: both doubles lie within 2^-49 (relative) of one exact value, so if the ends of the interval
 * {@code t (1 -+ 2^-46)} round to the same float f, so do both (float rounding is monotonic), and f is the
 * reference's. A t that close to a rounding boundary between floats (about 2^-21 of all draws) takes the reference.
 */
final class FloatNeuronMath {
    private static final double UP = 1.0 + 0x1p-46;
    private static final double DOWN = 1.0 - 0x1p-46;
    private static final VectorSpecies<Double> D = VectorRandom.D;
    /**
     * bits(x^(1/3)) ~ bits(x)/3 + CBRT_BIAS for a positive double x (the exponent bias 1023 times 2/3 in the exponent
     * field, tuned: Kahan's cube-root guess, within 3.3 % on [2^-40, 1], measured).
     */
    private static final long CBRT_BIAS = 0x2A9F7893782DA1CEL;
    /** pi/2 as a double and the rest pi/2 - PIO2_HI rounded (fdlibm's pio2_hi, pio2_lo). */
    private static final double PIO2_HI = 0x1.921fb54442d18p0;
    private static final double PIO2_LO = 0x1.1a62633145c07p-54;
    /**
     * tan x = x + x^3 (T0 + T1 x^2 + ... + T12 x^24): fdlibm's kernel_tan series (minimax on |x| <= 0.6744, here
     * used on |x| <= pi/8).
     */
    private static final double[] T = {0x1.5555555555563p-2, 0x1.111111110fe7ap-3, 0x1.ba1ba1bb341fep-5,
        0x1.664f48406d637p-6, 0x1.226e3e96e8493p-7, 0x1.d6d22c9560328p-9, 0x1.7dbc8fee08315p-10,
        0x1.344d8f2f26501p-11, 0x1.026f71a8d1068p-12, 0x1.47e88a03792a6p-14, 0x1.2b80f32f0a7e9p-14,
        -0x1.375cbdb605373p-16, 0x1.b2a7074bf7ad4p-16};

    private FloatNeuronMath() {
    }

    /**
     * {@link CosNetSingle#cauchy}{@code (m, words[from + l])} bit for bit into {@code out[at + l]} for l below
     * {@code count} (a multiple of the double lanes), with {@code count} scratch doubles: 1/tan v of the reference's
     * double v = pi q in double lanes, then each lane checked and rounded. For v <= pi/4, cot v; above, tan z of
     * z = pi/2 - v (PIO2_HI - v is exact, PIO2_LO adds the rest of pi/2). Either through t = tan(y/2) (|y/2| <=
     * pi/8, the series T): tan y = 2t / (1 - t^2), so cot v and tan z are one division. Relative error a few
     * 2^-53, well inside the check's 2^-46 (SinglePrecisionLanesTest measures it).
     */
    static void cauchies(float m, int[] words, int from, int count, float[] out, int at, double[] scratch) {
        for (int l = 0; l < count; l++) {
            scratch[l] = Math.PI * (double) PortableFloat.halfUnit(words[from + l]);
        }
        cotangents(scratch, count);
        for (int l = 0; l < count; l++) {
            double t = scratch[l];
            float f = (float) t;
            int w = words[from + l];
            if ((float) (t * UP) != f || (float) (t * DOWN) != f) {
                out[at + l] = CosNetSingle.cauchy(m, w);
            } else {
                out[at + l] = m * (w < 0 ? f : -f);
            }
        }
    }

    /** {@code v[l] = cot v[l]} for v in (0, pi/2], l below {@code count} (see {@link #cauchies}). */
    static void cotangents(double[] v, int count) {
        for (int h = 0; h < count; h += D.length()) {
            DoubleVector x = DoubleVector.fromArray(D, v, h);
            VectorMask<Double> low = x.compare(VectorOperators.LE, PIO2_HI * 0.5);
            DoubleVector y = x.blend(DoubleVector.broadcast(D, PIO2_HI).sub(x).add(PIO2_LO), low.not()).mul(0.5);
            DoubleVector s = y.mul(y);
            DoubleVector p = DoubleVector.broadcast(D, T[12]);
            for (int k = 11; k >= 0; k--) {
                p = p.fma(s, DoubleVector.broadcast(D, T[k]));
            }
            DoubleVector t = y.mul(s).fma(p, y);
            DoubleVector num = t.mul(2.0);
            DoubleVector den = t.neg().fma(t, DoubleVector.broadcast(D, 1.0));
            den.blend(num, low.not()).div(num.blend(den, low.not())).intoArray(v, h);
        }
    }

    /**
     * {@code lambda} {@link CosNetSingle#root}{@code (words[from + l], dim)} bit for bit into {@code out[at + l]} for l
     * below {@code count} (a multiple of the double lanes), dim in 2..4, with {@code count} scratch doubles: the ball
     * radii. d = 2: fdlibm's pow(x, 1/2) is sqrt(x) (its special case), so the square root is the reference's own
     * double, no check needed. d = 3: {@link #cubeRoots}; the reference's exponent 1.0/3 lies 2^-54/3 below 1/3,
     * which moves u^(1/3) by at most 4.2e-16 relative for the smallest open unit (|log u| < 23). d = 4: two square
     * roots (within 1.5 2^-53). Then each lane is checked and rounded.
     */
    static void radii(float lambda, int dim, int[] words, int from, int count, float[] out, int at,
                      double[] scratch) {
        if (dim == 2) {
            for (int l = 0; l < count; l++) {
                out[at + l] = lambda * (float) Math.sqrt(PortableFloat.openUnit(words[from + l]));
            }
            return;
        }
        for (int l = 0; l < count; l++) {
            scratch[l] = PortableFloat.openUnit(words[from + l]);
        }
        if (dim == 3) {
            cubeRoots(scratch, count);
        } else {
            for (int h = 0; h < count; h += D.length()) {
                DoubleVector.fromArray(D, scratch, h).lanewise(VectorOperators.SQRT).lanewise(VectorOperators.SQRT)
                        .intoArray(scratch, h);
            }
        }
        for (int l = 0; l < count; l++) {
            double r = scratch[l];
            float f = (float) r;
            if ((float) (r * UP) != f || (float) (r * DOWN) != f) {
                f = CosNetSingle.root(words[from + l], dim);
            }
            out[at + l] = lambda * f;
        }
    }

    /**
     * {@code x[l] = x[l]^(1/3)} for positive normal doubles, l below {@code count}: Kahan's bit guess (within 3.3 %),
     * then four Newton steps y - (y^3 - x) / (3 y^2), whose relative error squares each step (3.3e-2, 1.1e-3, 1.2e-6,
     * 1.5e-12, below the rounding): a few 2^-53 (SinglePrecisionLanesTest measures it).
     */
    static void cubeRoots(double[] x, int count) {
        for (int h = 0; h < count; h += D.length()) {
            DoubleVector u = DoubleVector.fromArray(D, x, h);
            DoubleVector third = ((DoubleVector) u.reinterpretAsLongs().convert(VectorOperators.L2D, 0)).mul(1.0 / 3);
            DoubleVector y = ((LongVector) third.convert(VectorOperators.D2L, 0)).add(CBRT_BIAS).reinterpretAsDoubles();
            for (int k = 0; k < 4; k++) {
                DoubleVector y2 = y.mul(y);
                y = y.sub(y2.mul(y).sub(u).div(y2.mul(3.0)));
            }
            y.intoArray(x, h);
        }
    }
}
