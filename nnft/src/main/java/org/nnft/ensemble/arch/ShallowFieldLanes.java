package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Vector API fast path of {@link ShallowNetwork#field} (the fused ensemble kernel): {@link ShallowLanes#L} networks at
 * once, one per double lane, each lane repeating the reference's operations in its order (the pre-activations over
 * input components, the field over neurons in increasing order, then the output biases), so every field value is
 * bit-identical to the reference's. Draws by {@link ShallowLanes}; erf by {@link ErfLanes} (the reference's series,
 * lane by lane bit for bit), exp lane by lane through {@link Math#exp}, ReLU as a vector max (Math.max's semantics).
 */
final class ShallowFieldLanes implements NetworkLanes {
    private static final VectorSpecies<Double> D = ShallowLanes.D;
    private static final int L = ShallowLanes.L;

    private final ShallowLanes draws = new ShallowLanes();
    /** Pre-activations, then activations, of one neuron: point p's lanes at {@code [p L ..]}. */
    private final double[] act = new double[EnsembleKernel.MAX_SITES * L];
    private final double[] lane = new double[L];

    @Override
    public void evaluate(double[] points, int pointCount, double[] hyper, int width, int inDim, int outDim,
                         int variant, long seed, long first, double[] phi) {
        int blocksPerNeuron = (inDim + 1 + outDim + 3) / 4;
        Arrays.fill(phi, 0, pointCount * outDim * L, 0.0);
        draws.networks(first);
        int used = blocksPerNeuron > 1 ? 4 : inDim + 1 + outDim;
        for (int i0 = 0; i0 < width; i0 += ShallowLanes.CHUNK) {
            int count = Math.min(ShallowLanes.CHUNK, width - i0);
            draws.normals(seed, (long) i0 * blocksPerNeuron, count * blocksPerNeuron, used);
            for (int i = 0; i < count; i++) {
                neuron(i * blocksPerNeuron, points, pointCount, hyper, inDim, outDim, variant, phi);
            }
        }
        int biasBlocks = (outDim + 3) / 4;
        draws.normals(seed, (long) width * blocksPerNeuron, biasBlocks, biasBlocks > 1 ? 4 : outDim);
        for (int k = 0; k < outDim; k++) {
            DoubleVector b1 = DoubleVector.fromArray(D, draws.normals, draws.at(0, k)).mul(hyper[0]);
            for (int p = 0; p < pointCount; p++) {
                int s = (p * outDim + k) * L;
                DoubleVector.fromArray(D, phi, s).add(b1).intoArray(phi, s);
            }
        }
    }

    /** Adds the terms of the neuron whose draws start at block k to the field. */
    private void neuron(int k, double[] points, int pointCount, double[] hyper, int inDim, int outDim, int variant,
                        double[] phi) {
        double[] normals = draws.normals;
        Arrays.fill(act, 0, pointCount * L, 0.0);
        for (int j = 0; j < inDim; j++) {
            DoubleVector weight = DoubleVector.fromArray(D, normals, draws.at(k, j)).mul(hyper[1]);
            for (int p = 0; p < pointCount; p++) {
                DoubleVector.fromArray(D, act, p * L).add(weight.mul(points[p * inDim + j])).intoArray(act, p * L);
            }
        }
        DoubleVector bias = DoubleVector.fromArray(D, normals, draws.at(k, inDim)).mul(hyper[0]);
        if (variant == 1) {
            for (int p = 0; p < pointCount; p++) {
                DoubleVector.fromArray(D, act, p * L).add(bias).max(0.0).intoArray(act, p * L);
            }
        } else {
            for (int p = 0; p < pointCount; p++) {
                DoubleVector.fromArray(D, act, p * L).add(bias).intoArray(act, p * L);
            }
            if (variant == 0) {
                ErfLanes.erf(D, act, 0, pointCount * L, lane);
            } else {
                for (int p = 0; p < pointCount; p++) {
                    double c = hyper[3 + p];
                    for (int q = p * L; q < (p + 1) * L; q++) {
                        act[q] = Math.exp(act[q] - c);
                    }
                }
            }
        }
        for (int o = 0; o < outDim; o++) {
            DoubleVector weight = DoubleVector.fromArray(D, normals, draws.at(k, inDim + 1 + o)).mul(hyper[2]);
            for (int p = 0; p < pointCount; p++) {
                int s = (p * outDim + o) * L;
                DoubleVector.fromArray(D, phi, s).add(weight.mul(DoubleVector.fromArray(D, act, p * L)))
                        .intoArray(phi, s);
            }
        }
    }
}
