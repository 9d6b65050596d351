package org.nnft.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * cos of any double lane, for the fast paths that evaluate many cosines (cos-net fields): Cody-Waite
 * reduction by pi/2 with a two-part pi/2 and fused multiply-adds (for |x| below {@value #REDUCED_RANGE}), then
 * fdlibm's minimax kernels for sin and cos on [-pi/4, pi/4] (degree 13 and 14, error below 2^-58) by
 * Estrin's scheme. Within a few ulp of {@link Math#cos}; lanes beyond the reduced range (or infinite) go
 * through {@link Math#cos} one by one, NaN stays NaN.
 *
 * <p>Fused multiply-adds throughout: the loop is bound by the number of vector operations, and an fma is one.
 * Java's fma is exactly rounded on every machine (a machine without fma units computes the same bits, slowly),
 * so the result still does not depend on the hardware.
 */
public final class VectorTrig {
    /** |x| up to which the vector reduction is used: n = round(2x/pi) below 2^16, so n (pi/2 - PIO2_HI - PIO2_LO) < 1e-27. */
    public static final double REDUCED_RANGE = 1.0e5;
    private static final double TWO_OVER_PI = 6.36619772367581382433e-01;
    /** pi/2 rounded to a double, and the rest pi/2 - PIO2_HI rounded (6.1232339957367658861e-17). */
    private static final double PIO2_HI = Math.PI / 2;
    private static final double PIO2_LO = 6.123233995736766036e-17;
    /** fdlibm __kernel_sin: sin x = x + x^3 (S1 + z S2 + ... + z^5 S6), z = x^2. */
    private static final double[] SIN = {1.58969099521155010221e-10, -2.50507602534068634195e-08,
            2.75573137070700676789e-06, -1.98412698298579493134e-04, 8.33333333332248946124e-03,
            -1.66666666666666324348e-01};
    /** fdlibm __kernel_cos: cos x = 1 - z/2 + z^2 (C1 + z C2 + ... + z^5 C6). */
    private static final double[] COS = {-1.13596475577881948265e-11, 2.08757232129817482790e-09,
            -2.75573143513906633035e-07, 2.48015872894767294178e-05, -1.38888888888741095749e-03,
            4.16666666666666019037e-02};
    /** 1.5 * 2^52: adding and subtracting it rounds to the nearest integer (|y| < 2^51). */
    private static final double ROUNDER = 0x1.8p52;

    private VectorTrig() {
    }

    /**
     * {@code out[at + i] = cos(x[at + i])} for i below {@code count}, a multiple of {@link VectorRandom#LANES};
     * {@code out} may be {@code x}.
     */
    public static void cos(double[] x, double[] out, int at, int count) {
        for (int i = at; i < at + count; i += VectorRandom.LANES) {
            DoubleVector v = DoubleVector.fromArray(VectorRandom.D, x, i);
            VectorMask<Double> outside = v.abs().compare(VectorOperators.GT, REDUCED_RANGE);
            // n = round(2x/pi) in the low bits of shifted, then r = x - n pi/2: the fma leaves only the rounding of
            // x - n PIO2_HI (at most half an ulp of r), and n PIO2_LO (below 4e-12) adds the rest of pi/2 to 2^-106
            DoubleVector shifted = v.fma(TWO_OVER_PI, ROUNDER);
            DoubleVector n = shifted.sub(ROUNDER);
            DoubleVector r = n.fma(DoubleVector.broadcast(VectorRandom.D, -PIO2_LO),
                    n.fma(DoubleVector.broadcast(VectorRandom.D, -PIO2_HI), v));
            DoubleVector z = r.mul(r);
            DoubleVector z2 = z.mul(z);
            // Estrin: p(z) = (c5 + c4 z) + z^2 ((c3 + c2 z) + z^2 (c1 + c0 z)), c0 the highest coefficient
            DoubleVector ps = z.fma(SIN[0], SIN[1]).fma(z2, z.fma(SIN[2], SIN[3])).fma(z2, z.fma(SIN[4], SIN[5]));
            DoubleVector pc = z.fma(COS[0], COS[1]).fma(z2, z.fma(COS[2], COS[3])).fma(z2, z.fma(COS[4], COS[5]));
            DoubleVector sin = r.mul(z).fma(ps, r);
            DoubleVector cos = z2.fma(pc, z.fma(-0.5, 1.0));
            // cos(r + n pi/2) by quadrant n & 3: cos r, -sin r, -cos r, sin r; the sign is bit 1 of n + 1
            LongVector quadrant = shifted.reinterpretAsLongs();
            VectorMask<Double> odd = quadrant.and(1L).compare(VectorOperators.NE, 0L).cast(VectorRandom.D);
            LongVector sign = quadrant.add(1L).and(2L).lanewise(VectorOperators.LSHL, 62);
            cos.blend(sin, odd).reinterpretAsLongs().lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles()
                    .intoArray(out, i);
            if (outside.anyTrue()) {
                for (int k = 0; k < VectorRandom.LANES; k++) {
                    if (outside.laneIsSet(k)) {
                        out[i + k] = Math.cos(v.lane(k));
                    }
                }
            }
        }
    }
}
