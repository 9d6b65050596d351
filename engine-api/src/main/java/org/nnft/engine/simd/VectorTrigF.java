package org.nnft.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.PortableFloat;

/**
 * The float twin of {@link VectorTrig#addCosineWavesInRange}: sums of cosine waves in float lanes, each term
 * bit-exact with {@link PortableFloat#cos} (reduction by a two-part pi with fused multiply-adds, the Taylor series in
 * r^2, the sign from the half-turn count) and the phase and accumulation by fused multiply-adds, as the scalar
 * reference does. Two points per loop body, as two independent chains.
 */
public final class VectorTrigF {
    private static final VectorSpecies<Float> F = VectorRandomF.F;
    private static final int H = VectorRandomF.LANES;
    private static final float[] COS = PortableFloat.cosSeries();

    private VectorTrigF() {
    }

    /**
     * {@code acc[p H + l] += sum_g a cos(c + sum_k w_k x[p dim + k])} (float), H = {@link VectorRandomF#LANES}, for
     * wave {@code i = g H + l} with amplitude {@code waves[i]}, phase {@code waves[lanes + i]}, slopes
     * {@code waves[(2 + k) lanes + i]}; {@code lanes} a multiple of H. The phase is {@code fma(w_k, x_k, phase)} over k
     * in order, the term {@code fma(a, cos, sum)}. The caller guarantees every |phase| <= {@link
     * PortableFloat#REDUCED_RANGE} (beyond it the cosine is wrong).
     */
    public static void addCosineWavesInRange(float[] waves, int lanes, float[] points, int pointCount, int dim,
                                             float[] acc) {
        for (int p = 0; p < pointCount; p += 2) {
            int q = Math.min(p + 1, pointCount - 1);
            FloatVector sumP = FloatVector.fromArray(F, acc, p * H);
            FloatVector sumQ = FloatVector.fromArray(F, acc, q * H);
            for (int h = 0; h < lanes; h += H) {
                FloatVector vp = FloatVector.fromArray(F, waves, lanes + h);
                FloatVector vq = vp;
                for (int k = 0; k < dim; k++) {
                    FloatVector wk = FloatVector.fromArray(F, waves, (2 + k) * lanes + h);
                    vp = wk.fma(FloatVector.broadcast(F, points[p * dim + k]), vp);
                    vq = wk.fma(FloatVector.broadcast(F, points[q * dim + k]), vq);
                }
                FloatVector shP = vp.fma(PortableFloat.ONE_OVER_PI, PortableFloat.ROUNDER);
                FloatVector shQ = vq.fma(PortableFloat.ONE_OVER_PI, PortableFloat.ROUNDER);
                FloatVector nP = shP.sub(PortableFloat.ROUNDER);
                FloatVector nQ = shQ.sub(PortableFloat.ROUNDER);
                FloatVector hi = FloatVector.broadcast(F, -PortableFloat.PI);
                FloatVector lo = FloatVector.broadcast(F, -PortableFloat.PI_LO);
                FloatVector rP = nP.fma(lo, nP.fma(hi, vp));
                FloatVector rQ = nQ.fma(lo, nQ.fma(hi, vq));
                FloatVector sP = rP.mul(rP);
                FloatVector sQ = rQ.mul(rQ);
                FloatVector s2P = sP.mul(sP);
                FloatVector s2Q = sQ.mul(sQ);
                FloatVector c6 = FloatVector.broadcast(F, COS[6]);
                FloatVector polyP = c6.fma(s2P, sP.fma(COS[5], COS[4]));
                FloatVector polyQ = c6.fma(s2Q, sQ.fma(COS[5], COS[4]));
                for (int k = 2; k >= 0; k -= 2) {
                    polyP = polyP.fma(s2P, sP.fma(COS[k + 1], COS[k]));
                    polyQ = polyQ.fma(s2Q, sQ.fma(COS[k + 1], COS[k]));
                }
                FloatVector cP = polyP.reinterpretAsInts()
                        .lanewise(VectorOperators.XOR, shP.reinterpretAsInts().lanewise(VectorOperators.LSHL, 31))
                        .reinterpretAsFloats();
                FloatVector cQ = polyQ.reinterpretAsInts()
                        .lanewise(VectorOperators.XOR, shQ.reinterpretAsInts().lanewise(VectorOperators.LSHL, 31))
                        .reinterpretAsFloats();
                FloatVector a = FloatVector.fromArray(F, waves, h);
                sumP = a.fma(cP, sumP);
                sumQ = a.fma(cQ, sumQ);
            }
            sumQ.intoArray(acc, q * H);
            sumP.intoArray(acc, p * H);
        }
    }

    /**
     * One cosine wave along a row of points, {@code acc[offset + j] = fma(a, cos(fma(w, x[j], phase)),
     * acc[offset + j])} (float) for j in [0, n), lanes over the points; every term bit-exact with the scalar
     * {@code Math.fma(a, PortableFloat.cos(Math.fma(w, x[j], phase)), acc[offset + j])}, which takes the tail. The
     * caller guarantees every |fma(w, x[j], phase)| <= {@link PortableFloat#REDUCED_RANGE}.
     */
    public static void addCosineWaveInRange(float a, float phase, float w, float[] x, int n, float[] acc, int offset) {
        int bound = F.loopBound(n);
        int j = 0;
        for (; j < bound; j += H) {
            FloatVector v = FloatVector.fromArray(F, x, j).fma(w, phase);
            FloatVector sum = FloatVector.fromArray(F, acc, offset + j);
            FloatVector.broadcast(F, a).fma(cosInRange(v), sum).intoArray(acc, offset + j);
        }
        for (; j < n; j++) {
            acc[offset + j] = Math.fma(a, PortableFloat.cos(Math.fma(w, x[j], phase)), acc[offset + j]);
        }
    }

    /** {@link PortableFloat#cos} lane by lane, for |v| <= {@link PortableFloat#REDUCED_RANGE}. */
    private static FloatVector cosInRange(FloatVector v) {
        FloatVector sh = v.fma(PortableFloat.ONE_OVER_PI, PortableFloat.ROUNDER);
        FloatVector n = sh.sub(PortableFloat.ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(F, -PortableFloat.PI_LO),
                n.fma(FloatVector.broadcast(F, -PortableFloat.PI), v));
        FloatVector s = r.mul(r);
        FloatVector s2 = s.mul(s);
        FloatVector poly = FloatVector.broadcast(F, COS[6]).fma(s2, s.fma(COS[5], COS[4]));
        for (int k = 2; k >= 0; k -= 2) {
            poly = poly.fma(s2, s.fma(COS[k + 1], COS[k]));
        }
        return poly.reinterpretAsInts()
                .lanewise(VectorOperators.XOR, sh.reinterpretAsInts().lanewise(VectorOperators.LSHL, 31))
                .reinterpretAsFloats();
    }

    /**
     * {@link #addCosineWavesInRange} for phases that may leave {@link PortableFloat#REDUCED_RANGE} (unbounded slopes,
     * such as Cauchy momenta): a bound {@code |c| + sum_k |w_k| X} per wave, X the largest |coordinate|, summed by
     * fused multiply-adds (rounding is monotonic, so it is at least every float phase's magnitude), decides before
     * any cosine; if some phase may leave the range (or a wave or point is not finite), every term of the call goes
     * through {@link PortableFloat#cos} one by one, into the same lane sums in the same order. Either way each term
     * is {@code fma(a, PortableFloat.cos(phase), sum)} bit for bit.
     */
    public static void addCosineWaves(float[] waves, int lanes, float[] points, int pointCount, int dim,
                                      float[] acc) {
        if (mayLeaveRange(waves, lanes, points, pointCount, dim)) {
            for (int p = 0; p < pointCount; p++) {
                for (int i = 0; i < lanes; i++) {
                    float phase = waves[lanes + i];
                    for (int k = 0; k < dim; k++) {
                        phase = Math.fma(waves[(2 + k) * lanes + i], points[p * dim + k], phase);
                    }
                    int slot = p * H + i % H;
                    acc[slot] = Math.fma(waves[i], PortableFloat.cos(phase), acc[slot]);
                }
            }
        } else {
            addCosineWavesInRange(waves, lanes, points, pointCount, dim, acc);
        }
    }

    /** Whether some phase of {@link #addCosineWaves} may lie beyond {@link PortableFloat#REDUCED_RANGE}. */
    private static boolean mayLeaveRange(float[] waves, int lanes, float[] points, int pointCount, int dim) {
        float far = 0.0f;
        for (int i = 0; i < pointCount * dim; i++) {
            far = Math.max(far, Math.abs(points[i]));
        }
        FloatVector reach = FloatVector.zero(F);
        for (int h = 0; h < lanes; h += H) {
            FloatVector bound = FloatVector.fromArray(F, waves, lanes + h).abs();
            for (int k = 0; k < dim; k++) {
                bound = FloatVector.fromArray(F, waves, (2 + k) * lanes + h).abs()
                        .fma(FloatVector.broadcast(F, far), bound);
            }
            reach = reach.max(bound);
        }
        // NOT(reach <= range) is true for a NaN lane too
        return !reach.compare(VectorOperators.LE, PortableFloat.REDUCED_RANGE).allTrue();
    }
}
