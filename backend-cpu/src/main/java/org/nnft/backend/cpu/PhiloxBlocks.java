package org.nnft.backend.cpu;

/**
 * Generates the Philox words of {@link #width()} consecutive blocks of one stream, laid out
 * word-major: {@code words[j * width + l]} is word {@code j} (0..3) of block {@code firstBlock + l}.
 * The layout is that of {@link org.nnft.engine.random.RandomStreams}.
 */
interface PhiloxBlocks {
    /** Blocks per call. */
    int width();

    /** Writes the {@code 4 * width()} words of blocks {@code firstBlock ..} to {@code words}. */
    void generate(long seed, long stream, long firstBlock, int[] words);
}
