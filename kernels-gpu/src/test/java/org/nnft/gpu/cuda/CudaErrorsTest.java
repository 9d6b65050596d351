package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CudaErrorsTest {
    @Test
    void knownCodesHaveTheirCudaHeaderNames() {
        assertEquals("CUDA_SUCCESS", CudaErrors.name(0));
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", CudaErrors.name(2));
        assertEquals("CUDA_ERROR_STUB_LIBRARY", CudaErrors.name(34));
        assertEquals("CUDA_ERROR_NO_DEVICE", CudaErrors.name(100));
        assertEquals("CUDA_ERROR_INVALID_PTX", CudaErrors.name(218));
        assertEquals("CUDA_ERROR_UNSUPPORTED_PTX_VERSION", CudaErrors.name(222));
        assertEquals("CUDA_ERROR_NOT_FOUND", CudaErrors.name(500));
        assertEquals("CUDA_ERROR_ILLEGAL_ADDRESS", CudaErrors.name(700));
        assertEquals("CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", CudaErrors.name(701));
        assertEquals("CUDA_ERROR_UNKNOWN", CudaErrors.name(999));
    }

    @Test
    void unknownCodesAreNumbered() {
        assertEquals("CUDA_ERROR_12345", CudaErrors.name(12345));
        assertEquals("CUDA_ERROR_-1", CudaErrors.name(-1));
    }

    @Test
    void messagesNameFunctionDetailErrorAndDescription() {
        assertEquals("cuda: cuMemAlloc_v2 (8589934592 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (out of memory)",
                CudaErrors.message("cuMemAlloc_v2", "8589934592 bytes", "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"));
        assertEquals("cuda: cuInit failed: CUDA_ERROR_NO_DEVICE",
                CudaErrors.message("cuInit", null, "CUDA_ERROR_NO_DEVICE", null));
    }
}
