package org.nnft.bench.jmh;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/** Philox fill throughput of the CPU backend; the score is samples per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PhiloxFillBenchmark {
    static final int SAMPLES = 1 << 20;

    @Param({"false", "true"})
    public boolean scalar;

    @Param({"F32", "F64"})
    public DType type;

    @Param({"0"})
    public int threads;

    private Backend backend;
    private DeviceBuffer out;
    private long first;

    @Setup(Level.Trial)
    public void open() {
        backend = CpuBackendState.open(scalar, threads);
        out = backend.allocate(type, SAMPLES);
    }

    @TearDown(Level.Trial)
    public void close() {
        backend.close();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void uniform() {
        backend.fillUniform(out, 42, 7, first += SAMPLES);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void normal() {
        backend.fillNormal(out, 42, 7, first += SAMPLES);
    }
}
