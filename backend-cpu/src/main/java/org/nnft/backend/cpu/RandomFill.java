package org.nnft.backend.cpu;

import org.nnft.engine.random.RandomStreams;

/**
 * Random fills of host arrays in the {@link RandomStreams} layout: element {@code j} of the output
 * gets variate {@code first + j}. Work goes in groups of {@link PhiloxBlocks#width()} blocks; the
 * variates of a group are computed word-major, then copied out in index order, so any slice
 * {@code [from, to)} of the output can be filled on its own and gives the same bits.
 * Not thread-safe: one instance per task.
 */
final class RandomFill {
    /** Which variate, with the number a Philox block yields. */
    enum Kind {
        UNIFORM_FLOAT(2), UNIFORM_DOUBLE(1), NORMAL(2);

        /** log2 of the variates per block. */
        final int shift;

        Kind(int shift) {
            this.shift = shift;
        }
    }

    private final PhiloxBlocks blocks;
    private final BoxMuller boxMuller;
    private final int width;
    private final int[] words;
    private final double[] values;

    RandomFill(PhiloxBlocks blocks, BoxMuller boxMuller) {
        this.blocks = blocks;
        this.boxMuller = boxMuller;
        this.width = blocks.width();
        this.words = new int[4 * width];
        this.values = new double[4 * width];
    }

    /** The reference (scalar) or the Vector API implementation. */
    static RandomFill create(boolean scalar) {
        return scalar ? new RandomFill(new ScalarPhilox(), new ScalarBoxMuller())
                : new RandomFill(new VectorPhiloxBlocks(), new VectorBoxMuller());
    }

    /** Fills {@code out[from, to)} (a float[] or a double[]) with variates {@code first + from ..}. */
    void fill(Kind kind, Object out, int from, int to, long seed, long stream, long first) {
        float[] floats = out instanceof float[] f ? f : null;
        double[] doubles = out instanceof double[] d ? d : null;
        int shift = kind.shift;
        int perBlock = 1 << shift;
        long index = first + from;
        int j = from;
        while (j < to) {
            long block = index >>> shift;
            int position = (int) (index - (block << shift));   // first wanted variate of the group
            blocks.generate(seed, stream, block, words);
            transform(kind);
            int count = Math.min(to - j, perBlock * width - position);
            for (int end = j + count; j < end; j++, position++) {
                double v = values[(position & (perBlock - 1)) * width + (position >>> shift)];
                if (floats != null) {
                    floats[j] = (float) v;
                } else {
                    doubles[j] = v;
                }
            }
            index += count;
        }
    }

    /** Variates of the current group into {@code values}, word-major like {@code words}. */
    private void transform(Kind kind) {
        switch (kind) {
            case UNIFORM_FLOAT -> {
                for (int i = 0; i < 4 * width; i++) {
                    values[i] = RandomStreams.toUniformFloat(words[i]);
                }
            }
            case UNIFORM_DOUBLE -> {
                for (int p = 0; p < 2; p++) {
                    for (int l = 0; l < width; l++) {
                        values[p * width + l] = RandomStreams.toUniformDouble(
                                words[2 * p * width + l], words[(2 * p + 1) * width + l]);
                    }
                }
            }
            case NORMAL -> boxMuller.transform(words, values, width);
            default -> {
                // every constant is handled above
            }
        }
    }
}
