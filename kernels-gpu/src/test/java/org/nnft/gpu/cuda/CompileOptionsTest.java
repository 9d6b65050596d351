package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Test;
import org.nnft.engine.EngineException;
import org.nnft.gpu.KernelBuildException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileOptionsTest {
    @Test
    void nvrtcOptionsTurnOffContractionAndNameTheVirtualArch() {
        assertEquals(List.of("--fmad=false", "--ftz=false", "--prec-div=true", "--prec-sqrt=true", "-arch=compute_90"),
                CudaCompileOptions.nvrtc(90));
    }

    @Test
    void nvccCommandLineCompilesToPtx() {
        assertEquals(List.of("/usr/local/cuda/bin/nvcc", "-ptx", "--fmad=false", "--ftz=false", "--prec-div=true",
                        "--prec-sqrt=true", "-arch=compute_86", "-o", "/tmp/k/k.ptx", "/tmp/k/k.cu"),
                CudaCompileOptions.nvcc(Path.of("/usr/local/cuda/bin/nvcc"), 86, Path.of("/tmp/k/k.cu"),
                        Path.of("/tmp/k/k.ptx")));
    }

    @Test
    void archIsTheNewestSupportedNotAboveTheDevice() {
        int[] supported = {75, 80, 86, 87, 89, 90, 100, 120};
        assertEquals(90, CudaCompileOptions.chooseArch(90, supported));
        assertEquals(89, CudaCompileOptions.chooseArch(89, supported));
        assertEquals(100, CudaCompileOptions.chooseArch(103, supported));
        assertEquals(120, CudaCompileOptions.chooseArch(121, supported));
        assertEquals(61, CudaCompileOptions.chooseArch(61, supported), "too old: let the compiler say so");
        assertEquals(90, CudaCompileOptions.chooseArch(90, new int[0]));
    }

    @Test
    void nvccArchListIsParsed() {
        assertArrayEquals(new int[]{75, 80, 90, 100},
                NvccCompiler.parseArchList("compute_75\ncompute_80\ncompute_90\ncompute_100\n"));
        assertArrayEquals(new int[0], NvccCompiler.parseArchList("nvcc fatal: unknown option"));
    }

    @Test
    void nvrtcIsSearchedInTheEnvironmentThenTheLoaderPathThenCudaFolders() {
        List<String> c = NvrtcCompiler.candidates(Map.of(NvrtcCompiler.ENV, "/opt/x/libnvrtc.so.13",
                "CUDA_HOME", "/opt/cuda-13.0"));
        assertEquals("/opt/x/libnvrtc.so.13", c.get(0));
        assertEquals(List.of("libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12"), c.subList(1, 4));
        assertEquals("/opt/cuda-13.0/lib64/libnvrtc.so", c.get(4));
        assertTrue(c.contains("/usr/local/cuda/lib64/libnvrtc.so.13"));
        assertTrue(c.indexOf("/opt/cuda-13.0/lib64/libnvrtc.so") < c.indexOf("/usr/local/cuda/lib64/libnvrtc.so"));
    }

    @Test
    void nvccIsSearchedOnThePathFirst() {
        List<Path> c = NvccCompiler.candidates(Map.of("PATH", "/a/bin:/b/bin", "CUDA_HOME", "/opt/cuda"));
        assertEquals(List.of(Path.of("/a/bin/nvcc"), Path.of("/b/bin/nvcc"), Path.of("/opt/cuda/bin/nvcc"),
                Path.of("/usr/local/cuda/bin/nvcc")), c);
    }

    @Test
    void chainStopsAtSourceErrorsAndSkipsUnavailableCompilers() {
        PtxCompiler broken = compiler(() -> {
            throw new CompilerUnavailableException("nvrtc builtins missing");
        });
        PtxCompiler works = compiler(() -> "PTX");
        assertEquals("PTX", new CompilerChain(List.of(broken, works)).compile("k", "src", 90));
        KernelBuildException bad = new KernelBuildException("cuda", "k", "error: x");
        PtxCompiler failing = compiler(() -> {
            throw bad;
        });
        assertSame(bad, assertThrows(KernelBuildException.class,
                () -> new CompilerChain(List.of(failing, works)).compile("k", "src", 90)));
        EngineException none = assertThrows(EngineException.class, () -> new CompilerChain(List.of())
                .compile("k", "s", 90));
        assertTrue(none.getMessage().contains("NNFT_NVRTC"), none.getMessage());
        EngineException all = assertThrows(EngineException.class,
                () -> new CompilerChain(List.of(broken)).compile("k", "s", 90));
        assertTrue(all.getMessage().contains("nvrtc builtins missing"), all.getMessage());
    }

    private static PtxCompiler compiler(Supplier<String> body) {
        return new PtxCompiler() {
            @Override
            public String compile(String name, String source, int arch) {
                return body.get();
            }

            @Override
            public String description() {
                return "test compiler";
            }
        };
    }
}
