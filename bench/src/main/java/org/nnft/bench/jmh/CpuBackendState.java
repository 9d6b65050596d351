package org.nnft.bench.jmh;

import org.nnft.backend.cpu.CpuBackend;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;

/**
 * Opens the CPU backend for a benchmark: {@code scalar} picks the scalar reference paths or the
 * Vector API paths, {@code threads} the pool size ("0" = all processors).
 */
final class CpuBackendState {
    private CpuBackendState() {
    }

    static Backend open(boolean scalar, int threads) {
        BackendOptions options = BackendOptions.of("scalar", Boolean.toString(scalar));
        if (threads > 0) {
            options = options.with("threads", Integer.toString(threads));
        }
        return CpuBackend.open(options);
    }
}
