package org.nnft.backend.cpu;

import org.junit.jupiter.api.Test;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The CPU backend runs a kernel's fast path by default and its reference body with {@code scalar=true}, over every work
 * item.
 */
class KernelFastPathTest {
    private static final Kernel MARK = Kernel.of("mark", "KERNEL void mark(GLOBAL double* out) {}",
                    (args, from, to) -> fill(args.doubles(0), from, to, 1.0), ArgType.F64_BUFFER)
            .withCpuFastPath((args, from, to) -> fill(args.doubles(0), from, to, 2.0))
            .withCpuGrain(1);

    @Test
    void picksTheBodyByOption() {
        assertArrayEquals(filled(2.0), run(BackendOptions.of("threads", "2")));
        assertArrayEquals(filled(1.0), run(BackendOptions.of("threads", "2", "scalar", "true")));
    }

    private static double[] run(BackendOptions options) {
        try (CpuBackend backend = CpuBackend.open(options);
             DeviceBuffer out = backend.allocate(DType.F64, 37)) {
            backend.launch(MARK, 37, new KernelArgs().buffer(out));
            double[] host = new double[37];
            out.read(0, host, 0, 37);
            return host;
        }
    }

    private static double[] filled(double v) {
        double[] a = new double[37];
        Arrays.fill(a, v);
        return a;
    }

    private static void fill(double[] out, long from, long to, double v) {
        for (long i = from; i < to; i++) {
            out[(int) i] = v;
        }
    }
}
