package org.nnft.backend.cpu;

import org.nnft.engine.simd.VectorPhilox;

/** {@link PhiloxBlocks} through {@link VectorPhilox#consecutive}: one block per int lane. */
final class VectorPhiloxBlocks implements PhiloxBlocks {
    @Override
    public int width() {
        return VectorPhilox.LANES;
    }

    @Override
    public void generate(long seed, long stream, long firstBlock, int[] words) {
        VectorPhilox.consecutive(seed, stream, firstBlock, words);
    }
}
