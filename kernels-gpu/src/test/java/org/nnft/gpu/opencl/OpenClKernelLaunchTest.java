package org.nnft.gpu.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.EngineException;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.gpu.KernelBuildException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Domain {@link Kernel}s: the same kernel gives identical bits on the CPU backend and on OpenCL; misuse is reported.
 */
class OpenClKernelLaunchTest {
    private static Backend cpu;
    private static Backend gpu;

    @BeforeAll
    static void open() {
        gpu = OpenClTesting.open();
        cpu = Backends.named("cpu");
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    /** Runs the test kernel on {@code b}; returns y, z (as bits) and w concatenated per kind. */
    private static Object[] run(Backend b, int n, int workGroup) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i) * 3.5;
        }
        Kernel k = workGroup > 0 ? AxpyUniformKernel.KERNEL.withWorkGroupSize(workGroup) : AxpyUniformKernel.KERNEL;
        try (DeviceBuffer dx = b.upload(x); DeviceBuffer y = b.allocate(DType.F64, n);
             DeviceBuffer z = b.allocate(DType.F32, n); DeviceBuffer w = b.allocate(DType.I32, n)) {
            b.launch(k, n, new KernelArgs().i64(n).f64(0.3).buffer(dx).buffer(y).f32(-1.5f).buffer(z).i32(-7)
                    .buffer(w).i64(0xFEEDFACE12345678L).i64(0x7FFFFFFF00000001L));
            return new Object[]{y.toDoubleArray(), z.toFloatArray(), w.toIntArray()};
        }
    }

    @Test
    void sameKernelGivesIdenticalResultsOnCpuAndOpenCl() {
        for (int n : new int[]{1, 1001, 4096}) {
            Object[] want = run(cpu, n, 0);
            for (int wg : new int[]{0, 64}) {
                Object[] got = run(gpu, n, wg);
                double[] wy = (double[]) want[0];
                double[] gy = (double[]) got[0];
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(wy[i]), Double.doubleToRawLongBits(gy[i]), "y[" + i + "]");
                }
                assertArrayEquals((float[]) want[1], (float[]) got[1], 0.0f, "z");
                assertArrayEquals((int[]) want[2], (int[]) got[2], "w");
            }
        }
    }

    @Test
    void syntaxErrorGivesKernelBuildExceptionWithNameAndLog() {
        Kernel broken = Kernel.of("broken_kernel", "KERNEL void broken_kernel(i64 n) { this is not C; }",
                (args, from, to) -> { }, ArgType.LONG);
        KernelBuildException e = assertThrows(KernelBuildException.class,
                () -> gpu.launch(broken, 4, new KernelArgs().i64(4)));
        assertEquals("broken_kernel", e.kernelName());
        assertTrue(e.getMessage().contains("broken_kernel"), e.getMessage());
        assertTrue(e.log().contains("error"), e.log());
    }

    @Test
    void missingEntryPointGivesKernelBuildException() {
        Kernel k = Kernel.of("not_there", "KERNEL void something_else(i64 n) { }",
                (args, from, to) -> { }, ArgType.LONG);
        KernelBuildException e = assertThrows(KernelBuildException.class,
                () -> gpu.launch(k, 1, new KernelArgs().i64(1)));
        assertEquals("not_there", e.kernelName());
    }

    @Test
    void argumentsAreChecked() {
        try (DeviceBuffer f = gpu.allocate(DType.F32, 4); DeviceBuffer other = cpu.allocate(DType.F64, 4)) {
            Kernel k = AxpyUniformKernel.KERNEL;
            EngineException wrongCount = assertThrows(EngineException.class,
                    () -> gpu.launch(k, 4, new KernelArgs().i64(4)));
            assertTrue(wrongCount.getMessage().contains("expects 10 arguments"), wrongCount.getMessage());
            EngineException wrongType = assertThrows(EngineException.class, () -> gpu.launch(k, 4, new KernelArgs()
                    .i64(4).f64(1).buffer(f).buffer(f).f32(1).buffer(f).i32(0).buffer(f).i64(0).i64(0)));
            assertTrue(wrongType.getMessage().contains("argument 2"), wrongType.getMessage());
            try (DeviceBuffer y = gpu.allocate(DType.F64, 4); DeviceBuffer w = gpu.allocate(DType.I32, 4)) {
                EngineException foreign = assertThrows(EngineException.class, () -> gpu.launch(k, 4, new KernelArgs()
                        .i64(4).f64(1).buffer(other).buffer(y).f32(1).buffer(f).i32(0).buffer(w).i64(0).i64(0)));
                assertTrue(foreign.getMessage().contains("belongs to backend 'cpu'"), foreign.getMessage());
            }
            assertThrows(EngineException.class, () -> gpu.launch(k, -1, new KernelArgs()));
            try (DeviceBuffer x = gpu.allocate(DType.F64, 4); DeviceBuffer y = gpu.allocate(DType.F64, 4);
                 DeviceBuffer w = gpu.allocate(DType.I32, 4)) {
                EngineException tooWide = assertThrows(EngineException.class,
                        () -> gpu.launch(k.withWorkGroupSize(1 << 24), 4, new KernelArgs().i64(4).f64(1).buffer(x)
                                .buffer(y).f32(1).buffer(f).i32(0).buffer(w).i64(0).i64(0)));
                assertTrue(tooWide.getMessage().contains("work-groups of " + (1 << 24)), tooWide.getMessage());
            }
        }
    }
}
