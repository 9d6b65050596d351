package org.nnft.ensemble.arch;

import org.nnft.engine.random.RandomStreams;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;
import org.nnft.engine.simd.VectorRandomF;

/**
 * Per-thread scratch of the Java kernel bodies, allocated once per work-item range so that the
 * network loop allocates nothing: Philox words, one cos-net neuron and per-point activations.
 * Public so that other kernels (the deformed ensembles) can call the cos-net fast path.
 */
public final class FieldScratch {
    final int[] r0 = new int[4];
    final int[] r1 = new int[4];
    final double[] neuron = new double[CosNet.NEURON_SIZE];
    final double[] activation = new double[EnsembleKernel.MAX_SITES];
    /**
     * Word-major Philox words of {@link org.nnft.engine.simd.VectorPhilox#LONG_LANES} blocks, one per long (fast
     * paths).
     */
    final long[] words = new long[4 * VectorPhilox.LONG_LANES];
    /** Fast-path stages: normals (6 rows) and neuron parameters (amp, c, w_0..w_3), of {@link CosNetLanes#W} lanes. */
    final double[] normals = new double[6 * CosNetLanes.W];
    final double[] neuronLanes = new double[6 * CosNetLanes.W];
    /** Amplitude precisions |w|^2 + m^2 of a group of lanes (fast path). */
    final double[] precisions = new double[CosNetLanes.W];
    /** Open-unit uniforms of Philox words 2 and 3 of a group of lanes. */
    final double[] units = new double[2 * CosNetLanes.W];
    /** One vector's lanes, for lane-by-lane functions. */
    final double[] lane = new double[VectorRandom.LANES];
    /** A float cos-net neuron and the float per-site sums of the single-precision reference. */
    final float[] neuronSingle = new float[CosNet.NEURON_SIZE];
    final float[] sumsSingle = new float[EnsembleKernel.MAX_SITES];
    final float[] activationSingle = new float[EnsembleKernel.MAX_SITES];
    /**
     * Single-precision fast path: the Philox words of a group's two blocks per neuron, the neuron rows, the ball
     * radii and precisions, float points, lane sums.
     */
    final int[] wordsSingle = new int[8 * CosNetLanesSingle.W];
    final float[] neuronLanesSingle = new float[6 * CosNetLanesSingle.W];
    final float[] radiiSingle = new float[CosNetLanesSingle.W];
    /** Double lanes of the Cauchy cotangents and ball roots (FloatNeuronMath). */
    final double[] lanesDoubleSingle = new double[CosNetLanesSingle.W];
    final float[] precisionsSingle = new float[CosNetLanesSingle.W];
    final float[] pointsSingle = new float[EnsembleKernel.MAX_SITES * 4];
    final float[] accumulatorsSingle = new float[EnsembleKernel.MAX_SITES * VectorRandomF.LANES];
    /** Per-site lane accumulators of the fast paths. */
    final double[] accumulators = new double[EnsembleKernel.MAX_SITES * VectorRandom.LANES];

    /**
     * Normal number {@code j} of the run starting at block {@code base} (C twin {@code ens_normal}):
     * block {@code base + j/4}, words {@code j & 2, (j & 2) + 1}, Box-Muller branch {@code j & 1};
     * the block words in {@code r0} are refreshed when {@code j % 4 == 0}, so draw j = 0, 1, 2... in order.
     */
    double normal(long seed, long stream, long base, int j) {
        if ((j & 3) == 0) {
            RandomStreams.block(seed, stream, base + (j >> 2), r0);
        }
        return RandomStreams.boxMuller(r0[j & 2], r0[(j & 2) + 1], (j & 1) != 0);
    }
}
