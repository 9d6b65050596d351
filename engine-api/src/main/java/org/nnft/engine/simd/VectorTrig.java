package org.nnft.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import org.nnft.engine.random.PortableMath;

/**
 * Sums of cosine waves {@code sum_i a_i cos(c_i + w_i . x)} at many points, for the fast paths that evaluate
 * many cosines (cos-net fields, random Fourier features). cos of each lane: reduction by pi, r = v - n pi with a
 * two-part pi and fused multiply-adds (for |v| below {@value #REDUCED_RANGE}), then cos v = (-1)^n cos r with one
 * minimax polynomial of degree 8 in r^2 on |r| <= pi/2 (Horner in r^4 over coefficient pairs). The error is
 * absolute, below 2^-51 (not relative near the zeros of cos, which a sum of waves does not need): the cosine of a
 * phase that carries its own rounding (an ulp of |phase|) is no better than that anyway. A call whose phases may
 * leave the reduced range (or are not finite) goes through {@link Math#cos} as a whole; NaN stays NaN.
 *
 * <p>The phase, the cosine and the accumulation happen in registers: staged through arrays, every stage would wait
 * on store-to-load forwarding, which is slow for wide vectors on some cores. Two points go through one loop body,
 * as two independent chains: a core whose scheduler holds about one body runs a single chain at its latency, so
 * the second chain comes nearly free. Fused multiply-adds throughout:
 * Java's fma is exactly rounded on every machine (a machine without fma units computes the same bits, slowly), so
 * the result still does not depend on the hardware.
 */
public final class VectorTrig {
    /**
     * |phase| up to which the vector reduction holds its accuracy: n = round(v/pi) stays below 2^48, so n (pi - PI_HI -
     * PI_LO) is below 3e-18, and the rounding of v/pi (2^-54 relative) moves r at most 1/32 beyond pi/2, where the
     * minimax polynomial's error is still below 3e-17 (a Chebyshev-like error grows by about 81 times the relative
     * excess in s for degree 8).
     */
    public static final double REDUCED_RANGE = 0x1p49;
    private static final double ONE_OVER_PI = 0.318309886183790671538;
    /** pi rounded to a double, and the rest pi - PI_HI rounded (1.2246467991473532e-16). */
    private static final double PI_HI = Math.PI;
    private static final double PI_LO = 1.2246467991473532072e-16;
    /** cos r = c0 + c1 s + ... + c8 s^8, s = r^2, on |r| <= pi/2: {@link PortableMath#halfTurnCosSeries} (6.4e-17). */
    private static final double[] COS = PortableMath.halfTurnCosSeries();
    private static final double ROUNDER = PortableMath.ROUNDER;

    private VectorTrig() {
    }

    /**
     * {@code acc[p H + l] += sum_g a cos(c + sum_k w_k x[p dim + k])} for every point p below {@code pointCount},
     * H = {@link VectorRandom#LANES}, where wave {@code i = g H + l} (lane group g, lane l) has amplitude
     * {@code a = waves[i]}, phase {@code c = waves[lanes + i]} and slopes {@code w_k = waves[(2 + k) lanes + i]};
     * {@code lanes} is a multiple of H. The phase is summed over k in order by fused multiply-adds, then each
     * group adds {@code a cos(phase)} to the point's lane sums by one fused multiply-add, groups in order; the
     * caller reduces the H lane sums of a point in a fixed order. Points go in pairs (an odd last one pairs with
     * itself). If a phase may lie beyond {@link #REDUCED_RANGE} (or is infinite), judged by a bound from the waves and
     * the points before any cosine, every term takes {@link Math#cos} instead.
     */
    public static void addCosineWaves(double[] waves, int lanes, double[] points, int pointCount, int dim,
                                      double[] acc) {
        if (mayLeaveRange(waves, lanes, points, pointCount, dim)) {
            for (int p = 0; p < pointCount; p++) {
                addScalarWaves(waves, lanes, points, p, dim, acc);
            }
        } else {
            addCosineWavesInRange(waves, lanes, points, pointCount, dim, acc);
        }
    }

    /**
     * {@link #addCosineWaves} for a caller that knows every phase to be within {@link #REDUCED_RANGE} (bounded slopes
     * and points, checked once rather than per call): no range check at all. A phase beyond the range gives a wrong
     * cosine; an infinite or NaN phase gives NaN.
     */
    public static void addCosineWavesInRange(double[] waves, int lanes, double[] points, int pointCount, int dim,
                                             double[] acc) {
        for (int p = 0; p < pointCount; p += 2) {
            int q = Math.min(p + 1, pointCount - 1);
            DoubleVector sumP = DoubleVector.fromArray(VectorRandom.D, acc, p * VectorRandom.LANES);
            DoubleVector sumQ = DoubleVector.fromArray(VectorRandom.D, acc, q * VectorRandom.LANES);
            for (int h = 0; h < lanes; h += VectorRandom.LANES) {
                DoubleVector phase = DoubleVector.fromArray(VectorRandom.D, waves, lanes + h);
                DoubleVector vp = phase;
                DoubleVector vq = phase;
                for (int k = 0; k < dim; k++) {
                    DoubleVector wk = DoubleVector.fromArray(VectorRandom.D, waves, (2 + k) * lanes + h);
                    vp = wk.fma(DoubleVector.broadcast(VectorRandom.D, points[p * dim + k]), vp);
                    vq = wk.fma(DoubleVector.broadcast(VectorRandom.D, points[q * dim + k]), vq);
                }
                // Two independent chains, one per point. n = round(v/pi) in the low bits of sh, then r = v - n pi in
                // [-pi/2, pi/2]: the fma leaves only the rounding of v - n PI_HI (at most half an ulp of r), and n
                // PI_LO adds the rest of pi to 2^-107
                DoubleVector shP = vp.fma(ONE_OVER_PI, ROUNDER);
                DoubleVector shQ = vq.fma(ONE_OVER_PI, ROUNDER);
                DoubleVector nP = shP.sub(ROUNDER);
                DoubleVector nQ = shQ.sub(ROUNDER);
                DoubleVector hi = DoubleVector.broadcast(VectorRandom.D, -PI_HI);
                DoubleVector lo = DoubleVector.broadcast(VectorRandom.D, -PI_LO);
                DoubleVector rP = nP.fma(lo, nP.fma(hi, vp));
                DoubleVector rQ = nQ.fma(lo, nQ.fma(hi, vq));
                DoubleVector sP = rP.mul(rP);
                DoubleVector sQ = rQ.mul(rQ);
                DoubleVector s2P = sP.mul(sP);
                DoubleVector s2Q = sQ.mul(sQ);
                // Horner in s^2 over coefficient pairs (PortableMath.pairHorner's scheme, fused): fewer live values
                // than Estrin's scheme, so the two chains fit the registers, and as short a dependency chain
                DoubleVector c8 = DoubleVector.broadcast(VectorRandom.D, COS[8]);
                DoubleVector polyP = s2P.fma(c8, sP.fma(COS[7], COS[6]));
                DoubleVector polyQ = s2Q.fma(c8, sQ.fma(COS[7], COS[6]));
                for (int k = 4; k >= 0; k -= 2) {
                    polyP = polyP.fma(s2P, sP.fma(COS[k + 1], COS[k]));
                    polyQ = polyQ.fma(s2Q, sQ.fma(COS[k + 1], COS[k]));
                }
                // cos(r + n pi) = (-1)^n cos r: bit 0 of n, which is bit 0 of sh, becomes the sign (a NaN stays NaN)
                DoubleVector cP = polyP.reinterpretAsLongs()
                        .lanewise(VectorOperators.XOR, shP.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 63))
                        .reinterpretAsDoubles();
                DoubleVector cQ = polyQ.reinterpretAsLongs()
                        .lanewise(VectorOperators.XOR, shQ.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 63))
                        .reinterpretAsDoubles();
                DoubleVector a = DoubleVector.fromArray(VectorRandom.D, waves, h);
                sumP = a.fma(cP, sumP);
                sumQ = a.fma(cQ, sumQ);
            }
            sumQ.intoArray(acc, q * VectorRandom.LANES);
            sumP.intoArray(acc, p * VectorRandom.LANES);
        }
    }

    /**
     * Whether some phase {@code |c + sum_k w_k x_k|} may exceed {@link #REDUCED_RANGE}: the bound
     * {@code |c| + sum_k |w_k| X}, X = {@link #largestMagnitude} of the coordinates, summed by fused multiply-adds, is
     * at least the phase's magnitude (rounding is monotonic); it is infinite or NaN when a wave or a point is.
     */
    private static boolean mayLeaveRange(double[] waves, int lanes, double[] points, int pointCount, int dim) {
        double far = largestMagnitude(points, pointCount * dim);
        DoubleVector reach = DoubleVector.zero(VectorRandom.D);
        for (int h = 0; h < lanes; h += VectorRandom.LANES) {
            DoubleVector bound = DoubleVector.fromArray(VectorRandom.D, waves, lanes + h).abs();
            for (int k = 0; k < dim; k++) {
                bound = DoubleVector.fromArray(VectorRandom.D, waves, (2 + k) * lanes + h).abs()
                        .fma(DoubleVector.broadcast(VectorRandom.D, far), bound);
            }
            reach = reach.max(bound);
        }
        // NOT(reach <= range) is true for a NaN lane too
        return !reach.compare(VectorOperators.LE, REDUCED_RANGE).allTrue();
    }

    /** max |values[i]| over the first {@code count} values (0 for none, NaN if one is NaN): X of a phase bound. */
    public static double largestMagnitude(double[] values, int count) {
        double far = 0.0;
        for (int i = 0; i < count; i++) {
            far = Math.max(far, Math.abs(values[i]));
        }
        return far;
    }

    /**
     * The terms of point p by {@link Math#cos}, into the same lane sums and in the same order as the vector path, the
     * phase by the same fused multiply-adds; NaN and infinite phases give NaN.
     */
    private static void addScalarWaves(double[] waves, int lanes, double[] points, int p, int dim, double[] acc) {
        for (int i = 0; i < lanes; i++) {
            double phase = waves[lanes + i];
            for (int k = 0; k < dim; k++) {
                phase = Math.fma(waves[(2 + k) * lanes + i], points[p * dim + k], phase);
            }
            int slot = p * VectorRandom.LANES + i % VectorRandom.LANES;
            acc[slot] = Math.fma(waves[i], Math.cos(phase), acc[slot]);
        }
    }
}
