package org.nnft.ensemble.arch;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.simd.VectorRandomF;

import java.util.Arrays;

/**
 * Vector API fast path of {@link ShallowNetworkSingle#field}: {@link ShallowLanes#L} networks at once, one per float
 * lane (a float species of L lanes), each lane repeating the float reference's operations in its order, so every field
 * value is bit-identical to the reference's. The Philox words come from {@link ShallowLanes#philox}; the float
 * Box-Muller normals ({@link PortableFloat#boxMuller}, both branches) are computed here over whole rows in the
 * {@link VectorRandomF#F} species, a twin of {@link VectorRandomF#boxMullerCos} (same operations, fused multiply-adds
 * where the reference has them). erf by {@link ErfLanes}, exp lane by lane through the reference's
 * {@link StrictMath#exp}.
 */
final class ShallowFieldLanesSingle implements NetworkLanes {
    private static final int L = ShallowLanes.L;
    /** L float lanes: one network per lane, as the double lanes of {@link ShallowLanes}. */
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(32 * L));
    private static final VectorSpecies<Float> F = VectorRandomF.F;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    private static final float[] LOG = PortableFloat.logSeries();
    private static final float[] COS = PortableFloat.cosSeries();

    private final ShallowLanes draws = new ShallowLanes();
    private int[] words = new int[0];
    /** Float normal m of block k of network n at {@code [m R + k L + n]} (as {@link ShallowLanes#at}). */
    private float[] normals = new float[0];
    private int row;
    private final float[] x = new float[EnsembleKernel.MAX_SITES * 4];
    private final float[] act = new float[EnsembleKernel.MAX_SITES * L];
    private final float[] acc = new float[EnsembleKernel.MAX_SITES * L];
    private final float[] lane = new float[L];

    @Override
    public void evaluate(double[] points, int pointCount, double[] hyper, int width, int inDim, int outDim,
                         int variant, long seed, long first, double[] phi) {
        float sigmaB = (float) hyper[0];
        float inScale = (float) hyper[1];
        float outScale = (float) hyper[2];
        int blocksPerNeuron = (inDim + 1 + outDim + 3) / 4;
        for (int q = 0; q < pointCount * inDim; q++) {
            x[q] = (float) points[q];
        }
        int sites = pointCount * outDim;
        Arrays.fill(acc, 0, sites * L, 0.0f);
        draws.networks(first);
        for (int i0 = 0; i0 < width; i0 += ShallowLanes.CHUNK) {
            int count = Math.min(ShallowLanes.CHUNK, width - i0);
            normals(seed, (long) i0 * blocksPerNeuron, count * blocksPerNeuron);
            for (int i = 0; i < count; i++) {
                neuron(i * blocksPerNeuron, pointCount, hyper, inDim, outDim, variant, sigmaB, inScale, outScale);
            }
        }
        normals(seed, (long) width * blocksPerNeuron, (outDim + 3) / 4);
        for (int k = 0; k < outDim; k++) {
            FloatVector b1 = FloatVector.fromArray(S, normals, at(0, k)).mul(sigmaB);
            for (int p = 0; p < pointCount; p++) {
                int s = (p * outDim + k) * L;
                FloatVector.fromArray(S, acc, s).add(b1).intoArray(acc, s);
            }
        }
        for (int q = 0; q < sites * L; q++) {
            phi[q] = acc[q];
        }
    }

    private int at(int k, int j) {
        return (j & 3) * row + (k + (j >> 2)) * L;
    }

    /** Adds the terms of the neuron whose draws start at block k to the float sums. */
    private void neuron(int k, int pointCount, double[] hyper, int inDim, int outDim, int variant, float sigmaB,
                        float inScale, float outScale) {
        Arrays.fill(act, 0, pointCount * L, 0.0f);
        for (int j = 0; j < inDim; j++) {
            FloatVector weight = FloatVector.fromArray(S, normals, at(k, j)).mul(inScale);
            for (int p = 0; p < pointCount; p++) {
                FloatVector.fromArray(S, act, p * L).add(weight.mul(x[p * inDim + j])).intoArray(act, p * L);
            }
        }
        FloatVector bias = FloatVector.fromArray(S, normals, at(k, inDim)).mul(sigmaB);
        FloatVector zero = FloatVector.zero(S);
        for (int p = 0; p < pointCount; p++) {
            FloatVector z = FloatVector.fromArray(S, act, p * L).add(bias);
            if (variant == 1) {
                z = zero.blend(z, z.compare(VectorOperators.GT, 0.0f));
            }
            z.intoArray(act, p * L);
        }
        if (variant == 0) {
            ErfLanes.erf(S, act, 0, pointCount * L, lane);
        } else if (variant != 1) {
            for (int p = 0; p < pointCount; p++) {
                float c = (float) hyper[3 + p];
                for (int q = p * L; q < (p + 1) * L; q++) {
                    act[q] = (float) StrictMath.exp(act[q] - c);
                }
            }
        }
        for (int o = 0; o < outDim; o++) {
            FloatVector weight = FloatVector.fromArray(S, normals, at(k, inDim + 1 + o)).mul(outScale);
            for (int p = 0; p < pointCount; p++) {
                int s = (p * outDim + o) * L;
                FloatVector.fromArray(S, acc, s).add(weight.mul(FloatVector.fromArray(S, act, p * L)))
                        .intoArray(acc, s);
            }
        }
    }

    /** The four float normals of each of the group's blocks {@code first .. first + blocks - 1}. */
    private void normals(long seed, long first, int blocks) {
        draws.philox(seed, first, blocks);
        row = draws.row();
        long[] source = draws.words();
        if (normals.length < 4 * row) {
            normals = new float[4 * row];
            words = new int[4 * row];
        }
        for (int q = 0; q < 4 * row; q++) {
            words[q] = (int) source[q];
        }
        boxMuller(0, row);
        boxMuller(2 * row, 3 * row);
    }

    /**
     * {@link PortableFloat#boxMuller}{@code (words[u + l], words[t + l], sine)} into {@code normals[u + l]} (cosine)
     * and {@code normals[t + l]} (sine) for l below {@link #row}: the twin of {@link VectorRandomF#boxMullerCos}
     * (precision 1, scale 1), the radius shared by both branches.
     */
    private void boxMuller(int u, int t) {
        for (int l = 0; l < row; l += F.length()) {
            IntVector w0 = IntVector.fromArray(I, words, u + l);
            FloatVector q = halfUnit(w0);
            IntVector bits = q.reinterpretAsInts();
            FloatVector m = bits.and(0x007FFFFF).or(0x3F800000).reinterpretAsFloats();
            FloatVector e = (FloatVector) bits.lanewise(VectorOperators.LSHR, 23).and(0xFF).sub(127)
                    .convert(VectorOperators.I2F, 0);
            VectorMask<Float> big = m.compare(VectorOperators.GT, PortableFloat.SQRT2);
            m = m.blend(m.mul(0.5f), big);
            e = e.blend(e.add(1.0f), big);
            VectorMask<Float> high = w0.compare(VectorOperators.LT, 0).cast(F);
            FloatVector s = m.sub(1.0f).blend(q.neg(), high).div(m.add(1.0f).blend(FloatVector.broadcast(F, 2.0f)
                    .sub(q), high));
            e = e.blend(0.0f, high);
            FloatVector z = s.mul(s);
            FloatVector z2 = z.mul(z);
            FloatVector p = FloatVector.broadcast(F, LOG[6]);
            for (int k = 4; k >= 0; k -= 2) {
                p = p.fma(z2, z.fma(LOG[k + 1], LOG[k]));
            }
            FloatVector log = e.mul(PortableFloat.LN2_HI).add(e.mul(PortableFloat.LN2_LO).add(s.mul(2.0f).mul(p)));
            FloatVector r = log.mul(-2.0f).lanewise(VectorOperators.SQRT);
            IntVector w1 = IntVector.fromArray(I, words, t + l);
            FloatVector a = halfUnit(w1);
            r.mul(cos2pi(a)).intoArray(normals, u + l);
            FloatVector sine = cos2pi(a.sub(0.25f)).reinterpretAsInts()
                    .lanewise(VectorOperators.XOR, w1.and(0x80000000)).reinterpretAsFloats();
            r.mul(sine).intoArray(normals, t + l);
        }
    }

    /** {@link PortableFloat#halfUnit} lane by lane. */
    private static FloatVector halfUnit(IntVector w) {
        return ((FloatVector) w.lanewise(VectorOperators.XOR, w.lanewise(VectorOperators.ASHR, 31))
                .convert(VectorOperators.I2F, 0)).add(0.5f).mul(0x1p-32f);
    }

    /** {@link PortableFloat#cos2pi} lane by lane. */
    private static FloatVector cos2pi(FloatVector a) {
        FloatVector sh = a.mul(2.0f).add(PortableFloat.ROUNDER);
        FloatVector x = a.sub(sh.sub(PortableFloat.ROUNDER).mul(0.5f)).mul(PortableFloat.TWO_PI);
        FloatVector y = x.mul(x);
        FloatVector y2 = y.mul(y);
        FloatVector c = FloatVector.broadcast(F, COS[6]);
        for (int k = 4; k >= 0; k -= 2) {
            c = c.fma(y2, y.fma(COS[k + 1], COS[k]));
        }
        return c.reinterpretAsInts()
                .lanewise(VectorOperators.XOR, sh.reinterpretAsInts().lanewise(VectorOperators.LSHL, 31))
                .reinterpretAsFloats();
    }
}
