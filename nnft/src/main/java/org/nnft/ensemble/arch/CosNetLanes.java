package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;
import org.nnft.engine.simd.VectorTrig;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.LongStream;

/**
 * Vector API fast path of {@link CosNet#field}: the same network from the same Philox blocks,
 * {@link #W} neurons at a time. The neuron parameters are bit-identical to the
 * reference (vector Philox and Box-Muller are exact twins); the phases, cosines and sums are
 * {@link VectorTrig#addCosineWaves}, which keeps each point's sum over neurons per lane; the lanes are
 * reduced at the end. So the field differs from the reference by rounding only (a few 1e-16 relative
 * per neuron term). tan and pow go lane by lane
 * through {@link Math}: the Vector API's transcendental lanewise operations may use different
 * code in the interpreter and in compiled code, which would make a result depend on JIT timing.
 *
 * <p>Each group of neurons goes through stages that meet in the scratch arrays (Philox words,
 * normals, neuron parameters), so that no vector crosses a method boundary the JIT might
 * not inline (a boxed vector costs more than the arithmetic).
 */
final class CosNetLanes {
    private static final VectorSpecies<Double> D = VectorRandom.D;
    /** Neurons per Philox call: one block per long lane. */
    private static final int P = VectorPhilox.LONG_LANES;
    /**
     * Neurons per group: eight Philox calls, so that each stage is a loop of many independent iterations that the core
     * overlaps, while the scratch stays far inside L1.
     */
    static final int W = 8 * P;
    /** Block offsets 2l of the lanes of a Philox call: the first block of each neuron. */
    private static final long[] NEURON_BLOCKS = LongStream.range(0, P).map(l -> 2 * l).toArray();
    private static final int H = VectorRandom.LANES;

    private CosNetLanes() {
    }

    /** Same contract as {@link CosNet#field}. */
    static void field(double[] points, int pointCount, double[] hyper, int width, int dim, int outDim,
                      int variant, long seed, long stream, double[] phi, FieldScratch scratch) {
        double[] acc = scratch.accumulators;
        Arrays.fill(acc, 0, pointCount * H, 0.0);
        double far = VectorTrig.largestMagnitude(points, pointCount * dim);
        boolean bounded = variant == 0 && phasesBounded(far, hyper[1]);
        for (int i0 = 0; i0 < width; i0 += W) {
            draw(hyper, width - i0, dim, variant, seed, stream, 2L * i0, scratch);
            if (bounded) {
                VectorTrig.addCosineWavesInRange(scratch.neuronLanes, W, points, pointCount, dim, acc);
            } else {
                VectorTrig.addCosineWaves(scratch.neuronLanes, W, points, pointCount, dim, acc);
            }
        }
        for (int p = 0; p < pointCount; p++) {
            double sum = 0.0;                       // lanes in fixed order: reduceLanes' order is unspecified
            for (int l = 0; l < H; l++) {
                sum += acc[p * H + l];
            }
            phi[p] = sum;
        }
    }

    /**
     * Whether every phase of a ball-momentum net lies within {@link VectorTrig#REDUCED_RANGE}: |c| <= pi and
     * |w_k| <= |w| <= Lambda (up to a rounding or two), so |c + w.x| <= pi + Lambda d far, with far the largest
     * |coordinate| and d <= 4; a factor 2 covers the roundings. The Cauchy net's momenta are unbounded, so it takes
     * the checked path (as do NaN points).
     */
    private static boolean phasesBounded(double far, double lambda) {
        return 2 * (Math.PI + lambda * 4 * far) <= VectorTrig.REDUCED_RANGE;
    }

    /**
     * Neurons {@code firstBlock/2 ..} of the group into {@code scratch.neuronLanes}: rows (amp, c, w_0..w_3)
     * of W lanes; amp = 0 for lanes past the width ({@code live} lanes are real neurons).
     */
    private static void draw(double[] hyper, int live, int dim, int variant, long seed, long stream, long firstBlock,
                             FieldScratch scratch) {
        double m = hyper[0];
        double lambda = hyper[1];
        double scale = hyper[2];
        long[] words = scratch.words;
        double[] normals = scratch.normals;
        double[] neuron = scratch.neuronLanes;
        double[] units = scratch.units;
        // Neuron i owns blocks 2i and 2i + 1: lane l of the group reads block firstBlock + 2l (+ 1). Word j of the
        // lanes g .. g + P - 1 goes to row j (normals: words 0, 1; units: words 2 (phase c) and 3 (momentum)).
        for (int g = 0; g < W; g += P) {
            VectorPhilox.blocks(seed, stream, NEURON_BLOCKS, 0, firstBlock + 2L * g, words);
            VectorRandom.openUnits(words, 0, P, normals, g);
            VectorRandom.openUnits(words, P, P, normals, W + g);
            VectorRandom.openUnits(words, 2 * P, P, units, g);
            VectorRandom.openUnits(words, 3 * P, P, units, W + g);
        }
        boolean ball = variant == 0 && dim > 1;
        if (ball) {
            for (int g = 0; g < W; g += P) {
                VectorPhilox.blocks(seed, stream, NEURON_BLOCKS, 0, firstBlock + 2L * g + 1, words);
                for (int j = 0; j < 4; j++) {
                    VectorRandom.openUnits(words, j * P, P, normals, (2 + j) * W + g);
                }
            }
            VectorRandom.boxMullerInPlace(W, normals, 2 * W, normals, 3 * W, true, null, 0);
            VectorRandom.boxMullerInPlace(W, normals, 4 * W, normals, 5 * W, true, null, 0);
        }
        // Momenta and phases first: a ball net's amplitude is a normal of precision |w|^2 + m^2
        double[] precision = scratch.precisions;
        for (int h = 0; h < W; h += H) {
            DoubleVector.fromArray(D, units, h).mul(2.0).sub(1.0).mul(Math.PI).intoArray(neuron, W + h);
            DoubleVector u = DoubleVector.fromArray(D, units, W + h);
            if (variant == 1) {
                scalarLanes(u.sub(0.5).mul(Math.PI), Math::tan, scratch.lane).mul(m).intoArray(neuron, 2 * W + h);
            } else if (!ball) {
                DoubleVector w = u.mul(2.0).sub(1.0).mul(lambda);
                w.intoArray(neuron, 2 * W + h);
                w.mul(w).add(m * m).intoArray(precision, h);
            } else {
                DoubleVector norm2 = DoubleVector.zero(D);
                for (int k = 0; k < dim; k++) {
                    DoubleVector g = DoubleVector.fromArray(D, normals, (2 + k) * W + h);
                    norm2 = norm2.add(g.mul(g));
                }
                double root = 1.0 / dim;
                DoubleVector radius = scalarLanes(u, v -> Math.pow(v, root), scratch.lane).mul(lambda);
                DoubleVector s = radius.div(norm2.lanewise(VectorOperators.SQRT));
                for (int k = 0; k < dim; k++) {
                    DoubleVector.fromArray(D, normals, (2 + k) * W + h).mul(s).intoArray(neuron, (2 + k) * W + h);
                }
                radius.mul(radius).add(m * m).intoArray(precision, h);
            }
        }
        VectorRandom.boxMullerInPlace(W, normals, 0, normals, W, false, variant == 1 ? null : precision, 0);
        DoubleVector laneIndex = DoubleVector.zero(D).addIndex(1);
        for (int h = 0; h < W; h += H) {
            VectorMask<Double> real = laneIndex.compare(VectorOperators.LT, live - h);
            DoubleVector.zero(D).blend(DoubleVector.fromArray(D, normals, h).mul(scale), real).intoArray(neuron, h);
        }
    }

    /** {@code f} applied lane by lane through {@code buffer}. */
    private static DoubleVector scalarLanes(DoubleVector x, DoubleUnaryOperator f, double[] buffer) {
        x.intoArray(buffer, 0);
        for (int i = 0; i < H; i++) {
            buffer[i] = f.applyAsDouble(buffer[i]);
        }
        return DoubleVector.fromArray(D, buffer, 0);
    }
}
