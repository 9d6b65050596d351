package org.nnft.gpu.cuda;

import org.nnft.engine.Backend;
import org.nnft.engine.conformance.BackendConformance;

/** The engine conformance suite on the CUDA backend; skipped where no NVIDIA GPU is usable. */
class CudaConformanceTest extends BackendConformance {
    @Override
    protected Backend openBackend() {
        return CudaTesting.open();
    }
}
