package org.nnft.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Sums of cosine waves {@code sum_i a_i cos(c_i + w_i . x)} at many points, for the fast paths that evaluate
 * many cosines (cos-net fields, random Fourier features). cos of each lane: Cody-Waite reduction by pi/2 with a
 * two-part pi/2 and fused multiply-adds (for |argument| below {@value #REDUCED_RANGE}), then fdlibm's minimax
 * kernels for sin and cos on [-pi/4, pi/4] (degree 13 and 14, error below 2^-58) by Estrin's scheme: within a
 * few ulp of {@link Math#cos}; lanes beyond the reduced range (or infinite) go through {@link Math#cos} one by
 * one (added to the lane sums after the vector terms), NaN stays NaN.
 *
 * <p>The phase, the cosine and the accumulation happen in registers, one lane group after another: staging them
 * through arrays cost about an eighth of the cos-net field on a Zen core, whose 256-bit stores forward poorly to
 * the loads that follow. Fused multiply-adds throughout: the loop is bound by the number of vector operations,
 * and an fma is one. Java's fma is exactly rounded on every machine (a machine without fma units computes the
 * same bits, slowly), so the result still does not depend on the hardware.
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
     * {@code acc[p H + l] += sum_g a cos(c + sum_k w_k x[p dim + k])} for every point p below {@code pointCount},
     * H = {@link VectorRandom#LANES}, where wave {@code i = g H + l} (lane group g, lane l) has amplitude
     * {@code a = waves[i]}, phase {@code c = waves[lanes + i]} and slopes {@code w_k = waves[(2 + k) lanes + i]};
     * {@code lanes} is a multiple of H. The phase is summed over k in order by fused multiply-adds, then each
     * group adds {@code a cos(phase)} to the point's lane sums by one fused multiply-add, groups in order; the
     * caller reduces the H lane sums of a point in a fixed order.
     */
    public static void addCosineWaves(double[] waves, int lanes, double[] points, int pointCount, int dim,
                                      double[] acc) {
        double[] fallback = null;
        for (int p = 0; p < pointCount; p++) {
            DoubleVector sum = DoubleVector.fromArray(VectorRandom.D, acc, p * VectorRandom.LANES);
            for (int h = 0; h < lanes; h += VectorRandom.LANES) {
                DoubleVector v = DoubleVector.fromArray(VectorRandom.D, waves, lanes + h);
                for (int k = 0; k < dim; k++) {
                    DoubleVector xk = DoubleVector.broadcast(VectorRandom.D, points[p * dim + k]);
                    v = DoubleVector.fromArray(VectorRandom.D, waves, (2 + k) * lanes + h).fma(xk, v);
                }
                VectorMask<Double> outside = v.abs().compare(VectorOperators.GT, REDUCED_RANGE);
                // n = round(2v/pi) in the low bits of shifted, then r = v - n pi/2: the fma leaves only the rounding
                // of v - n PIO2_HI (at most half an ulp of r), and n PIO2_LO (below 4e-12) adds the rest of pi/2 to
                // 2^-106
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
                DoubleVector c = cos.blend(sin, odd).reinterpretAsLongs().lanewise(VectorOperators.XOR, sign)
                        .reinterpretAsDoubles().blend(0.0, outside);
                if (outside.anyTrue()) {
                    fallback = outsideLanes(waves, lanes, h, points, p, dim, outside.toLong(), fallback);
                }
                sum = DoubleVector.fromArray(VectorRandom.D, waves, h).fma(c, sum);
            }
            sum.intoArray(acc, p * VectorRandom.LANES);
            if (fallback != null) {       // lanes of outside ranges: after the vector terms
                for (int l = 0; l < VectorRandom.LANES; l++) {
                    acc[p * VectorRandom.LANES + l] += fallback[l];
                    fallback[l] = 0.0;
                }
            }
        }
    }

    /**
     * The terms {@code a cos(phase)} of the lanes set in {@code outside} (bits) of group {@code h} at point p, by
     * {@link Math#cos}, added to {@code sums} (allocated on first use). The phase is recomputed by the same fused
     * multiply-adds in the same order as the vector lanes, so it is the same value. Arrays and scalars only, so that
     * this rare path passes no vector (C2 boxes a vector that crosses a call or merges from two branches).
     */
    private static double[] outsideLanes(double[] waves, int lanes, int h, double[] points, int p, int dim,
                                         long outside, double[] sums) {
        double[] s = sums == null ? new double[VectorRandom.LANES] : sums;
        for (int l = 0; l < VectorRandom.LANES; l++) {
            if ((outside >>> l & 1) != 0) {
                double phase = waves[lanes + h + l];
                for (int k = 0; k < dim; k++) {
                    phase = Math.fma(waves[(2 + k) * lanes + h + l], points[p * dim + k], phase);
                }
                s[l] += waves[h + l] * Math.cos(phase);
            }
        }
        return s;
    }
}
