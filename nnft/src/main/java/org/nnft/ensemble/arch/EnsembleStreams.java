package org.nnft.ensemble.arch;

/**
 * Random-stream map of the ensemble sampler. Every parameter of network {@code n} is drawn from
 * Philox stream {@code STREAM_TAG | n} under the run's seed; the block index inside the stream
 * is chosen by the architecture from the neuron index (see each architecture's kernel). The top 16
 * bits of the stream, {@code 0x454E} ("EN"), are reserved for the ensemble sampler so that other
 * modules drawing from the same seed never collide with it; networks are numbered below 2^48.
 * C twin: {@code ENS_STREAM_TAG} in {@code ensemble_prelude.c}.
 */
public final class EnsembleStreams {
    private EnsembleStreams() {
    }

    /** Tag in the top 16 bits of every ensemble stream. */
    public static final long STREAM_TAG = 0x454EL << 48;

    /** Exclusive upper bound on network indices. */
    public static final long MAX_NETWORKS = 1L << 48;

    /** The stream of network {@code network}. */
    public static long stream(long network) {
        return STREAM_TAG | network;
    }
}
