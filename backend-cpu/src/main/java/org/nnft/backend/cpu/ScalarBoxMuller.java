package org.nnft.backend.cpu;

import org.nnft.engine.random.RandomStreams;

/** Reference {@link BoxMuller}: {@link RandomStreams#boxMuller} word pair by word pair. */
final class ScalarBoxMuller implements BoxMuller {
    @Override
    public void transform(int[] words, double[] values, int width) {
        for (int p = 0; p < 2; p++) {
            int u = 2 * p * width;
            int t = u + width;
            for (int l = 0; l < width; l++) {
                values[u + l] = RandomStreams.boxMuller(words[u + l], words[t + l], false);
                values[t + l] = RandomStreams.boxMuller(words[u + l], words[t + l], true);
            }
        }
    }
}
