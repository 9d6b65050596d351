package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PortableErf#erf} and {@link ShallowNetworkSingle#erf} over vectors of lanes, bit for bit: the same positive
 * series with the same operations in the same order per lane; a lane stops adding terms at its own break (masked
 * updates), so each lane's sum is the scalar loop's. The lanes run until the slowest has converged. exp goes lane by
 * lane through the reference's scalar function (the Vector API's transcendental operations may differ between the
 * interpreter and compiled code).
 */
final class ErfLanes {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final float TWO_OVER_SQRT_PI_F = 1.1283792f;

    private ErfLanes() {
    }

    /** {@code x[from + q] = PortableErf.erf(x[from + q])} for q below {@code count} (a multiple of the lanes of d). */
    static void erf(VectorSpecies<Double> d, double[] x, int from, int count, double[] lane) {
        int n = d.length();
        for (int at = from; at < from + count; at += n) {
            DoubleVector v = DoubleVector.fromArray(d, x, at);
            DoubleVector ax = v.abs();
            DoubleVector x2 = ax.mul(ax);
            DoubleVector twoX2 = x2.mul(2.0);
            DoubleVector term = ax;
            DoubleVector sum = ax;
            VectorMask<Double> far = ax.compare(VectorOperators.GE, 6.0);
            VectorMask<Double> live = far.not();
            for (int k = 1; k < 400 && live.anyTrue(); k++) {
                DoubleVector next = term.mul(twoX2).div(2.0 * k + 1.0);
                term = term.blend(next, live);
                sum = sum.blend(sum.add(next), live);
                live = live.andNot(term.compare(VectorOperators.LE, sum.mul(1e-17)));
            }
            x2.neg().intoArray(lane, 0);
            for (int l = 0; l < n; l++) {
                lane[l] = Math.exp(lane[l]);
            }
            DoubleVector r = DoubleVector.broadcast(d, TWO_OVER_SQRT_PI).mul(DoubleVector.fromArray(d, lane, 0))
                    .mul(sum);
            r = r.blend(r.neg(), v.compare(VectorOperators.LT, 0.0));
            DoubleVector one = DoubleVector.broadcast(d, 1.0);
            r = r.blend(one.blend(one.neg(), v.compare(VectorOperators.GT, 0.0).not()), far);
            r.intoArray(x, at);
        }
    }

    /** {@code x[from + q] = ShallowNetworkSingle.erf(x[from + q])} for q below {@code count} (lanes of f). */
    static void erf(VectorSpecies<Float> f, float[] x, int from, int count, float[] lane) {
        int n = f.length();
        for (int at = from; at < from + count; at += n) {
            FloatVector v = FloatVector.fromArray(f, x, at);
            FloatVector ax = v.abs();
            FloatVector x2 = ax.mul(ax);
            FloatVector twoX2 = x2.mul(2.0f);
            FloatVector term = ax;
            FloatVector sum = ax;
            VectorMask<Float> far = ax.compare(VectorOperators.GE, 4.5f);
            VectorMask<Float> live = far.not();
            for (int k = 1; k < 200 && live.anyTrue(); k++) {
                FloatVector next = term.mul(twoX2).div(2.0f * k + 1.0f);
                term = term.blend(next, live);
                sum = sum.blend(sum.add(next), live);
                live = live.andNot(term.compare(VectorOperators.LE, sum.mul(1e-8f)));
            }
            x2.neg().intoArray(lane, 0);
            for (int l = 0; l < n; l++) {
                lane[l] = (float) StrictMath.exp(lane[l]);
            }
            FloatVector r = FloatVector.broadcast(f, TWO_OVER_SQRT_PI_F).mul(FloatVector.fromArray(f, lane, 0))
                    .mul(sum);
            r = r.blend(r.neg(), v.compare(VectorOperators.LT, 0.0f));
            FloatVector one = FloatVector.broadcast(f, 1.0f);
            r = r.blend(one.blend(one.neg(), v.compare(VectorOperators.GT, 0.0f).not()), far);
            r.intoArray(x, at);
        }
    }
}
