package org.nnft.bench.jmh;

import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Square matmul ({@code C = A B}, n x n) and syrk ({@code C = A^T A}, A n x n) of the CPU backend.
 * The score is operations per second; GFLOP/s = score x 2 n^3 / 1e9 for matmul and
 * score x n^2 (n + 1) / 1e9 for syrk (the flops of the upper triangle it computes).
 */
public class MatmulBenchmark extends CpuBackendBenchmark {
    @Param({"F32", "F64"})
    public DType type;

    @Param({"512"})
    public int n;

    private DeviceBuffer a;
    private DeviceBuffer b;
    private DeviceBuffer c;

    @Override
    protected void prepare() {
        a = backend.allocate(type, (long) n * n);
        b = backend.allocate(type, (long) n * n);
        c = backend.allocate(type, (long) n * n);
        backend.fillNormal(a, 1, 1, 0);
        backend.fillNormal(b, 1, 2, 0);
    }

    @Benchmark
    public void matmul() {
        backend.matmul(false, false, n, n, n, 1.0, a, b, 0.0, c);
    }

    @Benchmark
    public void syrk() {
        backend.syrk(n, n, 1.0, a, 0.0, c);
    }
}
