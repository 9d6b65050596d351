package org.nnft.backend.cpu;

/**
 * Turns Philox words into standard normals as {@link org.nnft.engine.random.RandomStreams#normal}
 * does, for {@code width} blocks laid out as in {@link PhiloxBlocks}: the pair of words (2p, 2p+1)
 * of block l gives {@code values[2p * width + l]} (cosine branch) and {@code values[(2p+1) * width + l]}
 * (sine branch).
 */
interface BoxMuller {
    void transform(int[] words, double[] values, int width);
}
