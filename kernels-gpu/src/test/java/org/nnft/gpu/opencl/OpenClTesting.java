package org.nnft.gpu.opencl;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.conformance.TestBackends;

/**
 * Opens the OpenCL backend for tests, skipping them (with the probe's reason) where OpenCL is
 * unavailable, except when the environment variable {@code NNFT_REQUIRE_OPENCL} is set (CI sets it
 * after installing PoCL): then an unavailable OpenCL fails the tests instead of skipping them.
 */
final class OpenClTesting {
    private OpenClTesting() {
    }

    /** Skips the calling test unless an OpenCL device is usable here. */
    static void assumeOpenCl() {
        TestBackends.requireOrSkip("opencl");
    }

    /** The OpenCL backend on its default device, opened with {@code options} (key/value pairs). */
    static Backend open(String... options) {
        assumeOpenCl();
        return new OpenClBackendProvider().open(BackendOptions.of(options));
    }
}
