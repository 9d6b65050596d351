package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Test;
import org.nnft.gpu.KernelBuildException;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NvrtcCompiler's FFM bindings against a fake NVRTC: program life cycle, option strings, log and PTX retrieval. */
class FakeNvrtcTest {
    private static NvrtcCompiler locate(Path lib) {
        return NvrtcCompiler.locate(Map.of(NvrtcCompiler.ENV, lib.toString())).orElseThrow();
    }

    @Test
    void compilesWithTheDialectOptionsAndTheNewestSupportedArch() {
        Path lib = FakeCuda.nvrtc();
        NvrtcCompiler nvrtc = locate(lib);
        assertEquals("NVRTC 13.0 (" + lib + ")", nvrtc.description());
        assertArrayEquals(new int[]{75, 80, 90}, nvrtc.supportedArchs());
        String ptx = nvrtc.compile("my_kernel", "KERNEL void my_kernel() {}", 100);
        assertTrue(ptx.contains(".entry my_kernel("), ptx);
        assertTrue(ptx.contains("--fmad=false --ftz=false --prec-div=true --prec-sqrt=true -arch=compute_90 "), ptx);
        assertEquals(0, FakeCuda.probe(lib, "fake_nvrtc_live"), "program not destroyed");
    }

    @Test
    void sourceErrorsAreBuildErrorsWithTheProgramLog() {
        Path lib = FakeCuda.nvrtc();
        KernelBuildException e = assertThrows(KernelBuildException.class,
                () -> locate(lib).compile("bad", "x = syntax_error;", 80));
        assertEquals("bad", e.kernelName());
        assertTrue(e.log().contains("bad.cu(1): error: identifier \"syntax_error\" is undefined"), e.log());
        assertTrue(e.log().contains("-arch=compute_80"), e.log());
        assertEquals(0, FakeCuda.probe(lib, "fake_nvrtc_live"), "program not destroyed");
    }

    @Test
    void aBrokenInstallationIsUnavailableNotABuildError() {
        Path lib = FakeCuda.nvrtc("FAKE_BUILTINS_BROKEN");
        CompilerUnavailableException e = assertThrows(CompilerUnavailableException.class,
                () -> locate(lib).compile("k", "KERNEL void k() {}", 90));
        assertTrue(e.getMessage().contains("NVRTC_ERROR_BUILTIN_OPERATION_FAILURE"), e.getMessage());
        assertEquals(0, FakeCuda.probe(lib, "fake_nvrtc_live"), "program not destroyed");
    }
}
