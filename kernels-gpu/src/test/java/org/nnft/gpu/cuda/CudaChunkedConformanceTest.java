package org.nnft.gpu.cuda;

import org.nnft.engine.Backend;
import org.nnft.engine.conformance.BackendConformance;

/** The conformance suite on CUDA with core launches split into 256 work items: results must not change. */
class CudaChunkedConformanceTest extends BackendConformance {
    @Override
    protected Backend openBackend() {
        return CudaTesting.open("launchItems", "256");
    }
}
