package org.nnft.bench.jmh;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.Summary;
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

/**
 * Summarize throughput of the CPU backend over 4M elements. The score is elements per second;
 * GB/s is score x element size (4 bytes F32, 8 bytes F64) / 1e9.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class SummarizeBenchmark {
    static final int ELEMENTS = 1 << 22;

    @Param({"false", "true"})
    public boolean scalar;

    @Param({"F32", "F64"})
    public DType type;

    @Param({"0"})
    public int threads;

    private Backend backend;
    private DeviceBuffer data;

    @Setup(Level.Trial)
    public void open() {
        backend = CpuBackendState.open(scalar, threads);
        data = backend.allocate(type, ELEMENTS);
        backend.fillNormal(data, 1, 2, 3);
    }

    @TearDown(Level.Trial)
    public void close() {
        backend.close();
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public Summary summarize() {
        return backend.summarize(data);
    }
}
