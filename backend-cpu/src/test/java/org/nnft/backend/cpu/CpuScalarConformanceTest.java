package org.nnft.backend.cpu;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.conformance.BackendConformance;

/** The shared conformance suite on the scalar reference paths with one thread. */
class CpuScalarConformanceTest extends BackendConformance {
    @Override
    protected Backend openBackend() {
        return Backends.named("cpu", BackendOptions.of(CpuOptions.THREADS, "1", CpuOptions.SCALAR, "true"));
    }
}
