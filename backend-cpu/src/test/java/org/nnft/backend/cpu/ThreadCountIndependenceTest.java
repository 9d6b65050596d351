package org.nnft.backend.cpu;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.Summary;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every operation gives the same bits for 1, 2 and 3 threads; fills and summaries also give the
 * same bits on the scalar and the vector path.
 */
class ThreadCountIndependenceTest {
    private static final int N = Summary.BLOCK * 8 + 123;

    private static List<Object> run(Backend b) {
        List<Object> results = new ArrayList<>();
        try (DeviceBuffer f = b.allocate(DType.F32, N); DeviceBuffer d = b.allocate(DType.F64, N)) {
            b.fillUniform(f, 5, 6, 7);
            b.fillNormal(d, 5, 6, 7);
            results.add(f.toFloatArray());
            results.add(d.toDoubleArray());
            results.add(b.summarize(f, 3, N - 5));
            results.add(b.summarize(d, 1, N - 1));
            b.fillNormal(f, -3, 1L << 40, 1L << 35);
            b.fillUniform(d, -3, 1L << 40, 1L << 35);
            results.add(f.toFloatArray());
            results.add(d.toDoubleArray());
            results.add(b.summarize(f));
        }
        for (DType t : new DType[]{DType.F32, DType.F64}) {
            int m = 37, n = 45, k = 61;
            try (DeviceBuffer a = b.allocate(t, m * k); DeviceBuffer x = b.allocate(t, k * n);
                 DeviceBuffer c = b.allocate(t, m * n); DeviceBuffer s = b.allocate(t, n * n)) {
                b.fillNormal(a, 1, 1, 0);
                b.fillNormal(x, 1, 2, 0);
                b.fillNormal(c, 1, 3, 0);
                b.matmul(true, false, m, n, k, 0.5, a, x, 2.0, c);
                b.syrk(n, k, 1.5, x, 0.0, s);
                results.add(t == DType.F32 ? c.toFloatArray() : c.toDoubleArray());
                results.add(t == DType.F32 ? s.toFloatArray() : s.toDoubleArray());
            }
        }
        Kernel square = Kernel.of("square", "KERNEL void square(...) {}", (args, from, to) -> {
            double[] y = args.doubles(0);
            for (long i = from; i < to; i++) {
                y[(int) i] = i * (double) i + args.intArg(1);
            }
        }, ArgType.F64_BUFFER, ArgType.INT);
        try (DeviceBuffer y = b.allocate(DType.F64, 100_003)) {
            b.launch(square, y.length(), new KernelArgs().buffer(y).i32(3));
            results.add(y.toDoubleArray());
        }
        return results;
    }

    private static List<Object> with(String threads, String scalar) {
        try (Backend b = CpuBackend.open(BackendOptions.of("threads", threads, "scalar", scalar))) {
            return run(b);
        }
    }

    @Tag("slow")
    @Test
    void resultsDoNotDependOnThreadCount() {
        for (String scalar : new String[]{"false", "true"}) {
            List<Object> one = with("1", scalar);
            for (String threads : new String[]{"2", "3"}) {
                assertSame(one, with(threads, scalar), threads + " threads, scalar=" + scalar);
            }
        }
    }

    @Test
    void fillsAndSummariesMatchBetweenScalarAndVectorPaths() {
        List<Object> vector = with("2", "false");
        List<Object> scalar = with("2", "true");
        assertSame(vector.subList(0, 7), scalar.subList(0, 7), "fills and summaries");
    }

    private static void assertSame(List<Object> expected, List<Object> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            switch (e) {
                case float[] f -> assertArrayEquals(f, (float[]) a, what + " result " + i);
                case double[] d -> assertArrayEquals(d, (double[]) a, what + " result " + i);
                default -> assertEquals(e, a, what + " result " + i);
            }
        }
    }
}
