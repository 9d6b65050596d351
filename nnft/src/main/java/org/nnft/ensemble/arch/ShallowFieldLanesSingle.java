package org.nnft.ensemble.arch;

import jdk.incubator.vector.FloatVector;
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
 * Box-Muller normals ({@link PortableFloat#boxMuller}, both branches) are {@link VectorRandomF#boxMullerPairs} over
 * whole rows. erf by {@link ErfLanes}, exp lane by lane through the reference's {@link StrictMath#exp}.
 */
final class ShallowFieldLanesSingle implements NetworkLanes {
    private static final int L = ShallowLanes.L;
    /** L float lanes: one network per lane, as the double lanes of {@link ShallowLanes}. */
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorShape.forBitSize(32 * L));

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
        VectorRandomF.boxMullerPairs(words, 0, row, row, normals, 0, normals, row);
        VectorRandomF.boxMullerPairs(words, 2 * row, 3 * row, row, normals, 2 * row, normals, 3 * row);
    }
}
