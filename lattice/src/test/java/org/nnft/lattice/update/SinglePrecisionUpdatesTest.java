package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.engine.kernel.CpuKernel;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.Param;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.run.MarkovChain;
import org.nnft.lattice.support.Chains;
import org.nnft.lattice.support.FreeField;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * The float32 heat bath, overrelaxation and table Metropolis ({@code KERNEL_SINGLE} of {@link HeatBathKernel},
 * {@link OverrelaxationKernel}, {@link MetropolisKernel}) against exact results: the free field's lattice propagator
 * (homogeneous, and with diagonal couplings and a linear term, which take the table kernels), and the
 * integration-by-parts identities of an interacting theory with inhomogeneous h and diagonal weights. Tolerances: 5
 * standard errors plus the rounding bound of docs/physics.md B.2 ({@link SinglePrecisionMetropolisTest#ROUNDING},
 * relative). Also: the single kernels draw the double kernels' random numbers (one sweep from the same start gives the
 * double field to float accuracy) and do not depend on chunking.
 */
class SinglePrecisionUpdatesTest {
    private static final Lattice LATTICE = new Lattice(2, 8);
    private static final double ROUNDING = SinglePrecisionMetropolisTest.ROUNDING;

    private static MeasurementSeries single(Couplings c, String schedule, long seed) {
        return Chains.with(c, ch -> {
            MarkovChain chain = ch.chain(ch.schedule(schedule), seed, 200, 1, Precision.SINGLE);
            chain.runUntil(200 + 3200L);
            return chain.series();
        });
    }

    private static void agrees(String what, MeasurementSeries s, String observable, double exact) {
        assertAgrees("single precision " + what, s.estimate(observable), exact, 5, ROUNDING * Math.abs(exact));
    }

    /** Free field, mu^2 = 0.5 (kappa = 1, a = 2.25): the heat bath draws exactly, overrelaxation always accepts. */
    @ParameterizedTest
    @ValueSource(strings = {"heatbath", "metropolis+or"})
    void freeFieldMatchesTheExactPropagator(String schedule) {
        FreeField exact = new FreeField(LATTICE, 1.0, 2.25);
        MeasurementSeries s = single(Couplings.homogeneous(LATTICE, 1.0, 2.25, 0.0), schedule, 11);
        agrees(schedule + " <phi^2>", s, "phi2", exact.phi2());
        agrees(schedule + " <S>/V", s, "action", 0.5);
        agrees(schedule + " <m^2>", s, "m2", exact.m2());
        for (int t = 0; t <= 2; t++) {
            agrees(schedule + " C(" + t + ")", s, "C" + t, exact.correlator(t));
        }
    }

    /**
     * Free field with diagonal weight 0.25 and linear term h = 0.1 (M(0) = 0.5; inhomogeneous tables, so every local
     * update runs its table kernel in float): mean h/M(0), shifted moments and correlator (as GeneralActionChainTest).
     */
    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath"})
    void freeFieldWithDiagonalCouplingsAndLinearTerm(String schedule) {
        double h = 0.1;
        FreeField exact = new FreeField(LATTICE, 1.0, 0.25, 2.75);
        double mean = exact.mean(h);
        MeasurementSeries s = single(Couplings.homogeneous(LATTICE, 1.0, 2.75, 0.0).withUniform(h, 0.25), schedule,
                13);
        agrees(schedule + " <m>", s, "m", mean);
        agrees(schedule + " <phi^2>", s, "phi2", exact.phi2() + mean * mean);
        agrees(schedule + " <m^2>", s, "m2", exact.m2() + mean * mean);
        agrees(schedule + " <S>/V", s, "action", 0.5 - 0.5 * h * mean);
        for (int t = 0; t <= 2; t++) {
            agrees(schedule + " C(" + t + ")", s, "C" + t,
                    exact.correlator(t) + (double) LATTICE.volume() / LATTICE.size() * mean * mean);
        }
    }

    /** mu^2 = 0.5, lambda = 0.7, site-dependent h and diagonal weights. */
    private static Couplings interacting() {
        Couplings c = HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.7).couplings(LATTICE);
        double[] h = new double[LATTICE.volume()];
        for (int x = 0; x < h.length; x++) {
            h[x] = 0.8 * Math.sin(0.9 * x);
        }
        double[] v = new double[LATTICE.volume() * LATTICE.diagonalsPerSite()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.15 + 0.1 * Math.cos(1.3 * i);
        }
        return c.withLinear(h).withDiagonal(v);
    }

    /** The exact identities {@code <2 S2 + 4 S4 + S1>/V = 1} and {@code <phi dS/dphi> = 1} in single precision. */
    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath"})
    void integrationByPartsIdentitiesWithInhomogeneousCouplings(String schedule) {
        MeasurementSeries s = single(interacting(), schedule, 5);
        double[] s2 = s.column("s2");
        double[] s4 = s.column("s4");
        double[] s1 = s.column("s1");
        double[] sum = new double[s2.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = 2 * s2[i] + 4 * s4[i] + s1[i];
        }
        assertAgrees(schedule + " single <2 S2 + 4 S4 + S1>/V", ErrorAnalysis.mean(sum), 1.0, 5, ROUNDING);
        assertAgrees(schedule + " single <phi dS/dphi>", s.estimate("phiDs"), 1.0, 5, ROUNDING);
    }

    private static double[] start(Lattice l) {
        double[] start = new double[l.volume()];
        for (int x = 0; x < start.length; x++) {
            start[x] = Math.sin(0.7 * x);
        }
        return start;
    }

    /** The field after {@code sweeps} applications of {@code update} from {@link #start}, in {@code precision}. */
    private static double[] field(Couplings c, Function<DeviceCouplings, Update> update, Precision precision,
                                  int sweeps) {
        try (Backend cpu = Backends.named("cpu");
             DeviceCouplings dc = new DeviceCouplings(cpu, c);
             LatticeField f = new LatticeField(cpu, start(c.lattice()), precision)) {
            Update u = update.apply(dc);
            for (int s = 0; s < sweeps; s++) {
                u.apply(f, 3, s);
            }
            return f.snapshot();
        }
    }

    /**
     * The same Philox words as the double update: one sweep from the same start moves every site to within float
     * rounding of the double sweep's value (another draw would differ by O(1)); an accept decision flips with
     * probability ~1e-7 per site, none here (deterministic).
     */
    @Test
    void oneSweepDrawsTheDoubleUpdatesRandomNumbers() {
        Couplings homogeneous = HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.7).couplings(LATTICE);
        for (Couplings c : new Couplings[]{homogeneous, interacting()}) {
            for (String name : new String[]{"heatbath", "overrelax", "metropolis"}) {
                Function<DeviceCouplings, Update> u = switch (name) {
                    case "heatbath" -> dc -> new HeatBath(dc, 4);
                    case "overrelax" -> Overrelaxation::new;
                    default -> dc -> new Metropolis(dc, 0.9, 3);
                };
                double[] s = field(c, u, Precision.SINGLE, 1);
                double[] d = field(c, u, Precision.DOUBLE, 1);
                double[] s0 = start(LATTICE);
                int moved = 0;
                for (int x = 0; x < d.length; x++) {
                    assertEquals(d[x], s[x], 1e-5 * (1 + Math.abs(d[x])), name + " site " + x);
                    moved += Math.abs(d[x] - s0[x]) > 1e-3 ? 1 : 0;
                }
                assertTrue(moved > d.length / 4, name + " moved " + moved + " sites");
            }
        }
    }

    /**
     * The float overrelaxation fast path ({@link VectorSingleMetropolis#runOverrelaxation}, the CPU default) against
     * its Java twin ({@code scalar=true}), bit for bit, alternating with Metropolis sweeps so the field moves: 2D
     * homogeneous with L = 10 and 34 (batches that end part-way through float vectors, Philox calls and groups), 64
     * and 128 (whole groups of shared blocks), and 3D with site-dependent couplings, a linear term, sites with a = 0
     * (left alone) and diagonal couplings (parity classes, whose pair indices are not consecutive).
     */
    @Test
    void overrelaxationFastPathIsTheTwinBitForBit() {
        assertTrue(OverrelaxationKernel.KERNEL_SINGLE.hasCpuFastPath());
        Couplings[] theories = {
                HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 10)),
                HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 34)),
                HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 64)),
                HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 128)),
                VectorMetropolisTest.inhomogeneous3d(5, true, false),
                VectorMetropolisTest.inhomogeneous3d(5, true, true)};
        for (Couplings c : theories) {
            double[][] twin = overrelaxed(c, BackendOptions.of("threads", "2", "scalar", "true"));
            double[][] fast = overrelaxed(c, BackendOptions.of("threads", "2"));
            String where = c.lattice().dim() + "D L=" + c.lattice().size();
            assertArrayEquals(twin[0], fast[0], "field " + where);
            assertArrayEquals(twin[1], fast[1], "acceptances " + where);
            double mean = Arrays.stream(twin[1]).average().orElseThrow();
            assertTrue(mean > 0.2 && mean < 1.0, "overrelaxation that is sometimes rejected, acceptance " + mean);
        }
    }

    /** 20 rounds of one float overrelaxation sweep and one float Metropolis sweep: the field and each acceptance. */
    private static double[][] overrelaxed(Couplings c, BackendOptions options) {
        double[] start = new double[c.lattice().volume()];
        for (int x = 0; x < start.length; x++) {
            start[x] = Math.sin(0.7 * x);
        }
        try (Backend backend = Backends.named("cpu", options);
             DeviceCouplings dc = new DeviceCouplings(backend, c);
             LatticeField f = new LatticeField(backend, start, Precision.SINGLE)) {
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

    /**
     * The float table Metropolis fast path ({@link VectorSingleMetropolis#runTable}, the CPU default) against its Java
     * twin ({@code scalar=true}), bit for bit, with 1 and 3 hits: 2D with a site-dependent linear term and L = 10, 34
     * (batches that end part-way through float vectors, Philox calls and groups), 64 and 128 (whole groups of shared
     * blocks), with diagonal couplings (parity classes, a block per site), and 3D with site-dependent couplings, a
     * linear term and diagonal couplings off and on.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void tableMetropolisFastPathIsTheTwinBitForBit(int hits) {
        assertTrue(MetropolisKernel.KERNEL_SINGLE.hasCpuFastPath());
        Couplings[] theories = {
                withLinear(new Lattice(2, 10)), withLinear(new Lattice(2, 34)), withLinear(new Lattice(2, 64)),
                withLinear(new Lattice(2, 128)), interacting(),
                VectorMetropolisTest.inhomogeneous3d(5, false, false),
                VectorMetropolisTest.inhomogeneous3d(5, false, true)};
        for (Couplings c : theories) {
            double[][] twin = metropolis(c, hits, BackendOptions.of("threads", "2", "scalar", "true"));
            double[][] fast = metropolis(c, hits, BackendOptions.of("threads", "2"));
            String where = c.lattice().dim() + "D L=" + c.lattice().size() + " hits=" + hits;
            assertArrayEquals(twin[0], fast[0], "field " + where);
            assertArrayEquals(twin[1], fast[1], "acceptances " + where);
            double mean = Arrays.stream(twin[1]).average().orElseThrow();
            assertTrue(mean > 0.2 && mean < 0.9, "Metropolis that is sometimes rejected, acceptance " + mean);
        }
    }

    /** A mu^2 = -0.5, lambda = 0.7 theory on {@code l} with the linear term h_x = 0.3 sin(0.9 x). */
    private static Couplings withLinear(Lattice l) {
        double[] h = new double[l.volume()];
        for (int x = 0; x < h.length; x++) {
            h[x] = 0.3 * Math.sin(0.9 * x);
        }
        return HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(l).withLinear(h);
    }

    /**
     * The float heat-bath fast path ({@link VectorSingleMetropolis#runHeatBath}, the CPU default) against its Java
     * twin ({@code scalar=true}), bit for bit, with one attempt per site and three: 2D with a site-dependent linear
     * term and L = 10, 34 (batches that end part-way through float vectors and Philox calls), 64 and 128, with
     * diagonal couplings (parity classes), and 3D with site-dependent couplings and a linear term, diagonal couplings
     * off and on.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void heatBathFastPathIsTheTwinBitForBit(int tries) {
        assertTrue(HeatBathKernel.KERNEL_SINGLE.hasCpuFastPath());
        Couplings[] theories = {
                heatBathTheory(new Lattice(2, 10)), heatBathTheory(new Lattice(2, 34)),
                heatBathTheory(new Lattice(2, 64)), heatBathTheory(new Lattice(2, 128)), interacting(),
                VectorMetropolisTest.inhomogeneous3d(5, false, false),
                VectorMetropolisTest.inhomogeneous3d(5, false, true)};
        for (Couplings c : theories) {
            double[][] twin = heatBath(c, tries, BackendOptions.of("threads", "2", "scalar", "true"));
            double[][] fast = heatBath(c, tries, BackendOptions.of("threads", "2"));
            String where = c.lattice().dim() + "D L=" + c.lattice().size() + " tries=" + tries;
            assertArrayEquals(twin[0], fast[0], "field " + where);
            assertArrayEquals(twin[1], fast[1], "acceptances " + where);
            double mean = Arrays.stream(twin[1]).average().orElseThrow();
            // One attempt rejects often (three then retry often), and three usually end in an acceptance
            assertTrue(mean > 0.2 && (tries > 1 || mean < 1.0), "a heat bath that rejects, acceptance " + mean);
        }
    }

    /** A m^2 = 0.5, lambda = 3 theory on {@code l} (a > 0, a heat bath that rejects often), h_x = 0.8 sin(0.9 x). */
    private static Couplings heatBathTheory(Lattice l) {
        double[] h = new double[l.volume()];
        for (int x = 0; x < h.length; x++) {
            h[x] = 0.8 * Math.sin(0.9 * x);
        }
        return HomogeneousTheory.fromMassAndLambda(2, 0.5, 3.0).couplings(l).withLinear(h);
    }

    /** 10 float heat-bath sweeps with {@code tries} attempts per site: the field and each acceptance. */
    private static double[][] heatBath(Couplings c, int tries, BackendOptions options) {
        try (Backend backend = Backends.named("cpu", options);
             DeviceCouplings dc = new DeviceCouplings(backend, c);
             LatticeField f = new LatticeField(backend, start(c.lattice()), Precision.SINGLE)) {
            HeatBath heatBath = new HeatBath(dc, tries);
            double[] acceptance = new double[10];
            for (int s = 0; s < acceptance.length; s++) {
                acceptance[s] = heatBath.apply(f, 29, s);
            }
            return new double[][]{f.snapshot(), acceptance};
        }
    }

    /** 10 float table Metropolis sweeps with {@code hits} hits: the field and each acceptance. */
    private static double[][] metropolis(Couplings c, int hits, BackendOptions options) {
        try (Backend backend = Backends.named("cpu", options);
             DeviceCouplings dc = new DeviceCouplings(backend, c);
             LatticeField f = new LatticeField(backend, start(c.lattice()), Precision.SINGLE)) {
            Metropolis metropolis = new Metropolis(dc, 1.2, hits);
            double[] acceptance = new double[10];
            for (int s = 0; s < acceptance.length; s++) {
                acceptance[s] = metropolis.apply(f, 29, s);
            }
            return new double[][]{f.snapshot(), acceptance};
        }
    }

    /** Every single-precision table kernel run in two chunks in reverse order gives the field of one launch. */
    @Test
    void resultDoesNotDependOnChunking() {
        chunking(HeatBathKernel.KERNEL_SINGLE, HeatBathKernel::runSingle, HeatBathKernel.TABLES_SINGLE,
                HeatBathKernel.LINEAR_SINGLE, a -> a.set(HeatBathKernel.TRIES_SINGLE, 3));
        chunking(HeatBathKernel.KERNEL_SINGLE, VectorSingleMetropolis::runHeatBath, HeatBathKernel.TABLES_SINGLE,
                HeatBathKernel.LINEAR_SINGLE, a -> a.set(HeatBathKernel.TRIES_SINGLE, 3));
        chunking(OverrelaxationKernel.KERNEL_SINGLE, OverrelaxationKernel::runSingle,
                OverrelaxationKernel.TABLES_SINGLE, OverrelaxationKernel.LINEAR_SINGLE, a -> { });
        chunking(OverrelaxationKernel.KERNEL_SINGLE, VectorSingleMetropolis::runOverrelaxation,
                OverrelaxationKernel.TABLES_SINGLE, OverrelaxationKernel.LINEAR_SINGLE, a -> { });
        chunking(MetropolisKernel.KERNEL_SINGLE, MetropolisKernel::runSingle, MetropolisKernel.TABLES_SINGLE,
                MetropolisKernel.LINEAR_SINGLE, a -> a.set(MetropolisKernel.DELTA_SINGLE, 0.8)
                        .set(MetropolisKernel.HITS_SINGLE, 2));
        chunking(MetropolisKernel.KERNEL_SINGLE, VectorSingleMetropolis::runTable, MetropolisKernel.TABLES_SINGLE,
                MetropolisKernel.LINEAR_SINGLE, a -> a.set(MetropolisKernel.DELTA_SINGLE, 0.8)
                        .set(MetropolisKernel.HITS_SINGLE, 2));
    }

    private static void chunking(Kernel kernel, CpuKernel body, TableParams tables, Param.F64Buffer linear,
                                 Consumer<KernelArgs> own) {
        Kernel reversed = kernel.withCpuBody((args, from, to) -> {
            long mid = (from + to) / 2;
            body.run(args, mid, to);
            body.run(args, from, mid);
        });
        try (Backend cpu = Backends.named("cpu");
             DeviceCouplings dc = new DeviceCouplings(cpu, interacting());
             LatticeField whole = new LatticeField(cpu, start(LATTICE), Precision.SINGLE);
             LatticeField chunked = new LatticeField(cpu, start(LATTICE), Precision.SINGLE)) {
            for (int s = 0; s < 3; s++) {
                Checkerboard.sweep(dc, whole, kernel, tables, linear, 4, s, 1, own);
                Checkerboard.sweep(dc, chunked, reversed, tables, linear, 4, s, 1, own);
            }
            assertArrayEquals(whole.snapshot(), chunked.snapshot(), kernel.name());
        }
    }
}
