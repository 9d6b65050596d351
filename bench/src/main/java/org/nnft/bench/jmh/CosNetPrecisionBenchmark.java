package org.nnft.bench.jmh;

import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.CosNetSingle;
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
 * The field of one cos-net (N = 1000, 6 points t (1, -0.7, 0.5, -0.7) for t in 0 .. 2) on one thread, by path:
 * the double fast path, the single scalar reference and the single fast path, for the ball nets in d = 1..4
 * (Lambda = 10 in d = 1, 3 above) and the d = 1 Cauchy net. Score: neuron-evaluations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CosNetPrecisionBenchmark {
    static final int WIDTH = 1000;
    static final double[] TS = {0, 0.2, 0.5, 1.0, 1.5, 2.0};
    static final double[] DIRECTION = {1.0, -0.7, 0.5, -0.7};

    @Param({"ball1", "ball3", "cauchy"})
    public String net;

    @Param({"double-lanes", "single-scalar", "single-lanes"})
    public String path;

    private final FieldScratch scratch = new FieldScratch();
    private final double[] phi = new double[TS.length];
    private final int[] r0 = new int[4];
    private final int[] r1 = new int[4];
    private final float[] neuron = new float[CosNet.NEURON_SIZE];
    private final float[] sums = new float[TS.length];
    private double[] points;
    private double[] hyper;
    private int dim;
    private int variant;
    private long stream;

    @Setup
    public void open() {
        CosNet cosNet = net.equals("cauchy") ? CosNet.cauchy(1.0, 1.0, WIDTH)
                : CosNet.freeScalar(Integer.parseInt(net.substring(4)), 1.0, net.equals("ball1") ? 10.0 : 3.0, 1.0,
                WIDTH);
        dim = cosNet.dimension();
        variant = cosNet.variant();
        double[][] pts = new double[TS.length][dim];
        points = new double[TS.length * dim];
        for (int p = 0; p < TS.length; p++) {
            for (int k = 0; k < dim; k++) {
                pts[p][k] = TS[p] * DIRECTION[k];
                points[p * dim + k] = pts[p][k];
            }
        }
        hyper = cosNet.kernelParameters(pts);
    }

    @Benchmark
    @OperationsPerInvocation(WIDTH * 6)
    public double field() {
        long s = stream++;
        switch (path) {
            case "double-lanes" -> CosNet.fieldLanes(points, TS.length, hyper, WIDTH, dim, variant, 1, s, phi, scratch);
            case "single-scalar" -> CosNetSingle.fieldAt(points, TS.length, hyper, WIDTH, dim, variant, 1, s, phi, r0,
                    r1, neuron, sums);
            default -> CosNet.fieldLanesSingle(points, TS.length, hyper, WIDTH, dim, variant, 1, s, phi, scratch);
        }
        return phi[0] + phi[5];
    }
}
