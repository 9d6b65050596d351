package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.engine.kernel.Kernel;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.measure.Observables;
import org.nnft.lattice.run.MarkovChain;
import org.nnft.lattice.support.FreeField;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * The float32 Metropolis path ({@link SingleMetropolisKernel}) against the same exact results as the double one:
 * the free field's exact lattice propagator (moments, action density and time-slice correlator) and, for an
 * interacting theory, the double-precision chain; plus its determinism (by seed and precision, never threads or
 * chunking) and its float32 storage. Tolerances: 5 standard errors plus the rounding bound of docs/physics.md, a
 * relative {@value #ROUNDING} of the observable (the float rounding of the local action differences biases the
 * stationary distribution by about 1e-6 relative; the bound is 100 times that).
 */
class SinglePrecisionMetropolisTest {
    /** The stated rounding bound of single-precision observables, relative (docs/physics.md). */
    static final double ROUNDING = 1e-4;
    private static final Lattice LATTICE = new Lattice(2, 8);

    private static MeasurementSeries run(Backend backend, Couplings couplings, Precision precision, long seed,
                                         int thermalize, int measurements) {
        try (DeviceCouplings dc = new DeviceCouplings(backend, couplings);
             LatticeField field = new LatticeField(backend, new double[couplings.lattice().volume()], precision)) {
            MarkovChain chain = new MarkovChain(field, Schedule.builder().then(new Metropolis(dc, 1.0, 2)).build(),
                    new Observables(new Phi4Action(couplings)), seed, thermalize, 1);
            chain.runUntil(thermalize + (long) measurements);
            return chain.series();
        }
    }

    @Test
    void freeFieldMatchesTheExactPropagator() {
        double kappa = 1.0;
        double a = 2.25;                                   // mu^2 = 0.5
        FreeField exact = new FreeField(LATTICE, kappa, a);
        MeasurementSeries s;
        try (Backend cpu = Backends.named("cpu")) {
            s = run(cpu, Couplings.homogeneous(LATTICE, kappa, a, 0.0), Precision.SINGLE, 11, 200, 3200);
        }
        agrees("<phi^2>", s.estimate("phi2"), exact.phi2());
        agrees("<S>/V", s.estimate("action"), 0.5);
        agrees("<m^2>", s.estimate("m2"), exact.m2());
        for (int t = 0; t <= 2; t++) {
            agrees("C(" + t + ")", s.estimate("C" + t), exact.correlator(t));
        }
    }

    /**
     * An interacting theory (the broken-symmetry side of the lattice workload's couplings, small volume): single and
     * double chains of different seeds agree on phi^2, phi^4 and |m| within their combined errors plus the bound.
     */
    @Test
    void interactingTheoryAgreesWithDoublePrecision() {
        Couplings c = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(LATTICE);
        try (Backend cpu = Backends.named("cpu")) {
            MeasurementSeries single = run(cpu, c, Precision.SINGLE, 5, 200, 4000);
            MeasurementSeries dbl = run(cpu, c, Precision.DOUBLE, 6, 200, 4000);
            for (String o : new String[]{"phi2", "phi4", "absM", "action"}) {
                Estimate es = single.estimate(o);
                Estimate ed = dbl.estimate(o);
                double combined = Math.hypot(es.error(), ed.error());
                assertAgrees("single vs double " + o, new Estimate(es.value(), combined, es.tauInt()), ed.value(), 5,
                        ROUNDING * Math.abs(ed.value()));
            }
        }
    }

    private static void agrees(String what, Estimate e, double exact) {
        assertAgrees("single precision " + what, e, exact, 5, ROUNDING * Math.abs(exact));
    }

    /** A float32 chain: stored values are floats; the same seed gives the same chain whatever the threads. */
    @Test
    void deterministicBySeedAndPrecisionNotThreads() {
        Couplings c = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 16));
        double[] one = field(c, BackendOptions.of("threads", "1"), Precision.SINGLE, 3);
        double[] two = field(c, BackendOptions.of("threads", "2"), Precision.SINGLE, 3);
        assertArrayEquals(one, two);
        for (double v : one) {
            assertEquals(v, (float) v, 0.0, "stored in float32");
        }
        assertNotEquals(one[0], field(c, BackendOptions.of("threads", "2"), Precision.SINGLE, 4)[0]);
        double[] dbl = field(c, BackendOptions.of("threads", "2"), Precision.DOUBLE, 3);
        boolean differs = false;
        for (int x = 0; x < dbl.length; x++) {
            differs |= dbl[x] != one[x];
        }
        assertTrue(differs, "double and single precision are different chains");
    }

    private static double[] field(Couplings c, BackendOptions options, Precision precision, long seed) {
        return field(c, options, precision, seed, 3);
    }

    private static double[] field(Couplings c, BackendOptions options, Precision precision, long seed, int hits) {
        try (Backend cpu = Backends.named("cpu", options);
             DeviceCouplings dc = new DeviceCouplings(cpu, c);
             LatticeField f = new LatticeField(cpu, start(c.lattice()), precision)) {
            Metropolis m = new Metropolis(dc, 0.9, hits);
            for (int s = 0; s < 20; s++) {
                m.apply(f, seed, s);
            }
            return f.snapshot();
        }
    }

    private static double[] start(Lattice l) {
        double[] start = new double[l.volume()];
        for (int x = 0; x < start.length; x++) {
            start[x] = Math.sin(0.7 * x);
        }
        return start;
    }

    /**
     * The Vector API fast path ({@link VectorSingleMetropolis}) against the scalar reference body, bit for bit, in 2D,
     * 3D and 4D, with one and several hits, on lattices whose colours fill part of a batch or several batches.
     */
    @Test
    void fastPathIsTheReferenceBitForBit() {
        assertTrue(SingleMetropolisKernel.KERNEL.hasCpuFastPath());
        int[][] shapes = {{2, 6}, {2, 34}, {2, 32}, {3, 4}, {4, 4}};
        for (int[] shape : shapes) {
            Couplings c = HomogeneousTheory.fromMassAndLambda(shape[0], -0.5, 0.7)
                    .couplings(new Lattice(shape[0], shape[1]));
            for (int hits : new int[]{1, 3}) {
                double[] fast = field(c, BackendOptions.of("threads", "2", "scalar", "false"), Precision.SINGLE, 9,
                        hits);
                double[] scalar = field(c, BackendOptions.of("threads", "2", "scalar", "true"), Precision.SINGLE, 9,
                        hits);
                assertArrayEquals(scalar, fast, "d=" + shape[0] + " L=" + shape[1] + " hits=" + hits);
            }
        }
    }

    /**
     * The fast path equals the reference bit for bit on 2D rows of whole groups of 32 work items (L a multiple of
     * 64), where one Philox call feeds two lanes per block and the words become floats a vector at a time.
     */
    @Test
    void fastPathIsTheReferenceBitForBitOnRowsOfWholeGroups() {
        for (int size : new int[]{64, 128}) {
            Couplings c = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, size));
            for (int hits : new int[]{1, 3}) {
                double[] fast = field(c, BackendOptions.of("threads", "2", "scalar", "false"), Precision.SINGLE, 5,
                        hits);
                double[] scalar = field(c, BackendOptions.of("threads", "2", "scalar", "true"), Precision.SINGLE, 5,
                        hits);
                assertArrayEquals(scalar, fast, "L=" + size + " hits=" + hits);
            }
        }
    }

    /** Running the work items in two chunks in reverse order gives the same field as one launch. */
    @Test
    void resultDoesNotDependOnChunking() {
        Couplings c = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7).couplings(new Lattice(2, 8));
        Kernel reversed = SingleMetropolisKernel.KERNEL.withCpuBody((args, from, to) -> {
            long mid = (from + to) / 2;
            SingleMetropolisKernel.run(args, mid, to);
            SingleMetropolisKernel.run(args, from, mid);
        });
        try (Backend cpu = Backends.named("cpu");
             DeviceCouplings dc = new DeviceCouplings(cpu, c);
             LatticeField whole = new LatticeField(cpu, start(c.lattice()), Precision.SINGLE);
             LatticeField chunked = new LatticeField(cpu, start(c.lattice()), Precision.SINGLE)) {
            for (int s = 0; s < 5; s++) {
                Checkerboard.sweepSingle(dc, whole, 4, s, 0.8, 2);
                Checkerboard.sweepSingle(dc, chunked, reversed, 4, s, 0.8, 2);
            }
            assertArrayEquals(whole.snapshot(), chunked.snapshot());
        }
    }
}
