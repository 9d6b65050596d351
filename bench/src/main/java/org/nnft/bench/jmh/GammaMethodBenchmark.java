package org.nnft.bench.jmh;

import org.nnft.stats.GammaMethod;
import org.nnft.stats.GammaResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Gamma-method analysis of a 10^6-point AR(1) chain with rho(1) = 0.98 (the FFT path, window far beyond the
 * direct lags): the timing that {@code GammaMethodTest} used to assert. The score is seconds per analysis.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class GammaMethodBenchmark {
    static final int POINTS = 1_000_000;
    static final double RHO = 0.98;

    private double[] chain;

    @Setup(Level.Trial)
    public void prepare() {
        SplittableRandom random = new SplittableRandom(99);
        double innovation = Math.sqrt(1 - RHO * RHO);
        chain = new double[POINTS];
        double x = 0;
        for (int i = 0; i < POINTS; i++) {
            x = RHO * x + innovation * random.nextGaussian();
            chain[i] = x;
        }
    }

    @Benchmark
    public GammaResult analyze() {
        return GammaMethod.analyze(chain);
    }
}
