package org.nnft.lattice.run;

import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.measure.Observables;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Schedule;
import org.nnft.lattice.update.StreamMap;
import org.nnft.lattice.update.Update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Markov chain: field, schedule, seed and counters. One sweep applies the schedule once; the first
 * {@code thermalize} sweeps adapt tunable step sizes and are not measured; afterwards every
 * {@code measureEvery}-th sweep appends the {@link Observables} plus one {@code acc_<update>} acceptance per
 * distinct update (mean over its applications in that sweep) to the series. The random start is
 * {@code phi_x = 2 u - 1}, u = uniformDouble(seed, {@link StreamMap#INITIAL}, x).
 * The chain is a pure function of (seed, schedule, couplings), so {@link #state()} / {@link #restore}
 * resume it bit for bit.
 */
public final class MarkovChain {
    private final LatticeField field;
    private final Schedule schedule;
    private final List<Update> distinct;
    private final Observables observables;
    private final MeasurementSeries series;
    private final long seed;
    private final int thermalize;
    private final int measureEvery;
    private long sweep;
    private long step;
    private MeasurementListener listener;

    /** Told each measurement's index (in the series) and the field then (a host copy). */
    @FunctionalInterface
    public interface MeasurementListener {
        void measured(long index, double[] field);
    }

    public MarkovChain(LatticeField field, Schedule schedule, Observables observables, long seed,
                       int thermalize, int measureEvery) {
        if (thermalize < 0) {
            throw new IllegalArgumentException("thermalize must be >= 0, got " + thermalize);
        }
        if (measureEvery < 1) {
            throw new IllegalArgumentException("measureEvery must be >= 1, got " + measureEvery);
        }
        this.field = field;
        this.schedule = schedule;
        this.distinct = schedule.distinct();
        this.observables = observables;
        this.seed = seed;
        this.thermalize = thermalize;
        this.measureEvery = measureEvery;
        List<String> names = new ArrayList<>(observables.names());
        for (Update u : distinct) {
            names.add("acc_" + u.name());
        }
        this.series = new MeasurementSeries(names);
        double[] start = new double[field.volume()];
        for (int x = 0; x < start.length; x++) {
            start[x] = 2.0 * RandomStreams.uniformDouble(seed, StreamMap.INITIAL, x) - 1.0;
        }
        field.set(start);
    }

    /** Runs until {@code totalSweeps} sweeps (thermalisation included) have been done. */
    public void runUntil(long totalSweeps) {
        double[] accSum = new double[distinct.size()];
        int[] accCount = new int[distinct.size()];
        while (sweep < totalSweeps) {
            Arrays.fill(accSum, 0.0);
            Arrays.fill(accCount, 0);
            boolean thermalising = sweep < thermalize;
            for (Update u : schedule.sequence()) {
                double acc = u.apply(field, seed, step++);
                if (thermalising) {
                    u.adapt(acc);
                }
                int i = distinct.indexOf(u);
                accSum[i] += acc;
                accCount[i]++;
            }
            sweep++;
            if (sweep > thermalize && (sweep - thermalize) % measureEvery == 0) {
                double[] phi = field.host();
                double[] obs = observables.measure(phi);
                double[] row = Arrays.copyOf(obs, obs.length + distinct.size());
                for (int i = 0; i < distinct.size(); i++) {
                    row[obs.length + i] = accSum[i] / accCount[i];
                }
                series.add(row);
                if (listener != null) {
                    listener.measured(series.size() - 1, phi);
                }
            }
        }
    }

    /** Sets the listener told of every measurement (null: none); it never changes the chain. */
    public void onMeasurement(MeasurementListener l) {
        this.listener = l;
    }

    public long sweep() {
        return sweep;
    }

    public MeasurementSeries series() {
        return series;
    }

    public LatticeField field() {
        return field;
    }

    /** A snapshot of the complete state. */
    public ChainState state() {
        double[] tunings = new double[distinct.size()];
        for (int i = 0; i < tunings.length; i++) {
            tunings[i] = distinct.get(i).tuning();
        }
        return new ChainState(seed, sweep, step, field.snapshot(), tunings, series.names(), series.rows());
    }

    /** Restores a snapshot taken from a chain with the same seed, schedule and lattice. */
    public void restore(ChainState s) {
        if (s.seed() != seed) {
            throw new IllegalArgumentException("checkpoint seed " + s.seed() + " differs from chain seed " + seed);
        }
        if (!s.names().equals(series.names()) || s.tunings().length != distinct.size()) {
            throw new IllegalArgumentException("checkpoint was written by a chain with another schedule or lattice");
        }
        if (series.size() != 0 || sweep != 0) {
            throw new IllegalStateException("restore into a fresh chain only");
        }
        field.set(s.field());
        for (int i = 0; i < distinct.size(); i++) {
            distinct.get(i).restoreTuning(s.tunings()[i]);
        }
        for (double[] row : s.rows()) {
            series.add(row);
        }
        sweep = s.sweep();
        step = s.step();
    }
}
