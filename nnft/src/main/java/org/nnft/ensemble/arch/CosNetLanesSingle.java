package org.nnft.ensemble.arch;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandomF;
import org.nnft.engine.simd.VectorTrigF;

import java.util.Arrays;

/**
 * Vector API fast path of {@link CosNetSingle#field} in float lanes (twice the lanes of {@link CosNetLanes}): the
 * same network from the same Philox blocks, {@link VectorPhilox#LANES} neurons per Philox call
 * ({@link VectorPhilox#strided} over the neurons' first blocks). Every neuron parameter and every term
 * {@code a cos(c + w x)} is bit-identical to the scalar reference ({@link VectorRandomF}, {@link VectorTrigF}); only
 * the order of the float neuron sum differs (per lane, lanes reduced at the end), so the field differs from the
 * reference by the rounding of a sum. Covers the ball net in d = 1 with phases inside
 * {@link PortableFloat#REDUCED_RANGE} (the W1 workload) at widths from W/2 up (narrower nets would leave most lanes
 * empty); every other net takes the scalar reference.
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
        float[] x = scratch.pointsSingle;
        float far = 0.0f;
        for (int i = 0; i < pointCount * dim; i++) {
            x[i] = (float) points[i];
            far = Math.max(far, Math.abs(x[i]));
        }
        float lambda = (float) hyper[1];
        boolean bounded = 2 * (PortableFloat.PI + lambda * far) <= PortableFloat.REDUCED_RANGE;
        if (variant != 0 || dim != 1 || !bounded || width < W / 2) {
            CosNetSingle.field(points, pointCount, hyper, width, dim, outDim, variant, seed, stream, phi, scratch);
            return;
        }
        float[] acc = scratch.accumulatorsSingle;
        Arrays.fill(acc, 0, pointCount * L, 0.0f);
        for (int i0 = 0; i0 < width; i0 += W) {
            draw(hyper, width - i0, seed, stream, 2L * i0, scratch);
            VectorTrigF.addCosineWavesInRange(scratch.neuronLanesSingle, W, x, pointCount, 1, acc);
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
     * Neurons {@code firstBlock/2 ..} of a d = 1 ball net into rows (amp, c, w) of W lanes; amp = 0 past the width
     * ({@code live} lanes are real neurons).
     */
    private static void draw(double[] hyper, int live, long seed, long stream, long firstBlock, FieldScratch scratch) {
        float m = (float) hyper[0];
        float lambda = (float) hyper[1];
        float scale = (float) hyper[2];
        float m2 = m * m;
        int[] words = scratch.wordsSingle;
        float[] nu = scratch.neuronLanesSingle;
        float[] precision = scratch.precisionsSingle;
        // Word j of neuron g + l at words[j W + g + l]: each stage below is one loop over the whole group (the
        // strided words of 2 LANES neurons per call, which interleaves their Philox rounds on AVX-512)
        for (int g = 0; g < W; g += VectorPhilox.WIDE_LANES) {
            VectorPhilox.stridedWide(seed, stream, firstBlock + 2L * g, 2, words, g, W);
        }
        VectorRandomF.signedUnits(words, 2 * W, W, PortableFloat.PI, nu, W);
        VectorRandomF.signedUnits(words, 3 * W, W, lambda, nu, 2 * W);
        for (int g = 0; g < W; g += L) {
            FloatVector w = FloatVector.fromArray(F, nu, 2 * W + g);
            w.mul(w).add(m2).intoArray(precision, g);
        }
        VectorRandomF.boxMullerCos(words, 0, W, W, precision, scale, nu, 0);
        for (int l = Math.max(live, 0); l < W; l++) {
            nu[l] = 0.0f;
        }
    }
}
