package org.nnft.bench.jmh;

import org.nnft.engine.Backend;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
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
 * One checkerboard Metropolis sweep (single hit, both colours, acceptance reduction included) of the 2D
 * L = 256 phi^4 lattice of {@code nnft bench --workload lattice} on the CPU backend. The score is site
 * updates per second; {@code scalar} picks the reference body or the Vector API fast path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MetropolisSweepBenchmark {
    static final int L = 256;

    @Param({"false", "true"})
    public boolean scalar;

    @Param({"0"})
    public int threads;

    private Backend backend;
    private DeviceCouplings couplings;
    private LatticeField field;
    private Metropolis metropolis;
    private long step;

    @Setup(Level.Trial)
    public void open() {
        backend = CpuBackendState.open(scalar, threads);
        Lattice lattice = new Lattice(2, L);
        couplings = new DeviceCouplings(backend, new HomogeneousTheory(1.0, 1.52425, 0.175).couplings(lattice));
        field = new LatticeField(backend, new double[lattice.volume()]);
        metropolis = new Metropolis(couplings, 1.0, 1);
    }

    @TearDown(Level.Trial)
    public void close() {
        field.close();
        couplings.close();
        backend.close();
    }

    @Benchmark
    @OperationsPerInvocation(L * L)
    public double sweep() {
        return metropolis.apply(field, 1, step++);
    }
}
