package org.nnft.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * cos of any double lane, for the fast paths that evaluate many cosines (cos-net fields): Cody-Waite
 * reduction by pi/2 with a four-part pi/2 (fdlibm's split, exact products for |x| below
 * {@value #REDUCED_RANGE}), then fdlibm's minimax kernels for sin and cos on [-pi/4, pi/4]
 * (degree 13 and 14, error below 2^-58).
 * Within a few ulp of {@link Math#cos}; lanes beyond the reduced range (or not finite) go through
 * {@link Math#cos} one by one. Plain multiplies and adds, no fma, so the result does not depend on
 * the hardware's fma support.
 */
public final class VectorTrig {
    /** |x| up to which the vector reduction is used (n = round(2x/pi) below 2^17, products by PIO2_1 exact). */
    public static final double REDUCED_RANGE = 1.0e5;
    private static final double TWO_OVER_PI = 6.36619772367581382433e-01;
    private static final double PIO2_1 = 1.57079632673412561417e+00;   // first 33 bits of pi/2
    private static final double PIO2_2 = 6.07710050630396597660e-11;   // next 33 bits
    private static final double PIO2_3 = 2.02226624871116645580e-21;   // next 33 bits
    private static final double PIO2_3T = 8.47842766036889956997e-32;  // pi/2 - (PIO2_1 + PIO2_2 + PIO2_3)
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
            DoubleVector given = DoubleVector.fromArray(VectorRandom.D, x, i);
            VectorMask<Double> outside = given.abs().compare(VectorOperators.GT, REDUCED_RANGE)
                    .or(given.compare(VectorOperators.NE, given));
            DoubleVector v = given.blend(0.0, outside);
            DoubleVector shifted = v.mul(TWO_OVER_PI).add(ROUNDER);
            LongVector quadrant = shifted.reinterpretAsLongs().and(3L);
            DoubleVector n = shifted.sub(ROUNDER);
            DoubleVector r = v.sub(n.mul(PIO2_1)).sub(n.mul(PIO2_2)).sub(n.mul(PIO2_3)).sub(n.mul(PIO2_3T));
            DoubleVector z = r.mul(r);
            DoubleVector ps = DoubleVector.broadcast(VectorRandom.D, SIN[0]);
            DoubleVector pc = DoubleVector.broadcast(VectorRandom.D, COS[0]);
            for (int k = 1; k < SIN.length; k++) {
                ps = ps.mul(z).add(SIN[k]);
                pc = pc.mul(z).add(COS[k]);
            }
            DoubleVector sin = r.add(r.mul(z).mul(ps));
            DoubleVector cos = DoubleVector.broadcast(VectorRandom.D, 1.0).sub(z.mul(0.5)).add(z.mul(z).mul(pc));
            // cos(r + n pi/2) by quadrant n & 3: cos r, -sin r, -cos r, sin r
            VectorMask<Double> odd = quadrant.and(1L).compare(VectorOperators.NE, 0L).cast(VectorRandom.D);
            VectorMask<Double> negate = quadrant.add(1L).and(2L).compare(VectorOperators.NE, 0L).cast(VectorRandom.D);
            DoubleVector value = cos.blend(sin, odd);
            value.blend(value.neg(), negate).intoArray(out, i);
            if (outside.anyTrue()) {
                for (int k = 0; k < VectorRandom.LANES; k++) {
                    if (outside.laneIsSet(k)) {
                        out[i + k] = Math.cos(given.lane(k));
                    }
                }
            }
        }
    }
}
