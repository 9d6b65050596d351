package org.nnft.lattice.support;

import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.measure.Observables;
import org.nnft.lattice.run.MarkovChain;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.HeatBath;
import org.nnft.lattice.update.Hmc;
import org.nnft.lattice.update.Integrator;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
import org.nnft.lattice.update.Overrelaxation;
import org.nnft.lattice.update.Schedule;
import org.nnft.lattice.update.SwendsenWang;
import org.nnft.lattice.update.Update;
import org.nnft.lattice.update.WolffClusters;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: builds and runs chains with the named schedules on the CPU backend. */
public final class Chains implements AutoCloseable {
    public final Backend backend = Backends.named("cpu");
    public final Couplings couplings;
    public final Phi4Action action;
    public final DeviceCouplings device;

    public Chains(Couplings couplings) {
        this.couplings = couplings;
        this.action = new Phi4Action(couplings);
        this.device = new DeviceCouplings(backend, couplings);
    }

    /** Named schedules used across the tests. */
    public Schedule schedule(String name) {
        return switch (name) {
            case "metropolis" -> Schedule.builder().then(new Metropolis(device, 1.0, 2)).build();
            case "metropolis+or" -> Schedule.builder().then(new Metropolis(device, 1.0, 1))
                    .then(new Overrelaxation(device)).build();
            case "heatbath" -> Schedule.builder().then(new HeatBath(device, 4)).build();
            case "metropolis+wolff" -> Schedule.builder().then(new Metropolis(device, 1.0, 1))
                    .then(new Overrelaxation(device)).then(new WolffClusters(couplings, 3)).build();
            case "metropolis+sw" -> Schedule.builder().then(new Metropolis(device, 1.0, 1))
                    .then(new SwendsenWang(couplings)).build();
            case "hmc-leapfrog" -> Schedule.builder().then(new Hmc(action, Integrator.LEAPFROG, 1.0, 10)).build();
            case "hmc-omelyan" -> Schedule.builder().then(new Hmc(action, Integrator.OMELYAN, 1.0, 5)).build();
            default -> throw new IllegalArgumentException(name);
        };
    }

    public MarkovChain chain(Schedule schedule, long seed, int thermalize, int measureEvery) {
        return chain(schedule, seed, thermalize, measureEvery, Precision.DOUBLE);
    }

    /** {@link #chain(Schedule, long, int, int)} with the field in {@code precision}. */
    public MarkovChain chain(Schedule schedule, long seed, int thermalize, int measureEvery, Precision precision) {
        LatticeField field = new LatticeField(backend, new double[couplings.lattice().volume()], precision);
        return new MarkovChain(field, schedule, new Observables(action), seed, thermalize, measureEvery);
    }

    /** Runs {@code thermalize + measurements * every} sweeps and returns the series. */
    public MeasurementSeries run(String schedule, long seed, int thermalize, int measurements, int every) {
        MarkovChain c = chain(schedule(schedule), seed, thermalize, every);
        c.runUntil(thermalize + (long) measurements * every);
        return c.series();
    }

    /**
     * Series of an Ising-limit chain (phi = +-1, a = -2b, b = 1, kappa = beta) updated by the cluster update
     * {@code update} alone, started from the signs of the random start.
     */
    public static MeasurementSeries ising(Lattice lattice, double beta, Function<Couplings, Update> update, long seed,
                                          int thermalize, int measurements) {
        HomogeneousTheory ising = HomogeneousTheory.isingLimit(beta, 1.0, 1.0);
        try (Chains ch = new Chains(ising.couplings(lattice))) {
            MarkovChain chain = ch.chain(Schedule.builder().then(update.apply(ch.couplings)).build(), seed,
                    thermalize, 1);
            double[] spins = chain.field().snapshot();
            for (int x = 0; x < spins.length; x++) {
                spins[x] = spins[x] >= 0 ? 1.0 : -1.0;
            }
            chain.field().set(spins);
            chain.runUntil(thermalize + (long) measurements);
            return chain.series();
        }
    }

    /** Asserts |estimate - exact| <= k sigma (sigma: statistical error, plus {@code systematic}). */
    public static void assertAgrees(String what, Estimate e, double exact, double k, double systematic) {
        double tol = k * e.error() + systematic;
        assertTrue(Math.abs(e.value() - exact) <= tol,
                what + ": " + e.value() + " +- " + e.error() + " (tau_int " + e.tauInt() + ") vs " + exact
                        + ", tolerance " + tol);
        assertTrue(e.error() > 0, what + ": zero error means the test could not fail");
    }

    /** Runs {@code f} for the fixture and closes it. */
    public static <T> T with(Couplings c, Function<Chains, T> f) {
        try (Chains ch = new Chains(c)) {
            return f.apply(ch);
        }
    }

    @Override
    public void close() {
        device.close();
        backend.close();
    }
}
