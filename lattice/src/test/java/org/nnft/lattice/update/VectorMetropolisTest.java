package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vector API fast path of the Metropolis kernel ({@link VectorMetropolis}, the CPU default) against the
 * scalar reference body ({@code scalar=true}): the same chain bit for bit (proposals, actions and uniforms
 * use the same operations, and the accept decisions are the reference's exactly). Also: the index-arithmetic kernel of
 * homogeneous theories against the table kernel, and independence of thread count and chunking.
 */
class VectorMetropolisTest {
    private static final int SWEEPS = 40;

    @Test
    void fastPathIsTheCpuDefault() {
        assertTrue(MetropolisKernel.KERNEL.hasCpuFastPath());
        assertTrue(HypercubicMetropolisKernel.KERNEL.hasCpuFastPath());
    }

    /**
     * The index-arithmetic kernel of homogeneous theories runs the table kernel's chain bit for bit (same sites,
     * same J summation order, same hits), in its reference body and in its fast path, in 2D, 3D and 4D
     * (L = 2 included, where forward and backward neighbours coincide).
     */
    @Test
    void hypercubicKernelRunsTheTableChain() {
        int[][] shapes = {{2, 10}, {3, 6}, {4, 4}, {2, 2}};
        for (int[] shape : shapes) {
            Couplings c = HomogeneousTheory.fromMassAndLambda(shape[0], -0.5, 0.7)
                    .couplings(new Lattice(shape[0], shape[1]));
            try (Backend cpu = Backends.named("cpu"); DeviceCouplings dc = new DeviceCouplings(cpu, c)) {
                assertTrue(dc.homogeneous() != null, "homogeneous couplings are detected");
            }
            for (String scalar : new String[]{"true", "false"}) {
                BackendOptions o = BackendOptions.of("threads", "2", "scalar", scalar);
                Run table = chain(c, o, MetropolisKernel.KERNEL, 0.9, 2);
                Run cubic = chain(c, o, HypercubicMetropolisKernel.KERNEL, 0.9, 2);
                assertArrayEquals(table.field, cubic.field, "d=" + shape[0] + " L=" + shape[1] + " scalar=" + scalar);
                assertEquals(table.accepted, cubic.accepted);
            }
        }
    }

    /**
     * The row batches of the hypercubic fast path (in 2D from other-colour rows packed once per launch and reused
     * by the next rows; L = 34 gives rows of 17 sites, so vector groups and Philox calls end part-way through a
     * row, and chunk boundaries cut rows) against the scalar table kernel, bit for bit, in 2D, 3D and 4D. Rows of
     * 32 sites or more hold whole groups of 32 pair indices, whose Philox blocks feed two sites each: L = 64 rows
     * are one whole group, L = 96 rows of 48 sites start a group or end one, with single-block lanes before
     * or after it.
     */
    @Test
    void hypercubicRowLoadsRunTheReferenceChain() {
        int[][] shapes = {{2, 34}, {2, 40}, {3, 18}, {4, 18}, {2, 64}, {2, 96}, {3, 64}};
        for (int[] shape : shapes) {
            Couplings c = HomogeneousTheory.fromMassAndLambda(shape[0], -0.5, 0.7)
                    .couplings(new Lattice(shape[0], shape[1]));
            for (int hits = 1; hits <= 2; hits++) {
                Run table = chain(c, BackendOptions.of("threads", "2", "scalar", "true"),
                        MetropolisKernel.KERNEL, 0.9, hits);
                Run cubic = chain(c, BackendOptions.of("threads", "2"), HypercubicMetropolisKernel.KERNEL, 0.9, hits);
                assertArrayEquals(table.field, cubic.field, "d=" + shape[0] + " L=" + shape[1] + " hits=" + hits);
                assertEquals(table.accepted, cubic.accepted);
            }
        }
    }

    /** 2D homogeneous (L = 10: 50 sites per colour, a short last lane group) with one hit and with three. */
    @Test
    void fastPathRunsTheReferenceChainIn2d() {
        Couplings c = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 10));
        assertSameChain(c, 0.9, 1);
        assertSameChain(c, 0.9, 3);
    }

    /** 3D with site-dependent hopping, a and b, so every per-site input of the kernel matters. */
    @Test
    void fastPathRunsTheReferenceChainIn3dInhomogeneous() {
        Couplings c = inhomogeneous3d(3, false, false);
        assertSameChain(new Couplings(c.lattice(), c.linkWeights(), c.quadratic(), c.quartic()), 1.3, 2);
        assertSameChain(inhomogeneous3d(3, false, true), 1.3, 2);
    }

    /**
     * Random couplings on the 3D L = 6 lattice from {@code seed}: w in [0.1, 0.3], a in [0.4, 1.4] (0 at every
     * seventh site with {@code someZeroA}), b in [0, 0.5], h in [-0.1, 0.2], and diagonal couplings 0.05 or none.
     */
    static Couplings inhomogeneous3d(long seed, boolean someZeroA, boolean diagonal) {
        Lattice l = new Lattice(3, 6);
        double[] w = new double[l.links()];
        double[] a = new double[l.volume()];
        double[] b = new double[l.volume()];
        double[] h = new double[l.volume()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.1 + 0.2 * RandomStreams.uniformDouble(seed, 0, i);
        }
        for (int x = 0; x < a.length; x++) {
            a[x] = someZeroA && x % 7 == 0 ? 0.0 : 0.4 + RandomStreams.uniformDouble(seed, 1, x);
            b[x] = 0.5 * RandomStreams.uniformDouble(seed, 2, x);
            h[x] = 0.3 * RandomStreams.uniformDouble(seed, 3, x) - 0.1;
        }
        double[] v = new double[l.volume() * l.diagonalsPerSite()];
        Arrays.fill(v, diagonal ? 0.05 : 0.0);
        return new Couplings(l, w, a, b, h, v);
    }

    @Test
    void fastPathDoesNotDependOnThreadsOrChunking() {
        Couplings c = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 12));
        Run one = chain(c, BackendOptions.of("threads", "1"), MetropolisKernel.KERNEL, 1.0, 2);
        Run three = chain(c, BackendOptions.of("threads", "3"), MetropolisKernel.KERNEL.withCpuGrain(5), 1.0, 2);
        // Odd chunk boundaries, run back to front: every lane group is cut differently.
        Kernel ragged = MetropolisKernel.KERNEL.withCpuBody((args, from, to) -> {
            for (long end = to; end > from; end -= 3) {
                VectorMetropolis.run(args, Math.max(from, end - 3), end);
            }
        });
        Run chunked = chain(c, BackendOptions.of("threads", "2", "scalar", "true"), ragged, 1.0, 2);
        assertArrayEquals(one.field, three.field);
        assertArrayEquals(one.field, chunked.field);
        assertEquals(one.accepted, three.accepted);
        assertEquals(one.accepted, chunked.accepted);
        Kernel raggedCubic = HypercubicMetropolisKernel.KERNEL.withCpuBody((args, from, to) -> {
                    for (long end = to; end > from; end -= 3) {
                        VectorMetropolis.runHypercubic(args, Math.max(from, end - 3), end);
                    }
                });
        Run cubic = chain(c, BackendOptions.of("threads", "3"),
                HypercubicMetropolisKernel.KERNEL.withCpuGrain(5), 1.0, 2);
        Run cubicChunked = chain(c, BackendOptions.of("threads", "2", "scalar", "true"), raggedCubic, 1.0, 2);
        assertArrayEquals(one.field, cubic.field);
        assertArrayEquals(one.field, cubicChunked.field);
    }

    /**
     * In 3D and 4D a batch of the hypercubic fast path is several short rows (L = 10 and 6: rows of 5 and 3 sites),
     * so chunks of 3 items run back to front start and end inside rows and cut the row segments of a batch anywhere;
     * the chain is the scalar table kernel's bit for bit whatever the chunking.
     */
    @Test
    void hypercubicBatchesOfSeveralRowsDoNotDependOnChunking() {
        int[][] shapes = {{3, 10}, {4, 6}};
        Kernel ragged = HypercubicMetropolisKernel.KERNEL.withCpuBody((args, from, to) -> {
                    for (long end = to; end > from; end -= 3) {
                        VectorMetropolis.runHypercubic(args, Math.max(from, end - 3), end);
                    }
                });
        for (int[] shape : shapes) {
            Couplings c = HomogeneousTheory.fromMassAndLambda(shape[0], -0.5, 0.7)
                    .couplings(new Lattice(shape[0], shape[1]));
            Run reference = chain(c, BackendOptions.of("threads", "2", "scalar", "true"),
                    MetropolisKernel.KERNEL, 1.0, 2);
            Run whole = chain(c, BackendOptions.of("threads", "1"), HypercubicMetropolisKernel.KERNEL, 1.0, 2);
            Run chunked = chain(c, BackendOptions.of("threads", "2", "scalar", "true"), ragged, 1.0, 2);
            String where = "d=" + shape[0] + " L=" + shape[1];
            assertArrayEquals(reference.field, whole.field, where);
            assertArrayEquals(reference.field, chunked.field, where + " chunked");
            assertEquals(reference.accepted, whole.accepted, where);
            assertEquals(reference.accepted, chunked.accepted, where + " chunked");
        }
    }

    /**
     * The overrelaxation fast path against its reference body, bit for bit, alternating with Metropolis sweeps so the
     * field moves: 2D homogeneous (L = 10 short batches, L = 64 whole groups of shared blocks) and 3D with
     * site-dependent couplings, a linear term, diagonal couplings (parity classes) and sites with a = 0, which both
     * leave alone.
     */
    @Test
    void overrelaxationFastPathRunsTheReferenceChain() {
        Couplings[] theories = {
                HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 10)),
                HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 64)),
                inhomogeneous3d(5, true, false),
                inhomogeneous3d(5, true, true)};
        for (Couplings c : theories) {
            double[][] reference = overrelaxed(c, BackendOptions.of("threads", "2", "scalar", "true"));
            double[][] fast = overrelaxed(c, BackendOptions.of("threads", "2"));
            assertArrayEquals(reference[0], fast[0], "field");
            assertArrayEquals(reference[1], fast[1], "acceptances");
            double mean = Arrays.stream(reference[1]).average().orElseThrow();
            assertTrue(mean > 0.2 && mean < 1.0, "overrelaxation that is sometimes rejected, acceptance " + mean);
        }
    }

    /**
     * The heat-bath fast path ({@link VectorMetropolis#runHeatBath}) against its reference body, bit for bit, with one
     * attempt per site (rejections keep the old value) and three (attempts after a rejection): 2D with a linear term
     * and L = 10, 34 (batches that end part-way through vectors and Philox calls), 64, and 3D with site-dependent
     * couplings and a linear term, with and without diagonal couplings (parity classes).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void heatBathFastPathRunsTheReferenceChain(int tries) {
        assertTrue(HeatBathKernel.KERNEL.hasCpuFastPath());
        Couplings[] theories = {withLinear(new Lattice(2, 10)), withLinear(new Lattice(2, 34)),
                withLinear(new Lattice(2, 64)), inhomogeneous3d(5, false, false), inhomogeneous3d(5, false, true)};
        for (Couplings c : theories) {
            double[][] reference = heatBath(c, tries, BackendOptions.of("threads", "2", "scalar", "true"));
            double[][] fast = heatBath(c, tries, BackendOptions.of("threads", "2"));
            String where = c.lattice().dim() + "D L=" + c.lattice().size() + " tries=" + tries;
            assertArrayEquals(reference[0], fast[0], "field " + where);
            assertArrayEquals(reference[1], fast[1], "acceptances " + where);
            double mean = Arrays.stream(reference[1]).average().orElseThrow();
            assertTrue(mean > 0.2 && mean < 1.0, "a heat bath that sometimes rejects, acceptance " + mean);
        }
    }

    /** m^2 = 0.5, lambda = 3 (a heat bath rejecting often), h_x = 0.8 sin(0.9 x). */
    private static Couplings withLinear(Lattice l) {
        double[] h = new double[l.volume()];
        for (int x = 0; x < h.length; x++) {
            h[x] = 0.8 * Math.sin(0.9 * x);
        }
        return HomogeneousTheory.fromMassAndLambda(l.dim(), 0.5, 3.0).couplings(l).withLinear(h);
    }

    /** 20 heat-bath sweeps: the field and each sweep's acceptance. */
    private static double[][] heatBath(Couplings c, int tries, BackendOptions options) {
        try (Backend backend = Backends.named("cpu", options);
             DeviceCouplings dc = new DeviceCouplings(backend, c);
             LatticeField f = new LatticeField(backend, start(c))) {
            HeatBath heatBath = new HeatBath(dc, tries);
            double[] acceptance = new double[20];
            for (int s = 0; s < acceptance.length; s++) {
                acceptance[s] = heatBath.apply(f, 29, s);
            }
            return new double[][]{f.snapshot(), acceptance};
        }
    }

    /** 20 rounds of one overrelaxation sweep and one Metropolis sweep: the field and each overrelaxation acceptance. */
    private static double[][] overrelaxed(Couplings c, BackendOptions options) {
        try (Backend backend = Backends.named("cpu", options);
             DeviceCouplings dc = new DeviceCouplings(backend, c);
             LatticeField f = new LatticeField(backend, start(c))) {
            Overrelaxation over = new Overrelaxation(dc);
            Metropolis metropolis = new Metropolis(dc, 0.9, 1);
            double[] acceptance = new double[20];
            for (int s = 0; s < acceptance.length; s++) {
                acceptance[s] = over.apply(f, 23, 2L * s);
                metropolis.apply(f, 23, 2L * s + 1);
            }
            return new double[][]{f.snapshot(), acceptance};
        }
    }

    /** The start field of the chains: {@code phi_x = sin(0.7 x)}. */
    private static double[] start(Couplings c) {
        double[] start = new double[c.lattice().volume()];
        for (int x = 0; x < start.length; x++) {
            start[x] = Math.sin(0.7 * x);
        }
        return start;
    }

    private static void assertSameChain(Couplings c, double delta, int hits) {
        Run reference = chain(c, BackendOptions.of("threads", "2", "scalar", "true"),
                MetropolisKernel.KERNEL, delta, hits);
        Run fast = chain(c, BackendOptions.of("threads", "2"), MetropolisKernel.KERNEL, delta, hits);
        assertEquals(reference.accepted, fast.accepted, "accepted hits");
        for (int x = 0; x < reference.field.length; x++) {
            assertEquals(reference.field[x], fast.field[x], "site " + x);
        }
        double acceptance = reference.accepted / ((double) SWEEPS * hits * c.lattice().volume());
        assertTrue(acceptance > 0.2 && acceptance < 0.9, "a chain that really moves, acceptance " + acceptance);
    }

    private record Run(double[] field, double accepted) {
    }

    private static Run chain(Couplings c, BackendOptions options, Kernel kernel, double delta, int hits) {
        try (Backend backend = Backends.named("cpu", options);
             DeviceCouplings dc = new DeviceCouplings(backend, c);
             LatticeField f = new LatticeField(backend, start(c))) {
            double accepted = 0;
            for (int s = 0; s < SWEEPS; s++) {
                double rate = kernel.name().equals(HypercubicMetropolisKernel.KERNEL.name())
                        ? Checkerboard.sweepHypercubic(dc, f, kernel, 17, s, delta, hits)
                        : Checkerboard.sweep(dc, f, kernel, MetropolisKernel.TABLES, MetropolisKernel.LINEAR, 17, s,
                                hits,
                                a -> a.set(MetropolisKernel.DELTA, delta).set(MetropolisKernel.HITS, hits));
                accepted += rate * hits * c.lattice().volume();
            }
            return new Run(f.snapshot(), Math.rint(accepted));
        }
    }
}
