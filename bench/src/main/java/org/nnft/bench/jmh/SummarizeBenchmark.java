package org.nnft.bench.jmh;

import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.Summary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Summarize throughput of the CPU backend over 4M elements. The score is elements per second;
 * GB/s is score x element size (4 bytes F32, 8 bytes F64) / 1e9.
 */
public class SummarizeBenchmark extends CpuBackendBenchmark {
    static final int ELEMENTS = 1 << 22;

    @Param({"F32", "F64"})
    public DType type;

    private DeviceBuffer data;

    @Override
    protected void prepare() {
        data = backend.allocate(type, ELEMENTS);
        backend.fillNormal(data, 1, 2, 3);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public Summary summarize() {
        return backend.summarize(data);
    }
}
