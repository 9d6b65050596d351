package org.nnft.ensemble.arch;

import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.random.RandomStreams;

/**
 * The single-hidden-layer network field in single precision: the Java twin of {@code shallow_net.c} compiled with
 * {@code shallow_net_f32.c} (kernel {@code ensemble_shallow_net_f32}), line by line. The same Philox words and
 * normals' layout as {@link ShallowNetwork#field}, the normals by {@link PortableFloat#boxMuller}; weights,
 * pre-activations, activations and the neuron sums in float; exp is {@link StrictMath#exp} in double rounded to
 * float (C: the library exp, rounded). The field is written to the double {@code phi} exactly.
 */
final class ShallowNetworkSingle {
    private static final float TWO_OVER_SQRT_PI = 1.1283792f;

    private ShallowNetworkSingle() {
    }

    /** Same contract as {@link ShallowNetwork#field}, in single precision (twin of {@code ens_field}, ENS_SINGLE). */
    static void field(double[] points, int pointCount, double[] hyper, int width, int inDim, int outDim,
                      int variant, long seed, long stream, double[] phi, FieldScratch scratch) {
        float sigmaB = (float) hyper[0];
        float inScale = (float) hyper[1];
        float outScale = (float) hyper[2];
        int blocksPerNeuron = (inDim + 1 + outDim + 3) / 4;
        float[] act = scratch.activationSingle;
        float[] acc = scratch.sumsSingle;
        int[] w = scratch.r0;
        for (int s = 0; s < pointCount * outDim; s++) {
            acc[s] = 0.0f;
        }
        for (int i = 0; i < width; i++) {
            long base = (long) i * blocksPerNeuron;
            for (int p = 0; p < pointCount; p++) {
                act[p] = 0.0f;
            }
            for (int j = 0; j < inDim; j++) {
                float weight = inScale * normal(seed, stream, base, j, w);
                for (int p = 0; p < pointCount; p++) {
                    act[p] = act[p] + weight * (float) points[p * inDim + j];
                }
            }
            float bias = sigmaB * normal(seed, stream, base, inDim, w);
            for (int p = 0; p < pointCount; p++) {
                float z = act[p] + bias;
                if (variant == 0) {
                    act[p] = erf(z);
                } else if (variant == 1) {
                    act[p] = z > 0.0f ? z : 0.0f;
                } else {
                    act[p] = (float) StrictMath.exp(z - (float) hyper[3 + p]);
                }
            }
            for (int k = 0; k < outDim; k++) {
                float weight = outScale * normal(seed, stream, base, inDim + 1 + k, w);
                for (int p = 0; p < pointCount; p++) {
                    acc[p * outDim + k] = acc[p * outDim + k] + weight * act[p];
                }
            }
        }
        long biasBase = (long) width * blocksPerNeuron;
        for (int k = 0; k < outDim; k++) {
            float b1 = sigmaB * normal(seed, stream, biasBase, k, w);
            for (int p = 0; p < pointCount; p++) {
                acc[p * outDim + k] = acc[p * outDim + k] + b1;
            }
        }
        for (int s = 0; s < pointCount * outDim; s++) {
            phi[s] = acc[s];
        }
    }

    /** Twin of {@code ens_normal_f32}: normal j of the run at block {@code base}, words refreshed when j % 4 == 0. */
    static float normal(long seed, long stream, long base, int j, int[] w) {
        if ((j & 3) == 0) {
            RandomStreams.block(seed, stream, base + (j >> 2), w);
        }
        return PortableFloat.boxMuller(w[j & 2], w[(j & 2) + 1], (j & 1) != 0);
    }

    /** Twin of {@code ens_erf_f32}: the positive series in float to 1e-8 relative, +-1 from |x| = 4.5 on. */
    static float erf(float x) {
        float ax = Math.abs(x);
        if (ax >= 4.5f) {
            return x > 0.0f ? 1.0f : -1.0f;
        }
        float x2 = ax * ax;
        float term = ax;
        float sum = ax;
        for (int k = 1; k < 200; k++) {
            term = term * (2.0f * x2) / (2.0f * k + 1.0f);
            sum = sum + term;
            if (term <= 1e-8f * sum) {
                break;
            }
        }
        float r = TWO_OVER_SQRT_PI * (float) StrictMath.exp(-x2) * sum;
        return x < 0.0f ? -r : r;
    }
}
