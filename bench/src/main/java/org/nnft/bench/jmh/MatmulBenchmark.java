package org.nnft.bench.jmh;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Square matmul ({@code C = A B}, n x n) and syrk ({@code C = A^T A}, A n x n) of the CPU backend.
 * The score is operations per second; GFLOP/s = score x 2 n^3 / 1e9 for matmul and
 * score x n^2 (n + 1) / 1e9 for syrk (the flops of the upper triangle it computes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MatmulBenchmark {
    @Param({"false", "true"})
    public boolean scalar;

    @Param({"F32", "F64"})
    public DType type;

    @Param({"512"})
    public int n;

    @Param({"0"})
    public int threads;

    private Backend backend;
    private DeviceBuffer a;
    private DeviceBuffer b;
    private DeviceBuffer c;

    @Setup(Level.Trial)
    public void open() {
        backend = CpuBackendState.open(scalar, threads);
        a = backend.allocate(type, (long) n * n);
        b = backend.allocate(type, (long) n * n);
        c = backend.allocate(type, (long) n * n);
        backend.fillNormal(a, 1, 1, 0);
        backend.fillNormal(b, 1, 2, 0);
    }

    @TearDown(Level.Trial)
    public void close() {
        backend.close();
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
