package org.nnft.gpu.cuda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nnft.engine.EngineException;
import org.nnft.engine.kernel.ArgType;
import org.nnft.gpu.GpuDriver;
import org.nnft.gpu.KernelBuildException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CudaDriver on a real NVIDIA GPU (skipped elsewhere): memory, every compile path, launches, errors. */
class CudaDriverGpuTest {
    static final String AFFINE = """
            KERNEL void affine(GLOBAL float* x, i64 n, float a, double b, int c)
            {
                i64 i = GID;
                if (i >= n) {
                    return;
                }
                x[i] = (float) (a * (float) i + b + c);
            }
            """;
    static final List<ArgType> AFFINE_SIGNATURE = List.of(ArgType.F32_BUFFER, ArgType.LONG, ArgType.FLOAT,
            ArgType.DOUBLE, ArgType.INT);

    private CudaDriver driver;

    @BeforeEach
    void open() {
        CudaTesting.assumeCuda();
        driver = CudaDriver.open(null);
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
            assertEquals(0, driver.liveAllocations());
        }
    }

    @Test
    void describesTheDevice() {
        System.out.println("cuda device: " + driver.device() + "; pinned staging: " + driver.pinnedStaging()
                + "; compilers: " + CompilerChain.defaults().description());
        assertTrue(driver.device().memoryBytes() > 0);
        assertTrue(driver.device().computeUnits() > 0);
        assertTrue(driver.arch() >= 50, "arch " + driver.arch());
    }

    @Test
    void roundTripsLargeArraysThroughTheStagingBuffer() {
        int n = 5_000_003; // 20 MB of floats: more than one staging chunk
        long h = driver.allocate(n * 8L);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = i * 0.5f - 7;
        }
        driver.write(h, 4, f, 1, n - 1);
        float[] back = new float[n];
        driver.read(h, 4, back, 1, n - 1);
        back[0] = f[0];
        assertArrayEquals(f, back);
        double[] d = {Math.PI, -0.0, Double.NaN, Double.MIN_VALUE};
        driver.write(h, 16, d, 0, 4);
        double[] dBack = new double[4];
        driver.read(h, 16, dBack, 0, 4);
        assertArrayEquals(d, dBack);
        driver.free(h);
    }

    @Test
    void launchesWithMixedArgumentsBitExactly() {
        int n = 100_003;
        long x = driver.allocate(n * 4L);
        GpuDriver.CompiledKernel k = driver.compile("affine", NvccCompileTest.assemble(AFFINE));
        for (int local : new int[]{0, 64, 1}) {
            driver.launch(k, n, local, AFFINE_SIGNATURE, List.of(x, (long) n, 0.1f, 1.0 / 3, local - 2));
            float[] out = new float[n];
            driver.read(x, 0, out, 0, n);
            for (int i = 0; i < n; i++) {
                float want = (float) (0.1f * (float) i + 1.0 / 3 + (local - 2));
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[i]),
                        "x[" + i + "], local " + local);
            }
        }
        driver.launch(k, 0, 0, AFFINE_SIGNATURE, List.of(x, 0L, 0f, 0.0, 0));
        driver.finish();
        k.release();
    }

    @Test
    void everyAvailableCompilerProducesLoadablePtx() {
        String source = NvccCompileTest.assemble(NvccCompileTest.TEST_KERNEL);
        Optional<NvrtcCompiler> nvrtc = NvrtcCompiler.locate(System.getenv());
        Optional<NvccCompiler> nvcc = NvccCompiler.locate(System.getenv());
        Assumptions.assumeTrue(nvrtc.isPresent() || nvcc.isPresent(), "no CUDA compiler");
        for (PtxCompiler c : List.of(nvrtc, nvcc).stream().flatMap(Optional::stream)
                .map(PtxCompiler.class::cast).toList()) {
            String ptx = c.compile("dialect_probe", source, driver.arch());
            assertTrue(ptx.contains(".entry dialect_probe("), c.description());
            driver.load("dialect_probe", ptx).release();
            System.out.println("cuda: " + c.description() + " ok");
        }
    }

    @Test
    void sourceErrorsAreBuildErrors() {
        KernelBuildException e = assertThrows(KernelBuildException.class, () -> driver.compile("broken",
                NvccCompileTest.assemble("KERNEL void broken(GLOBAL float* x) { x[0] = undefined_name; }")));
        assertTrue(e.log().contains("undefined_name"), e.log());
    }

    @Test
    void outOfMemoryNamesTheSize() {
        EngineException e = assertThrows(EngineException.class, () -> driver.allocate(1L << 50));
        assertTrue(e.getMessage().startsWith(
                "cuda: cuMemAlloc_v2 (1125899906842624 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY"), e.getMessage());
    }

    @Test
    void worksFromAnotherThread() throws Exception {
        long h = driver.allocate(16);
        CompletableFuture.runAsync(() -> driver.write(h, 0, new int[]{1, 2, 3, 4}, 0, 4)).get();
        int[] back = new int[4];
        driver.read(h, 0, back, 0, 4);
        assertArrayEquals(new int[]{1, 2, 3, 4}, back);
    }
}
