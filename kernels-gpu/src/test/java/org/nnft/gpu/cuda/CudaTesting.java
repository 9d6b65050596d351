package org.nnft.gpu.cuda;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.spi.BackendProvider;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Opens the CUDA backend for tests, skipping them (with the probe's reason) where no NVIDIA GPU is usable. */
final class CudaTesting {
    private CudaTesting() {
    }

    /** Skips the calling test unless a CUDA device is usable here. */
    static void assumeCuda() {
        BackendProvider.Probe probe = new CudaBackendProvider().probe();
        assumeTrue(probe.available(), () -> "CUDA unavailable: " + probe.reason());
    }

    /** The CUDA backend on its default device, opened with {@code options} (key/value pairs). */
    static Backend open(String... options) {
        assumeCuda();
        return new CudaBackendProvider().open(BackendOptions.of(options));
    }
}
