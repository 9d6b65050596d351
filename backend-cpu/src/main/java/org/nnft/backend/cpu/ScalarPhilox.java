package org.nnft.backend.cpu;

import org.nnft.engine.random.RandomStreams;

/** Reference {@link PhiloxBlocks}: one block at a time through {@link RandomStreams#block}. */
final class ScalarPhilox implements PhiloxBlocks {
    private final int[] block = new int[4];

    @Override
    public int width() {
        return 1;
    }

    @Override
    public void generate(long seed, long stream, long firstBlock, int[] words) {
        RandomStreams.block(seed, stream, firstBlock, block);
        System.arraycopy(block, 0, words, 0, 4);
    }
}
