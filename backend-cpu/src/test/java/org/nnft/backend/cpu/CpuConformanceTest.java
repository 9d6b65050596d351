package org.nnft.backend.cpu;

import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.conformance.BackendConformance;

/** The shared conformance suite on the CPU backend with its default options. */
class CpuConformanceTest extends BackendConformance {
    @Override
    protected Backend openBackend() {
        return Backends.named("cpu");
    }
}
