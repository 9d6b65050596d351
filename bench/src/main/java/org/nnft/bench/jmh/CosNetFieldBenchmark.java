package org.nnft.bench.jmh;

import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.FieldScratch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The field of one W1 network (d = 1 cos-net, N = 1000, the 6 points of {@code nnft bench}) on one thread,
 * without the moments: the inner loop of the ensemble sampler. The score is neuron-evaluations per second
 * (neurons x points / s); {@code scalar} picks the reference body or the Vector API fast path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CosNetFieldBenchmark {
    static final int WIDTH = 1000;
    static final double[] POINTS = {0, 0.2, 0.5, 1.0, 1.5, 2.0};

    @Param({"false", "true"})
    public boolean scalar;

    private final FieldScratch scratch = new FieldScratch();
    private final double[] phi = new double[POINTS.length];
    private final int[] r0 = new int[4];
    private final int[] r1 = new int[4];
    private final double[] neuron = new double[CosNet.NEURON_SIZE];
    private double[] hyper;
    private long stream;

    @Setup
    public void open() {
        double[][] points = new double[POINTS.length][];
        for (int p = 0; p < points.length; p++) {
            points[p] = new double[] {POINTS[p]};
        }
        hyper = CosNet.freeScalar(1, 1.0, 10.0, 1.0, WIDTH).kernelParameters(points);
    }

    @Benchmark
    @OperationsPerInvocation(WIDTH * 6)
    public double field() {
        long s = stream++;
        if (scalar) {
            CosNet.fieldAt(POINTS, POINTS.length, hyper, WIDTH, 1, 0, 1, s, phi, r0, r1, neuron);
        } else {
            CosNet.fieldLanes(POINTS, POINTS.length, hyper, WIDTH, 1, 0, 1, s, phi, scratch);
        }
        return phi[0] + phi[5];
    }
}
