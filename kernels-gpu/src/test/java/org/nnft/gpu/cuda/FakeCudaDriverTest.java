package org.nnft.gpu.cuda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.EngineException;
import org.nnft.engine.kernel.ArgType;
import org.nnft.gpu.GpuDriver;
import org.nnft.gpu.KernelBuildException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CudaDriver's FFM bindings against a fake driver library (host memory, one kernel executed in C):
 * argument passing, out-parameters, the current-context discipline, chunked transfers, error
 * messages and clean-up, everything but a real GPU.
 */
class FakeCudaDriverTest {
    static final String PTX = ".version 9.0\n.target sm_90\n.address_size 64\n.visible .entry fake_affine(\n)\n{\n}\n";

    private Path lib;
    private CudaDriver driver;

    /** A compiler that returns fixed PTX, remembering the arch it was asked for. */
    static final class FixedCompiler implements PtxCompiler {
        final String ptx;
        int lastArch;

        FixedCompiler(String ptx) {
            this.ptx = ptx;
        }

        @Override
        public String compile(String name, String source, int arch) {
            lastArch = arch;
            return ptx;
        }

        @Override
        public String description() {
            return "fixed PTX";
        }
    }

    private final FixedCompiler compiler = new FixedCompiler(PTX);

    @BeforeEach
    void open() {
        lib = FakeCuda.library();
        // a tiny staging buffer forces the chunked transfer path
        driver = CudaDriver.open(CudaLibrary.load(lib.toString()), "h100", () -> compiler, 64);
    }

    @AfterEach
    void close() {
        driver.close();
        assertEquals(0, FakeCuda.probe(lib, "fake_live_allocations"), "device memory leaked");
        assertEquals(0, FakeCuda.probe(lib, "fake_live_modules"), "modules leaked");
        assertEquals(0, FakeCuda.probe(lib, "fake_live_host"), "pinned staging leaked");
        assertEquals(0, FakeCuda.probe(lib, "fake_ctx_refs"), "primary context not released");
    }

    @Test
    void describesTheSelectedDevice() {
        assertEquals("cuda", driver.api());
        assertEquals("Fake GPU H100 80GB HBM3", driver.device().name());
        assertEquals("NVIDIA", driver.device().vendor());
        assertEquals("CUDA driver 13.0, compute capability 9.0", driver.device().driver());
        assertEquals(80L << 30, driver.device().memoryBytes());
        assertEquals(132, driver.device().computeUnits());
        assertEquals(90, driver.arch());
        assertTrue(driver.pinnedStaging());
    }

    @Test
    void selectsDevicesByIndexAndRejectsUnknownNames() {
        try (CudaDriver first = CudaDriver.open(CudaLibrary.load(lib.toString()), "0", () -> compiler, 64)) {
            assertEquals("Fake GPU A100-SXM4-40GB", first.device().name());
            assertEquals(80, first.arch());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> CudaDriver.open(CudaLibrary.load(lib.toString()), "V100", () -> compiler, 64));
        assertTrue(e.getMessage().contains("1: Fake GPU H100 80GB HBM3"), e.getMessage());
    }

    @Test
    void roundTripsArraysInChunksWithOffsets() {
        long h = driver.allocate(1000 * 8);
        float[] f = new float[100];
        for (int i = 0; i < f.length; i++) {
            f[i] = i * 0.25f;
        }
        driver.write(h, 8, f, 10, 90);   // 360 bytes through a 64-byte staging buffer
        float[] back = new float[95];
        driver.read(h, 8, back, 5, 90);
        for (int i = 0; i < 90; i++) {
            assertEquals(f[10 + i], back[5 + i]);
        }
        double[] d = {1.5, -2.25, Math.PI, Double.MIN_VALUE, Double.NaN, 1e300, 7, 8, 9, 10, 11};
        driver.write(h, 800, d, 0, d.length);
        double[] dBack = new double[d.length];
        driver.read(h, 800, dBack, 0, d.length);
        assertArrayEquals(d, dBack);
        int[] ints = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53};
        driver.write(h, 4, ints, 0, ints.length);
        int[] iBack = new int[ints.length];
        driver.read(h, 4, iBack, 0, ints.length);
        assertArrayEquals(ints, iBack);
        driver.free(h);
    }

    @Test
    void rejectsHostRangesOutsideTheArray() {
        long h = driver.allocate(64);
        assertThrows(EngineException.class, () -> driver.write(h, 0, new float[4], 2, 3));
        assertThrows(EngineException.class, () -> driver.read(h, 0, new int[4], -1, 1));
    }

    @Test
    void compilesLoadsAndLaunchesWithMixedArguments() {
        int n = 1000;
        long x = driver.allocate(n * 4L);
        GpuDriver.CompiledKernel k = driver.compile("fake_affine", "/* source */");
        assertEquals(90, compiler.lastArch);
        driver.launch(k, n, 0, List.of(ArgType.F32_BUFFER, ArgType.LONG, ArgType.FLOAT, ArgType.DOUBLE, ArgType.INT),
                List.of(x, (long) n, 0.5f, 1.25, 3));
        driver.finish();
        assertEquals(256, FakeCuda.probe(lib, "fake_last_block"));
        assertEquals(4, FakeCuda.probe(lib, "fake_last_grid"));
        float[] out = new float[n];
        driver.read(x, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals((float) (0.5f * (float) i + 1.25 + 3), out[i], "x[" + i + "]");
        }
        driver.launch(k, 10, 512, List.of(ArgType.F32_BUFFER, ArgType.LONG, ArgType.FLOAT, ArgType.DOUBLE, ArgType.INT),
                List.of(x, 10L, 0f, 0.0, 0));
        assertEquals(1, FakeCuda.probe(lib, "fake_last_grid"));
        EngineException tooBig = assertThrows(EngineException.class, () -> driver.launch(k, 10, 1024,
                List.of(ArgType.F32_BUFFER, ArgType.LONG, ArgType.FLOAT, ArgType.DOUBLE, ArgType.INT),
                List.of(x, 10L, 0f, 0.0, 0)));
        assertTrue(tooBig.getMessage().contains("limit of 512"), tooBig.getMessage());
        k.release();
        assertThrows(EngineException.class, () -> driver.launch(k, 10, 0, List.of(), List.of()));
    }

    @Test
    void precompiledPtxIsUsedWhenItLoadsAndCompiledOtherwise() {
        driver.compile("fake_affine", "/* precompiled */");
        assertEquals(0, compiler.lastArch, "the compiler must not run when a precompiled PTX loads");
        driver.compile("fake_affine", "/* stale precompiled */");
        assertEquals(90, compiler.lastArch, "a PTX resource the driver rejects falls back to compiling");
    }

    @Test
    void worksFromAnotherThread() throws Exception {
        long h = driver.allocate(16);
        CompletableFuture.runAsync(() -> driver.write(h, 0, new int[]{1, 2, 3, 4}, 0, 4)).get();
        int[] back = new int[4];
        driver.read(h, 0, back, 0, 4);
        assertArrayEquals(new int[]{1, 2, 3, 4}, back);
    }

    @Test
    void reportsOutOfMemoryWithSizeAndDriverNames() {
        EngineException e = assertThrows(EngineException.class, () -> driver.allocate(1L << 41));
        assertEquals("cuda: cuMemAlloc_v2 (2199023255552 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (out of memory)",
                e.getMessage());
    }

    @Test
    void badPtxAndMissingEntryPointsAreBuildErrorsWithTheJitLog() {
        CudaDriver bad = driver;
        KernelBuildException e = assertThrows(KernelBuildException.class, () -> bad.load("k", "INVALID ptx"));
        assertEquals("k", e.kernelName());
        assertTrue(e.log().contains("CUDA_ERROR_INVALID_PTX (a PTX JIT compilation failed)"), e.log());
        assertTrue(e.log().contains("fake JIT rejects this PTX"), e.log());
        KernelBuildException missing = assertThrows(KernelBuildException.class, () -> bad.load("other", PTX));
        assertTrue(missing.log().contains("CUDA_ERROR_NOT_FOUND"), missing.log());
    }

    @Test
    void closeIsIdempotentAndFreesEverything() {
        driver.allocate(100);
        driver.allocate(200);
        driver.compile("fake_affine", "/* source */");
        assertEquals(2, FakeCuda.probe(lib, "fake_live_allocations"));
        driver.close();
        driver.close();
        assertThrows(EngineException.class, () -> driver.allocate(1));
    }
}
