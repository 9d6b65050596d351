package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.conformance.BackendConformance;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.gpu.GpuDriver;
import org.nnft.gpu.KernelBuildException;
import org.nnft.gpu.KernelSources;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles the portable dialect (prelude-cuda.h + random.h + kernels) to PTX with the real nvcc,
 * where one is installed: proves the dialect is valid CUDA C++ without a GPU.
 */
class NvccCompileTest {
    static final String TEST_KERNEL = """
            KERNEL void dialect_probe(GLOBAL double* out, GLOBAL const float* in, i64 n, i64 seed, int flag, \
            float scale)
            {
                LOCAL double tile[64];
                i64 i = GID;
                tile[LID] = i < n ? (double) in[i] * scale : 0.0;
                BARRIER();
                if (i >= n) {
                    return;
                }
                u32 w[4];
                rs_block(seed, 7, i, w);
                double z = rs_box_muller(w[0], w[1], flag);
                double u = rs_uniform_double(w[2], w[3]) + (double) rs_uniform_float(w[0]);
                i64 bits = AS_LONG(z) ^ I64C(1);
                out[i] = tile[LID] + u + AS_DOUBLE(bits) + (double) AS_FLOAT(AS_UINT(scale)) \
            + (double) GROUP_ID * GROUP_SIZE;
            }
            """;

    private static NvccCompiler nvcc;

    @BeforeAll
    static void findNvcc() {
        nvcc = NvccCompiler.locate(System.getenv()).orElse(null);
        Assumptions.assumeTrue(nvcc != null, "nvcc is not installed");
    }

    /** The source as GpuBackend assembles it: prelude, random.h, then the kernel. */
    static String assemble(String kernel) {
        return new KernelSources(CudaDriver.API).assemble(kernel);
    }

    @Test
    void dialectKernelCompilesToPtxWithItsEntryPoint() {
        String ptx = nvcc.compile("dialect_probe", assemble(TEST_KERNEL), 90);
        assertTrue(ptx.contains(".entry dialect_probe("), ptx);
        assertTrue(ptx.contains(".target sm_90"), ptx);
        assertTrue(!ptx.contains("fma.rn.f64"), "FP contraction must be off");
    }

    @Tag("slow")
    @Test
    void coreFillKernelsCompile() {
        String ptx = nvcc.compile("fill", assemble(KernelSource.resource(GpuDriver.class, "fill.c")), 75);
        for (String k : new String[]{"fill_uniform_f32", "fill_uniform_f64", "fill_normal_f32", "fill_normal_f64"}) {
            assertTrue(ptx.contains(".entry " + k + "("), k);
        }
        assertTrue(!ptx.contains("fma.rn"), "FP contraction must be off");
    }

    @Test
    void conformanceKernelCompiles() {
        String axpy = KernelSource.resource(BackendConformance.class, "conformance_axpy.c");
        assertTrue(nvcc.compile("conformance_axpy", assemble(axpy), 90).contains(".entry conformance_axpy("));
    }

    @Test
    void sourceErrorsAreBuildErrorsWithTheLog() {
        KernelBuildException e = assertThrows(KernelBuildException.class,
                () -> nvcc.compile("broken",
                        assemble("KERNEL void broken(GLOBAL float* x) { x[0] = undefined_name; }"), 90));
        assertTrue(e.log().contains("undefined_name"), e.log());
        assertTrue(e.log().contains("--fmad=false"), "the log starts with the command line");
    }

    @Test
    void nvccKnowsItsArchitectures() {
        int[] archs = nvcc.supportedArchs();
        assertTrue(archs.length > 0);
        assertTrue(Arrays.stream(archs).anyMatch(a -> a == 90));
    }
}
