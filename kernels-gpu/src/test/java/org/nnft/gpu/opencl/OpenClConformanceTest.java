package org.nnft.gpu.opencl;

import org.nnft.engine.Backend;
import org.nnft.engine.conformance.BackendConformance;

/** The backend conformance suite on the OpenCL backend (PoCL here; skipped where OpenCL is unavailable). */
class OpenClConformanceTest extends BackendConformance {
    @Override
    protected Backend openBackend() {
        return OpenClTesting.open();
    }
}
