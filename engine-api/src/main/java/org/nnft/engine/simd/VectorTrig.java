package org.nnft.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Sums of cosine waves {@code sum_i a_i cos(c_i + w_i . x)} at many points, for the fast paths that evaluate
 * many cosines (cos-net fields, random Fourier features). cos of each lane: reduction by pi, r = v - n pi with a
 * two-part pi and fused multiply-adds (for |v| below {@value #REDUCED_RANGE}), then cos v = (-1)^n cos r with one
 * minimax polynomial of degree 8 in r^2 on |r| <= pi/2 (Estrin's scheme). The error is absolute, below 2^-51 (not
 * relative near the zeros of cos, which a sum of waves does not need): the cosine of a phase that carries its own
 * rounding (an ulp of |phase|) is no better than that anyway. Lanes beyond the reduced range (or infinite) go through
 * {@link Math#cos} one by one (added to the lane sums after the vector terms), NaN stays NaN.
 *
 * <p>The phase, the cosine and the accumulation happen in registers: staging them through arrays cost about an
 * eighth of the cos-net field on a Zen core, whose 256-bit stores forward poorly to the loads that follow. Two
 * points go through one loop body, as two independent chains: a Zen 1 core runs a single chain at its latency
 * (its scheduler holds about one body), so the second chain comes nearly free. Fused multiply-adds throughout:
 * Java's fma is exactly rounded on every machine (a machine without fma units computes the same bits, slowly), so
 * the result still does not depend on the hardware.
 */
public final class VectorTrig {
    /** |x| up to which the vector reduction is used: n = round(x/pi) below 2^15, so n (pi - PI_HI - PI_LO) < 1e-27. */
    public static final double REDUCED_RANGE = 1.0e5;
    private static final double ONE_OVER_PI = 0.318309886183790671538;
    /** pi rounded to a double, and the rest pi - PI_HI rounded (1.2246467991473532e-16). */
    private static final double PI_HI = Math.PI;
    private static final double PI_LO = 1.2246467991473532072e-16;
    /**
     * cos r = c0 + c1 s + ... + c8 s^8, s = r^2, on |r| <= pi/2: the minimax (Remez, absolute error) polynomial,
     * coefficients rounded to doubles; together they are within 6.4e-17 of cos r (checked in 40-digit arithmetic).
     */
    private static final double[] COS = {1.0, -0.4999999999999997, 0.04166666666666389, -0.0013888888888773173,
            2.4801587277443918e-05, -2.755731639353273e-07, 2.0876561960018132e-09, -1.1462904896895602e-11,
            4.609007351301705e-14};
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
        for (int p = 0; p < pointCount; p += 2) {
            // two points at a time: two independent chains per loop body for the core's scheduler; an odd last point
            // pairs with itself and drops the copy
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
                VectorMask<Double> outP = vp.abs().compare(VectorOperators.GT, REDUCED_RANGE);
                VectorMask<Double> outQ = vq.abs().compare(VectorOperators.GT, REDUCED_RANGE);
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
                DoubleVector s4P = s2P.mul(s2P);
                DoubleVector s4Q = s2Q.mul(s2Q);
                DoubleVector c8 = DoubleVector.broadcast(VectorRandom.D, COS[8]);
                DoubleVector lowP = s2P.fma(sP.fma(COS[3], COS[2]), sP.fma(COS[1], COS[0]));
                DoubleVector lowQ = s2Q.fma(sQ.fma(COS[3], COS[2]), sQ.fma(COS[1], COS[0]));
                DoubleVector highP = s4P.fma(c8, s2P.fma(sP.fma(COS[7], COS[6]), sP.fma(COS[5], COS[4])));
                DoubleVector highQ = s4Q.fma(c8, s2Q.fma(sQ.fma(COS[7], COS[6]), sQ.fma(COS[5], COS[4])));
                DoubleVector cP = s4P.fma(highP, lowP).reinterpretAsLongs()
                        .lanewise(VectorOperators.XOR, shP.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 63))
                        .reinterpretAsDoubles().blend(0.0, outP);
                DoubleVector cQ = s4Q.fma(highQ, lowQ).reinterpretAsLongs()
                        .lanewise(VectorOperators.XOR, shQ.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 63))
                        .reinterpretAsDoubles().blend(0.0, outQ);
                if (outP.or(outQ).anyTrue()) {
                    fallback = outsideLanes(waves, lanes, h, points, p, dim, outP.toLong(), fallback, 0);
                    fallback = outsideLanes(waves, lanes, h, points, q, dim, outQ.toLong(), fallback, 1);
                }
                DoubleVector a = DoubleVector.fromArray(VectorRandom.D, waves, h);
                sumP = a.fma(cP, sumP);
                sumQ = a.fma(cQ, sumQ);
            }
            sumQ.intoArray(acc, q * VectorRandom.LANES);
            sumP.intoArray(acc, p * VectorRandom.LANES);
            if (fallback != null) {
                for (int l = 0; l < VectorRandom.LANES; l++) {
                    acc[p * VectorRandom.LANES + l] += fallback[l];
                    if (q != p) {
                        acc[q * VectorRandom.LANES + l] += fallback[VectorRandom.LANES + l];
                    }
                    fallback[l] = 0.0;
                    fallback[VectorRandom.LANES + l] = 0.0;
                }
            }
        }
    }

    /**
     * The terms {@code a cos(phase)} of the lanes set in {@code outside} (bits) of group {@code h} at point p, by
     * {@link Math#cos}, added to {@code sums[slot H + l]} (allocated on first use, for the two points of a loop body). The phase is recomputed by the same fused
     * multiply-adds in the same order as the vector lanes, so it is the same value. Arrays and scalars only, so that
     * this rare path passes no vector (C2 boxes a vector that crosses a call or merges from two branches).
     */
    private static double[] outsideLanes(double[] waves, int lanes, int h, double[] points, int p, int dim,
                                         long outside, double[] sums, int slot) {
        double[] s = sums == null ? new double[2 * VectorRandom.LANES] : sums;
        for (int l = 0; l < VectorRandom.LANES; l++) {
            if ((outside >>> l & 1) != 0) {
                double phase = waves[lanes + h + l];
                for (int k = 0; k < dim; k++) {
                    phase = Math.fma(waves[(2 + k) * lanes + h + l], points[p * dim + k], phase);
                }
                s[slot * VectorRandom.LANES + l] += waves[h + l] * Math.cos(phase);
            }
        }
        return s;
    }
}
