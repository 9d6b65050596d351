package org.nnft.backend.cpu;

import org.nnft.engine.BackendOptions;

/**
 * The options the CPU backend reads.
 *
 * <ul>
 *   <li>{@code threads}: worker threads of the backend's own pool, at least 1; default all available processors.</li>
 *   <li>{@code scalar}: {@code true} runs the plain-Java reference paths instead of the Vector API paths;
 *       default false.</li>
 * </ul>
 * Values that do not parse throw {@link org.nnft.engine.EngineException} naming the key.
 *
 * @param threads worker threads (1 runs everything on the calling thread)
 * @param scalar  whether to use the scalar reference paths
 */
public record CpuOptions(int threads, boolean scalar) {
    /** Option key of the thread count. */
    public static final String THREADS = "threads";
    /** Option key that forces the scalar reference paths. */
    public static final String SCALAR = "scalar";

    public CpuOptions {
        if (threads < 1 || threads > BackendOptions.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + BackendOptions.MAX_THREADS + "], got "
                    + threads);
        }
    }

    /** Parses {@code options}, filling in the defaults. */
    public static CpuOptions parse(BackendOptions options) {
        int threads = options.intValue(THREADS, Runtime.getRuntime().availableProcessors(), 1);
        boolean scalar = options.booleanValue(SCALAR, false);
        return new CpuOptions(threads, scalar);
    }
}
