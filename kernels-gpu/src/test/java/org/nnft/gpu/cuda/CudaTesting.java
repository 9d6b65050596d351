package org.nnft.gpu.cuda;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.conformance.TestBackends;

/**
 * Opens the CUDA backend for tests; skipped where no NVIDIA GPU is usable unless NNFT_REQUIRE_CUDA is set
 * ({@link TestBackends}).
 */
final class CudaTesting {
    private CudaTesting() {
    }

    /** Skips the calling test unless a CUDA device is usable here. */
    static void assumeCuda() {
        TestBackends.requireOrSkip("cuda");
    }

    /** The CUDA backend on its default device, opened with {@code options} (key/value pairs). */
    static Backend open(String... options) {
        assumeCuda();
        return new CudaBackendProvider().open(BackendOptions.of(options));
    }
}
