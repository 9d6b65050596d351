package org.nnft.backend.cpu;

import org.nnft.engine.simd.VectorRandom;

/**
 * {@link BoxMuller} in double lanes through {@link VectorRandom#boxMuller}, bit-exact with
 * {@link org.nnft.engine.random.RandomStreams#boxMuller}. {@code width} must be a multiple of
 * {@link VectorRandom#LANES}.
 */
final class VectorBoxMuller implements BoxMuller {
    @Override
    public void transform(int[] words, double[] values, int width) {
        if (width % VectorRandom.LANES != 0) {
            throw new IllegalArgumentException("width " + width + " is not a multiple of " + VectorRandom.LANES);
        }
        for (int p = 0; p < 2; p++) {
            int u = 2 * p * width;
            int t = u + width;
            VectorRandom.boxMuller(words, u, t, width, values, u, values, t);
        }
    }
}
