package org.nnft.gpu.opencl;

import org.jocl.CL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nnft.engine.EngineException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CL status codes surface as EngineExceptions naming the call, the error and the device. */
class ClCallsTest {
    @BeforeEach
    void needsOpenCl() {
        OpenClTesting.assumeOpenCl();
    }

    @Test
    void errorCodesAreNamed() {
        assertEquals("CL_MEM_OBJECT_ALLOCATION_FAILURE", ClCalls.errorName(CL.CL_MEM_OBJECT_ALLOCATION_FAILURE));
        assertEquals("CL_OUT_OF_RESOURCES", ClCalls.errorName(CL.CL_OUT_OF_RESOURCES));
        assertEquals("CL_INVALID_KERNEL_ARGS", ClCalls.errorName(CL.CL_INVALID_KERNEL_ARGS));
    }

    @Test
    void failedCallsThrowWithContext() {
        EngineException e = assertThrows(EngineException.class,
                () -> ClCalls.check("clEnqueueNDRangeKernel(k)", "dev0", () -> CL.CL_INVALID_KERNEL_ARGS));
        assertTrue(e.getMessage().contains("clEnqueueNDRangeKernel(k)")
                && e.getMessage().contains("CL_INVALID_KERNEL_ARGS")
                && e.getMessage().contains("dev0"), e.getMessage());
        EngineException created = assertThrows(EngineException.class,
                () -> ClCalls.create("clCreateBuffer of 8 bytes", "dev0", err -> {
                    err[0] = CL.CL_MEM_OBJECT_ALLOCATION_FAILURE;
                    return null;
                }));
        assertTrue(created.getMessage().contains("CL_MEM_OBJECT_ALLOCATION_FAILURE"), created.getMessage());
    }
}
