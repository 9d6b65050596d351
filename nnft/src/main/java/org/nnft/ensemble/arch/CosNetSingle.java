package org.nnft.ensemble.arch;

import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.random.RandomStreams;

/**
 * The cos-net field in single precision: the Java twin of {@code cosnet.c} compiled with {@code cosnet_f32.c}
 * (kernel {@code ensemble_cosnet_f32}), line by line. The same Philox words as {@link CosNet#drawNeuron}, turned into
 * float neuron parameters by {@link PortableFloat}; phases {@code fma(w_k, x_k, phase)} with the points rounded to
 * float, cosines {@link PortableFloat#cos}, and the neuron sum {@code fma(a, cos, sum)} in float, neuron by neuron.
 * The field is written to the double {@code phi} exactly. The tangent (Cauchy momenta) and the ball radius's root
 * go through {@link StrictMath} in double and are rounded to float.
 */
public final class CosNetSingle {
    private CosNetSingle() {
    }

    /** The float neuron {amplitude, c, w_0, .., w_3} drawn at block {@code block} (twin of {@code ens_cos_neuron}). */
    public static void drawNeuron(long seed, long stream, long block, double[] hyper, int dim, int variant,
                           int[] r0, int[] r1, float[] nu) {
        float m = (float) hyper[0];
        float lambda = (float) hyper[1];
        float scale = (float) hyper[2];
        RandomStreams.block(seed, stream, block, r0);
        nu[1] = PortableFloat.signedUnit(r0[2]) * PortableFloat.PI;
        if (variant == 1) {
            nu[2] = cauchy(m, r0[3]);
            nu[0] = scale * PortableFloat.boxMuller(r0[0], r0[1], false);
        } else if (dim == 1) {
            nu[2] = lambda * PortableFloat.signedUnit(r0[3]);
            nu[0] = scale * PortableFloat.boxMuller(r0[0], r0[1], false, nu[2] * nu[2] + m * m);
        } else {
            RandomStreams.block(seed, stream, block + 1, r1);
            nu[2] = PortableFloat.boxMuller(r1[0], r1[1], false);
            nu[3] = PortableFloat.boxMuller(r1[0], r1[1], true);
            nu[4] = PortableFloat.boxMuller(r1[2], r1[3], false);
            nu[5] = PortableFloat.boxMuller(r1[2], r1[3], true);
            float norm2 = 0.0f;
            for (int k = 0; k < dim; k++) {
                norm2 = norm2 + nu[2 + k] * nu[2 + k];
            }
            float radius = lambda * root(r0[3], dim);
            float s = radius / (float) Math.sqrt(norm2);
            for (int k = 0; k < dim; k++) {
                nu[2 + k] = nu[2 + k] * s;
            }
            nu[0] = scale * PortableFloat.boxMuller(r0[0], r0[1], false, radius * radius + m * m);
        }
    }

    /** m tan(pi (u - 1/2)) of word w's open unit u, as +-m / tan(pi q) through the folded half unit q. */
    static float cauchy(float m, int w) {
        float t = (float) (1.0 / StrictMath.tan(Math.PI * (double) PortableFloat.halfUnit(w)));
        return m * (w < 0 ? t : -t);
    }

    /** u^(1/dim) of word w's float open unit, in double, rounded to float. */
    static float root(int w, int dim) {
        return (float) StrictMath.pow(PortableFloat.openUnit(w), 1.0 / dim);
    }

    /** Same contract as {@link CosNet#field}, in single precision (twin of {@code ens_field} with ENS_SINGLE). */
    static void field(double[] points, int pointCount, double[] hyper, int width, int dim, int outDim,
                      int variant, long seed, long stream, double[] phi, FieldScratch scratch) {
        fieldAt(points, pointCount, hyper, width, dim, variant, seed, stream, phi, scratch.r0, scratch.r1,
                scratch.neuronSingle, scratch.sumsSingle);
    }

    /**
     * The single-precision field of the free network of Philox {@code stream} at {@code pointCount} points (row-major
     * coordinates).
     *
     * @param nu  {@link CosNet#NEURON_SIZE} scratch floats
     * @param acc {@code pointCount} scratch floats
     */
    public static void fieldAt(double[] points, int pointCount, double[] hyper, int width, int dim, int variant,
                        long seed, long stream, double[] phi, int[] r0, int[] r1, float[] nu, float[] acc) {
        for (int p = 0; p < pointCount; p++) {
            acc[p] = 0.0f;
        }
        for (int i = 0; i < width; i++) {
            drawNeuron(seed, stream, (long) i * 2, hyper, dim, variant, r0, r1, nu);
            for (int p = 0; p < pointCount; p++) {
                float arg = nu[1];
                for (int k = 0; k < dim; k++) {
                    arg = Math.fma(nu[2 + k], (float) points[p * dim + k], arg);
                }
                acc[p] = Math.fma(nu[0], PortableFloat.cos(arg), acc[p]);
            }
        }
        for (int p = 0; p < pointCount; p++) {
            phi[p] = acc[p];
        }
    }
}
