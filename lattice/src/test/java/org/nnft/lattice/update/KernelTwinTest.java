package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.kernel.CParameters;
import org.nnft.engine.kernel.Kernel;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structural checks of the C twins (the C code cannot run here: the entry point's parameters match the Java
 * declaration in order, type and name), chunking independence of the CPU bodies, and bad input of the updates.
 */
class KernelTwinTest {
    @Test
    void cSourcesDeclareTheEntryPointWithTheJavaParameters() {
        for (Kernel k : new LatticeKernels().kernels()) {
            assertNull(CParameters.mismatch(k));
        }
    }

    /** Running the work items in two chunks in reverse order gives the same field as one launch. */
    @Test
    void resultDoesNotDependOnChunking() {
        Lattice l = new Lattice(2, 8);
        Couplings plain = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(l);
        chunking(plain);
        chunking(plain.withUniform(0.3, 0.2));
    }

    private static void chunking(Couplings couplings) {
        Lattice l = couplings.lattice();
        try (Backend backend = Backends.named("cpu");
             DeviceCouplings dc = new DeviceCouplings(backend, couplings)) {
            double[] start = new double[l.volume()];
            for (int x = 0; x < start.length; x++) {
                start[x] = Math.sin(x);
            }
            double[] whole;
            try (LatticeField f = new LatticeField(backend, start)) {
                new Metropolis(dc, 0.8, 3).apply(f, 4, 7);
                whole = f.snapshot();
            }
            Kernel reversed = MetropolisKernel.KERNEL.withCpuBody((args, from, to) -> {
                long mid = (from + to) / 2;
                MetropolisKernel.run(args, mid, to);
                MetropolisKernel.run(args, from, mid);
            });
            try (LatticeField f = new LatticeField(backend, start)) {
                Checkerboard.sweep(dc, f, reversed, MetropolisKernel.TABLES, MetropolisKernel.LINEAR, 4, 7, 3,
                        a -> a.set(MetropolisKernel.DELTA, 0.8).set(MetropolisKernel.HITS, 3));
                assertArrayEquals(whole, f.snapshot());
            }
        }
    }

    @Test
    void badUpdateParametersAreRejected() {
        Lattice l = new Lattice(2, 4);
        try (Backend backend = Backends.named("cpu");
             DeviceCouplings dc = new DeviceCouplings(backend, HomogeneousTheory.isingLimit(0.4, 1, 1).couplings(l))) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeatBath(dc, 4))
                    .getMessage().contains("a must be positive"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new Metropolis(dc, -1, 1))
                    .getMessage().contains("delta"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new Metropolis(dc, 1, 0))
                    .getMessage().contains("hits"));
        }
        try (Backend backend = Backends.named("cpu")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeviceCouplings(backend,
                    HomogeneousTheory.fromHopping(0.3, 1).couplings(new Lattice(2, 5)))).getMessage().contains("even"));
        }
    }
}
