package org.nnft.bench.jmh;

import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * One checkerboard Metropolis sweep (single hit, both colours, acceptance reduction included) of the 2D
 * L = 256 phi^4 lattice of {@code nnft bench --workload lattice} on the CPU backend. The score is site
 * updates per second; {@code scalar} picks the reference body or the Vector API fast path.
 */
public class MetropolisSweepBenchmark extends CpuBackendBenchmark {
    static final int L = 256;

    private DeviceCouplings couplings;
    private LatticeField field;
    private Metropolis metropolis;
    private long step;

    @Override
    protected void prepare() {
        Lattice lattice = new Lattice(2, L);
        couplings = new DeviceCouplings(backend, new HomogeneousTheory(1.0, 1.52425, 0.175).couplings(lattice));
        field = new LatticeField(backend, new double[lattice.volume()]);
        metropolis = new Metropolis(couplings, 1.0, 1);
    }

    @Benchmark
    @OperationsPerInvocation(L * L)
    public double sweep() {
        return metropolis.apply(field, 1, step++);
    }
}
