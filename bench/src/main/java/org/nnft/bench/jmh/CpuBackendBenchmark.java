package org.nnft.bench.jmh;

import org.nnft.backend.cpu.CpuBackend;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
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
 * The benchmarks of one CPU backend (JMH's class annotations and parameters are inherited): {@code scalar} picks
 * the scalar reference paths or the Vector API paths, {@code threads} the pool size (0 = all processors). The
 * backend opens before {@link #prepare}; closing it at the end frees the buffers made there. The score is
 * operations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public abstract class CpuBackendBenchmark {
    @Param({"false", "true"})
    public boolean scalar;

    @Param({"0"})
    public int threads;

    /** The backend under test, open between setup and teardown. */
    protected Backend backend;

    @Setup(Level.Trial)
    public final void open() {
        BackendOptions options = BackendOptions.of("scalar", Boolean.toString(scalar));
        if (threads > 0) {
            options = options.with("threads", Integer.toString(threads));
        }
        backend = CpuBackend.open(options);
        prepare();
    }

    @TearDown(Level.Trial)
    public final void close() {
        backend.close();
    }

    /** Allocates and fills what the benchmark reads, on {@link #backend}. */
    protected abstract void prepare();
}
