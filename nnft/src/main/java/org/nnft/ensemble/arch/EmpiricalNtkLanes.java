package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Vector API fast path of {@link EmpiricalNtkKernel}'s scalar shallow-network body: {@link ShallowLanes#L} networks
 * at once, one per double lane, each lane repeating the reference's operations in its order (the neuron sums a, b
 * and the field run over neurons in increasing order per network), so the field and the neuron sums are bit-identical
 * to the reference body's. Outputs lane-interleaved: {@code f[p L + n]}, {@code a[q L + n]}, {@code b[q L + n]}.
 */
final class EmpiricalNtkLanes {
    private static final VectorSpecies<Double> D = ShallowLanes.D;
    private static final int L = ShallowLanes.L;

    private final ShallowLanes draws = new ShallowLanes();
    private final double[] z = new double[EmpiricalNtkKernel.MAX_POINTS * L];
    /** Activations and derivatives of two neurons: neuron h's point p at {@code [(h P + p) L + n]}. */
    private final double[] act = new double[2 * EmpiricalNtkKernel.MAX_POINTS * L];
    private final double[] der = new double[2 * EmpiricalNtkKernel.MAX_POINTS * L];
    /** Output weights of two neurons. */
    private final double[] outs = new double[2 * L];

    /**
     * Field and neuron sums of networks {@code first .. first + L - 1} (same contract as the scalar body). Neurons go
     * two at a time through the pair sums, each sum adding neuron i's term and then neuron i + 1's, the reference's
     * order, with half the loads and stores of the accumulators.
     */
    void shallowNetwork(double[] points, int pointCount, double[] hyper, int width, int inDim, int variant,
                        long seed, long first, double[] f, double[] a, double[] b) {
        int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
        int pairs = EmpiricalNtkKernel.pairs(pointCount);
        Arrays.fill(f, 0, pointCount * L, 0.0);
        Arrays.fill(a, 0, pairs * L, 0.0);
        Arrays.fill(b, 0, pairs * L, 0.0);
        draws.networks(first);
        int used = Math.min(4, inDim + 2);
        for (int i0 = 0; i0 < width; i0 += ShallowLanes.CHUNK) {
            int count = Math.min(ShallowLanes.CHUNK, width - i0);
            draws.normals(seed, (long) i0 * blocksPerNeuron, count * blocksPerNeuron, blocksPerNeuron > 1 ? 4 : used);
            int i = 0;
            for (; i + 1 < count; i += 2) {
                neuron(i * blocksPerNeuron, 0, points, pointCount, hyper, inDim, variant);
                neuron((i + 1) * blocksPerNeuron, 1, points, pointCount, hyper, inDim, variant);
                addTwo(pointCount, f, a, b);
            }
            if (i < count) {
                neuron(i * blocksPerNeuron, 0, points, pointCount, hyper, inDim, variant);
                addOne(pointCount, f, a, b);
            }
        }
        draws.normals(seed, (long) width * blocksPerNeuron, 1, 1);
        DoubleVector b1 = DoubleVector.fromArray(D, draws.normals, 0).mul(hyper[0]);
        for (int p = 0; p < pointCount; p++) {
            DoubleVector.fromArray(D, f, p * L).add(b1).intoArray(f, p * L);
        }
    }

    /** Activations, derivatives and output weight of the neuron whose draws start at block k, into slot h. */
    private void neuron(int k, int h, double[] points, int pointCount, double[] hyper, int inDim, int variant) {
        double[] normals = draws.normals;
        Arrays.fill(z, 0, pointCount * L, 0.0);
        for (int j = 0; j < inDim; j++) {
            DoubleVector weight = DoubleVector.fromArray(D, normals, draws.at(k, j)).mul(hyper[1]);
            for (int p = 0; p < pointCount; p++) {
                DoubleVector.fromArray(D, z, p * L).add(weight.mul(points[p * inDim + j])).intoArray(z, p * L);
            }
        }
        DoubleVector bias = DoubleVector.fromArray(D, normals, draws.at(k, inDim)).mul(hyper[0]);
        for (int p = 0; p < pointCount; p++) {
            DoubleVector.fromArray(D, z, p * L).add(bias).intoArray(z, p * L);
        }
        ShallowLanes.activate(z, pointCount, variant, hyper, 3, act, der, h * pointCount * L);
        DoubleVector.fromArray(D, normals, draws.at(k, inDim + 1)).mul(hyper[2]).intoArray(outs, h * L);
    }

    /** Adds the terms of the neurons in slots 0 and 1, in that order, to the field and the pair sums. */
    private void addTwo(int pointCount, double[] f, double[] a, double[] b) {
        int second = pointCount * L;
        DoubleVector out0 = DoubleVector.fromArray(D, outs, 0);
        DoubleVector out1 = DoubleVector.fromArray(D, outs, L);
        DoubleVector sq0 = out0.mul(out0);
        DoubleVector sq1 = out1.mul(out1);
        int q = 0;
        for (int p = 0; p < pointCount; p++) {
            DoubleVector ap0 = DoubleVector.fromArray(D, act, p * L);
            DoubleVector dp0 = DoubleVector.fromArray(D, der, p * L);
            DoubleVector ap1 = DoubleVector.fromArray(D, act, second + p * L);
            DoubleVector dp1 = DoubleVector.fromArray(D, der, second + p * L);
            DoubleVector.fromArray(D, f, p * L).add(out0.mul(ap0)).add(out1.mul(ap1)).intoArray(f, p * L);
            for (int r = p; r < pointCount; r++) {
                DoubleVector.fromArray(D, a, q * L).add(ap0.mul(DoubleVector.fromArray(D, act, r * L)))
                        .add(ap1.mul(DoubleVector.fromArray(D, act, second + r * L))).intoArray(a, q * L);
                DoubleVector.fromArray(D, b, q * L).add(sq0.mul(dp0.mul(DoubleVector.fromArray(D, der, r * L))))
                        .add(sq1.mul(dp1.mul(DoubleVector.fromArray(D, der, second + r * L)))).intoArray(b, q * L);
                q++;
            }
        }
    }

    /** Adds the terms of the neuron in slot 0 to the field and the pair sums. */
    private void addOne(int pointCount, double[] f, double[] a, double[] b) {
        DoubleVector out = DoubleVector.fromArray(D, outs, 0);
        DoubleVector out2 = out.mul(out);
        int q = 0;
        for (int p = 0; p < pointCount; p++) {
            DoubleVector ap = DoubleVector.fromArray(D, act, p * L);
            DoubleVector dp = DoubleVector.fromArray(D, der, p * L);
            DoubleVector.fromArray(D, f, p * L).add(out.mul(ap)).intoArray(f, p * L);
            for (int r = p; r < pointCount; r++) {
                DoubleVector.fromArray(D, a, q * L).add(ap.mul(DoubleVector.fromArray(D, act, r * L)))
                        .intoArray(a, q * L);
                DoubleVector.fromArray(D, b, q * L)
                        .add(out2.mul(dp.mul(DoubleVector.fromArray(D, der, r * L)))).intoArray(b, q * L);
                q++;
            }
        }
    }
}
