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
    private final double[] act = new double[EmpiricalNtkKernel.MAX_POINTS * L];
    private final double[] der = new double[EmpiricalNtkKernel.MAX_POINTS * L];

    /** Field and neuron sums of networks {@code first .. first + L - 1} (same contract as the scalar body). */
    void shallowNetwork(double[] points, int pointCount, double[] hyper, int width, int inDim, int variant,
                        long seed, long first, double[] f, double[] a, double[] b) {
        double sigmaB = hyper[0];
        double inScale = hyper[1];
        double outScale = hyper[2];
        int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
        int pairs = EmpiricalNtkKernel.pairs(pointCount);
        Arrays.fill(f, 0, pointCount * L, 0.0);
        Arrays.fill(a, 0, pairs * L, 0.0);
        Arrays.fill(b, 0, pairs * L, 0.0);
        draws.networks(first);
        for (int i0 = 0; i0 < width; i0 += ShallowLanes.CHUNK) {
            int count = Math.min(ShallowLanes.CHUNK, width - i0);
            draws.normals(seed, (long) i0 * blocksPerNeuron, count * blocksPerNeuron);
            double[] normals = draws.normals;
            for (int i = 0; i < count; i++) {
                int k = i * blocksPerNeuron;
                Arrays.fill(z, 0, pointCount * L, 0.0);
                for (int j = 0; j < inDim; j++) {
                    DoubleVector weight = DoubleVector.fromArray(D, normals, draws.at(k, j)).mul(inScale);
                    for (int p = 0; p < pointCount; p++) {
                        DoubleVector.fromArray(D, z, p * L).add(weight.mul(points[p * inDim + j])).intoArray(z, p * L);
                    }
                }
                DoubleVector bias = DoubleVector.fromArray(D, normals, draws.at(k, inDim)).mul(sigmaB);
                for (int p = 0; p < pointCount; p++) {
                    DoubleVector.fromArray(D, z, p * L).add(bias).intoArray(z, p * L);
                }
                ShallowLanes.activate(z, pointCount, variant, hyper, act, der, 0);
                DoubleVector out = DoubleVector.fromArray(D, normals, draws.at(k, inDim + 1)).mul(outScale);
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
        draws.normals(seed, (long) width * blocksPerNeuron, 1);
        DoubleVector b1 = DoubleVector.fromArray(D, draws.normals, 0).mul(sigmaB);
        for (int p = 0; p < pointCount; p++) {
            DoubleVector.fromArray(D, f, p * L).add(b1).intoArray(f, p * L);
        }
    }
}
