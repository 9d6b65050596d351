package org.nnft.bench.jmh;

import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/** Philox fill throughput of the CPU backend; the score is samples per second. */
public class PhiloxFillBenchmark extends CpuBackendBenchmark {
    static final int SAMPLES = 1 << 20;

    @Param({"F32", "F64"})
    public DType type;

    private DeviceBuffer out;
    private long first;

    @Override
    protected void prepare() {
        out = backend.allocate(type, SAMPLES);
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
