package org.nnft.ensemble.arch;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandomF;
import org.nnft.engine.simd.VectorTrigF;

import java.util.Arrays;

/**
 * Vector API fast path of {@link CosNetSingle#field} in float lanes (twice the lanes of {@link CosNetLanes}): the
 * same network from the same Philox blocks, {@link VectorPhilox#LANES} neurons per Philox call
 * ({@link VectorPhilox#stridedWide} over the neurons' first blocks, and their second blocks for ball nets in d >= 2).
 * Every neuron parameter and every term {@code a cos(c + w.x)} is bit-identical to the scalar reference
 * ({@link VectorRandomF}, {@link VectorTrigF}; the Cauchy tangent and the ball radius's root lane by lane through
 * {@link FloatNeuronMath}); only the order of the float neuron sum differs (per lane, lanes reduced at the end), so
 * the field differs from the reference by the rounding of a sum. Every cos-net: ball nets in d = 1..4 and the
 * Cauchy net. Ball nets whose phases stay inside {@link PortableFloat#REDUCED_RANGE} (checked once per call from
 * Lambda and the points) skip the range check; the Cauchy net's unbounded momenta take
 * {@link VectorTrigF#addCosineWaves}, which checks each group. Nets narrower than W/8 take the scalar reference:
 * there a group is mostly empty lanes, and the reference is as fast (docs/performance.md).
 */
final class CosNetLanesSingle {
    private static final VectorSpecies<Float> F = VectorRandomF.F;
    private static final int L = VectorRandomF.LANES;
    /** Neurons per group: four Philox calls. */
    static final int W = 4 * L;

    private CosNetLanesSingle() {
    }

    /** Same contract as {@link CosNetSingle#field}. */
    static void field(double[] points, int pointCount, double[] hyper, int width, int dim, int outDim,
                      int variant, long seed, long stream, double[] phi, FieldScratch scratch) {
        if (width < W / 8) {
            CosNetSingle.field(points, pointCount, hyper, width, dim, outDim, variant, seed, stream, phi, scratch);
            return;
        }
        float[] x = scratch.pointsSingle;
        float far = 0.0f;
        for (int i = 0; i < pointCount * dim; i++) {
            x[i] = (float) points[i];
            far = Math.max(far, Math.abs(x[i]));
        }
        boolean bounded = variant == 0 && phasesBounded(far, (float) hyper[1], dim);
        float[] acc = scratch.accumulatorsSingle;
        Arrays.fill(acc, 0, pointCount * L, 0.0f);
        for (int i0 = 0; i0 < width; i0 += W) {
            draw(hyper, width - i0, dim, variant, seed, stream, 2L * i0, scratch);
            if (bounded) {
                VectorTrigF.addCosineWavesInRange(scratch.neuronLanesSingle, W, x, pointCount, dim, acc);
            } else {
                VectorTrigF.addCosineWaves(scratch.neuronLanesSingle, W, x, pointCount, dim, acc);
            }
        }
        for (int p = 0; p < pointCount; p++) {
            double sum = 0.0;                       // lanes in fixed order
            for (int l = 0; l < L; l++) {
                sum += acc[p * L + l];
            }
            phi[p] = sum;
        }
    }

    /**
     * Whether every phase of a ball net lies within {@link PortableFloat#REDUCED_RANGE}: |c| <= pi and |w_k| <= |w|
     * <= Lambda (up to a few roundings), so |c + w.x| <= pi + Lambda d far, with far the largest |coordinate|; a
     * factor 2 covers the roundings. False for NaN points (they take the checked path).
     */
    private static boolean phasesBounded(float far, float lambda, int dim) {
        return 2 * (PortableFloat.PI + lambda * dim * far) <= PortableFloat.REDUCED_RANGE;
    }

    /**
     * Neurons {@code firstBlock/2 ..} of the group into rows (amp, c, w_0 .. w_(dim-1)) of W lanes, each stage one
     * loop over the whole group; amp = 0 past the width ({@code live} lanes are real neurons). Package-private for
     * the tests.
     */
    static void draw(double[] hyper, int live, int dim, int variant, long seed, long stream, long firstBlock,
                             FieldScratch scratch) {
        float m = (float) hyper[0];
        float lambda = (float) hyper[1];
        float scale = (float) hyper[2];
        int[] words = scratch.wordsSingle;
        float[] nu = scratch.neuronLanesSingle;
        float[] precision = scratch.precisionsSingle;
        // Word j of neuron g + l's first block at words[j W + g + l], of its second block at words[(4 + j) W + g + l];
        // 2 LANES neurons per call, which interleaves their Philox rounds on AVX-512
        for (int g = 0; g < W; g += VectorPhilox.WIDE_LANES) {
            VectorPhilox.stridedWide(seed, stream, firstBlock + 2L * g, 2, words, g, W);
        }
        VectorRandomF.signedUnits(words, 2 * W, W, PortableFloat.PI, nu, W);
        if (variant == 1) {
            FloatNeuronMath.cauchies(m, words, 3 * W, W, nu, 2 * W, scratch.lanesDoubleSingle);
            VectorRandomF.boxMullerCos(words, 0, W, W, null, scale, nu, 0);
        } else if (dim == 1) {
            VectorRandomF.signedUnits(words, 3 * W, W, lambda, nu, 2 * W);
            float m2 = m * m;
            for (int g = 0; g < W; g += L) {
                FloatVector w = FloatVector.fromArray(F, nu, 2 * W + g);
                w.mul(w).add(m2).intoArray(precision, g);
            }
            VectorRandomF.boxMullerCos(words, 0, W, W, precision, scale, nu, 0);
        } else {
            drawBall(m, lambda, dim, seed, stream, firstBlock, scratch);
            VectorRandomF.boxMullerCos(words, 0, W, W, precision, scale, nu, 0);
        }
        for (int l = Math.max(live, 0); l < W; l++) {
            nu[l] = 0.0f;
        }
    }

    /**
     * The momenta of a ball net in d >= 2 into rows 2 .. 1 + dim, and the amplitude precisions |w|^2 + m^2: the
     * direction from the normals of the second block (words 0, 1 and 2, 3, cosine and sine branches), the radius
     * Lambda u^(1/d) from word 3 of the first block, {@code w_k = g_k (radius / sqrt(sum_k g_k^2))}.
     */
    private static void drawBall(float m, float lambda, int dim, long seed, long stream, long firstBlock,
                                 FieldScratch scratch) {
        int[] words = scratch.wordsSingle;
        float[] nu = scratch.neuronLanesSingle;
        float[] radius = scratch.radiiSingle;
        float[] precision = scratch.precisionsSingle;
        for (int g = 0; g < W; g += VectorPhilox.WIDE_LANES) {
            VectorPhilox.stridedWide(seed, stream, firstBlock + 2L * g + 1, 2, words, 4 * W + g, W);
        }
        VectorRandomF.boxMullerPairs(words, 4 * W, 5 * W, W, nu, 2 * W, nu, 3 * W);
        if (dim > 2) {
            VectorRandomF.boxMullerPairs(words, 6 * W, 7 * W, W, nu, 4 * W, nu, 5 * W);
        }
        FloatNeuronMath.radii(lambda, dim, words, 3 * W, W, radius, 0, scratch.lanesDoubleSingle);
        float m2 = m * m;
        for (int g = 0; g < W; g += L) {
            FloatVector norm2 = FloatVector.zero(F);
            for (int k = 0; k < dim; k++) {
                FloatVector n = FloatVector.fromArray(F, nu, (2 + k) * W + g);
                norm2 = norm2.add(n.mul(n));
            }
            FloatVector r = FloatVector.fromArray(F, radius, g);
            FloatVector s = r.div(norm2.lanewise(VectorOperators.SQRT));
            for (int k = 0; k < dim; k++) {
                FloatVector.fromArray(F, nu, (2 + k) * W + g).mul(s).intoArray(nu, (2 + k) * W + g);
            }
            r.mul(r).add(m2).intoArray(precision, g);
        }
    }
}
