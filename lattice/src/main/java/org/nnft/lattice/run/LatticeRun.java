package org.nnft.lattice.run;

import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.ProgressListener;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.measure.Observables;
import org.nnft.lattice.measure.TimeSliceCorrelator;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.HeatBath;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
import org.nnft.lattice.update.Overrelaxation;
import org.nnft.lattice.update.Schedule;
import org.nnft.lattice.update.SwendsenWang;
import org.nnft.lattice.update.WolffClusters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a homogeneous theory on the backend it is given and returns the observables
 * {@code phi2, phi4, absM, m2, chi (= V <m^2>), binder (= 1 - <m^4>/(3<m^2>^2)), actionDensity, acceptance}
 * (acceptance of the first update of the schedule), each with Gamma-method error and tau_int,
 * plus the connected time-slice correlator with its effective mass and the measurement time series.
 * Optionally checkpoints atomically every few sweeps and resumes from a checkpoint; a resumed run gives
 * bit for bit the chain of an uninterrupted one.
 */
public final class LatticeRun {
    /** Sweeps between progress reports when no checkpoint interval is set. */
    private static final int REPORT_EVERY = 10;

    /**
     * Sweep composition: {@code metropolis} Metropolis sweeps (single hit, tuned), {@code heatBaths} heat-bath
     * sweeps, {@code overrelaxations} overrelaxation sweeps, {@code clusters} Wolff clusters,
     * {@code swendsenWang} Swendsen-Wang updates, in this order.
     */
    public record ScheduleSpec(int metropolis, int heatBaths, int overrelaxations, int clusters, int swendsenWang) {
        /**
         * The largest count of one update in a sweep: every count repeats an update object in the sweep's sequence,
         * and far more than any useful schedule (a Wolff count of a few per sweep, a handful of hits).
         */
        public static final int MAX_COUNT = 1000;

        public ScheduleSpec {
            if (metropolis < 0 || heatBaths < 0 || overrelaxations < 0 || clusters < 0 || swendsenWang < 0) {
                throw new IllegalArgumentException("algorithm: counts must be >= 0");
            }
            int most = Math.max(Math.max(metropolis, heatBaths), Math.max(Math.max(overrelaxations, clusters),
                    swendsenWang));
            if (most > MAX_COUNT) {
                throw new IllegalArgumentException("algorithm: counts must be <= " + MAX_COUNT + " per update, got "
                        + most);
            }
            if (metropolis + heatBaths + overrelaxations + clusters + swendsenWang == 0) {
                throw new IllegalArgumentException("algorithm: the schedule is empty");
            }
            if (metropolis + heatBaths == 0) {
                throw new IllegalArgumentException("algorithm: needs a Metropolis or heat-bath update"
                        + " (overrelaxation and clusters alone are not ergodic)");
            }
        }

        /** Without Swendsen-Wang updates. */
        public ScheduleSpec(int metropolis, int heatBaths, int overrelaxations, int clusters) {
            this(metropolis, heatBaths, overrelaxations, clusters, 0);
        }

        /**
         * Parses a schedule such as {@code "metropolis+overrelax+wolff:4"}: items joined by '+',
         * each {@code name} or {@code name:count}; names metropolis, heatbath, overrelax, wolff, sw.
         */
        public static ScheduleSpec parse(String text) {
            int m = 0, h = 0, o = 0, w = 0, sw = 0;
            for (String item : text.trim().toLowerCase(Locale.ROOT).split("\\+")) {
                String[] kv = item.trim().split(":");
                int n;
                try {
                    n = kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("algorithm: bad count in '" + item + "'");
                }
                if (n < 0 || n > MAX_COUNT) {
                    throw new IllegalArgumentException("algorithm: count in '" + item.trim() + "' must be in [0, "
                            + MAX_COUNT + "]");
                }
                switch (kv[0].trim()) {
                    case "metropolis" -> m += n;
                    case "heatbath" -> h += n;
                    case "overrelax", "overrelaxation" -> o += n;
                    case "wolff", "cluster", "clusters" -> w += n;
                    case "sw", "swendsen-wang" -> sw += n;
                    default -> throw new IllegalArgumentException("algorithm: unknown update '" + kv[0].trim()
                            + "' (known: metropolis, heatbath, overrelax, wolff, sw)");
                }
            }
            return new ScheduleSpec(m, h, o, w, sw);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            append(sb, "metropolis", metropolis);
            append(sb, "heatbath", heatBaths);
            append(sb, "overrelax", overrelaxations);
            append(sb, "wolff", clusters);
            append(sb, "sw", swendsenWang);
            return sb.toString();
        }

        private static void append(StringBuilder sb, String name, int n) {
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : "+").append(name).append(n == 1 ? "" : ":" + n);
            }
        }
    }

    /**
     * Run configuration; {@link #builder} gives the defaults. In {@link Precision#SINGLE} the field is float32 and the
     * Metropolis, heat-bath and overrelaxation sweeps run their float kernels
     * ({@link org.nnft.lattice.update.SingleMetropolisKernel} and the local updates' {@code KERNEL_SINGLE}); the
     * cluster updates (which only flip signs) run on it too.
     */
    public record Config(int dim, int size, HomogeneousTheory theory, ScheduleSpec schedule, int sweeps,
                         int thermalize, int measureEvery, long seed, Precision precision) {
        public Config {
            if (theory == null || schedule == null || precision == null) {
                throw new IllegalArgumentException("theory, schedule and precision must not be null");
            }
            if (sweeps < 1) {
                throw new IllegalArgumentException("sweeps must be >= 1, got " + sweeps);
            }
            if (thermalize < 0) {
                throw new IllegalArgumentException("thermalize must be >= 0, got " + thermalize);
            }
            if (measureEvery < 1) {
                throw new IllegalArgumentException("measureEvery must be >= 1, got " + measureEvery);
            }
            if (theory == null || schedule == null) {
                throw new IllegalArgumentException("theory and schedule must not be null");
            }
            theory.requireBoundedBelow(dim);
        }

        /** A double-precision run. */
        public Config(int dim, int size, HomogeneousTheory theory, ScheduleSpec schedule, int sweeps, int thermalize,
                      int measureEvery, long seed) {
            this(dim, size, theory, schedule, sweeps, thermalize, measureEvery, seed, Precision.DOUBLE);
        }

        /**
         * A builder for {@code theory} on the L^d torus with the command line's defaults: schedule
         * {@value Builder#DEFAULT_SCHEDULE}, 2000 measured and 200 thermalisation sweeps, a measurement every
         * sweep, seed 1.
         */
        public static Builder builder(int dim, int size, HomogeneousTheory theory) {
            return new Builder(dim, size, theory);
        }
    }

    /** Builds a {@link Config}; {@link #build()} checks it. */
    public static final class Builder {
        /** The default update schedule. */
        public static final String DEFAULT_SCHEDULE = "metropolis+overrelax+wolff:2";

        private final int dim;
        private final int size;
        private final HomogeneousTheory theory;
        private ScheduleSpec schedule = ScheduleSpec.parse(DEFAULT_SCHEDULE);
        private int sweeps = 2000;
        private int thermalize = 200;
        private int measureEvery = 1;
        private long seed = 1;
        private Precision precision = Precision.DOUBLE;

        private Builder(int dim, int size, HomogeneousTheory theory) {
            this.dim = dim;
            this.size = size;
            this.theory = theory;
        }

        public Builder schedule(ScheduleSpec s) {
            this.schedule = s;
            return this;
        }

        /** Measured sweeps (after thermalisation). */
        public Builder sweeps(int n) {
            this.sweeps = n;
            return this;
        }

        /** Discarded sweeps before the first measurement. */
        public Builder thermalize(int n) {
            this.thermalize = n;
            return this;
        }

        /** Sweeps between measurements. */
        public Builder measureEvery(int n) {
            this.measureEvery = n;
            return this;
        }

        /** Philox seed. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The field's precision (default {@link Precision#DOUBLE}). */
        public Builder precision(Precision p) {
            this.precision = p;
            return this;
        }

        public Config build() {
            return new Config(dim, size, theory, schedule, sweeps, thermalize, measureEvery, seed, precision);
        }
    }

    /**
     * Checkpointing, progress and cancellation.
     *
     * @param checkpoint      file to write the chain state to (null: none)
     * @param checkpointEvery sweeps between checkpoints
     * @param resume          checkpoint to continue from (null: start fresh)
     * @param progress        told the sweeps done (thermalisation included) of all sweeps (null: silent)
     * @param cancel          checked between chain segments (every checkpoint interval, else every
     *                        {@value #REPORT_EVERY} sweeps); when set the run throws
     *                        {@link org.nnft.engine.run.RunCancelledException} after writing its checkpoint
     *                        (null: never cancelled)
     * @param configs         keeps the measured configurations ({@link SavedConfigurations}; null: none)
     */
    public record Options(Path checkpoint, int checkpointEvery, Path resume, ProgressListener progress,
                          Cancellation cancel, SavedConfigurations configs) {
        public static final Options NONE = new Options(null, 0, null, null, null);

        public Options {
            if (checkpoint != null && checkpointEvery < 1) {
                throw new IllegalArgumentException("checkpoint-every must be >= 1 sweep, got " + checkpointEvery);
            }
            if (configs != null && resume != null) {
                throw new IllegalArgumentException("save-configs: a resumed chain lacks the configurations measured"
                        + " before its checkpoint; save them in one run");
            }
        }

        /** Without saved configurations. */
        public Options(Path checkpoint, int checkpointEvery, Path resume, ProgressListener progress,
                       Cancellation cancel) {
            this(checkpoint, checkpointEvery, resume, progress, cancel, null);
        }

        /** Without cancellation. */
        public Options(Path checkpoint, int checkpointEvery, Path resume, ProgressListener progress) {
            this(checkpoint, checkpointEvery, resume, progress, null);
        }
    }

    /**
     * Observables by name, the connected time-slice correlator {@code C(t)}, t = 0..L/2, and its effective mass
     * {@code m_eff(t)}, t = 1..L/2 (NaN where undefined; see {@link TimeSliceCorrelator}), the measurement series
     * they came from, and the sweeps done.
     */
    public record Result(Map<String, Estimate> observables, List<Estimate> correlator, List<Estimate> effectiveMass,
                         MeasurementSeries series, long sweepsDone) {
        /** The observable of that name (see the class comment); throws, naming the known ones, for another. */
        public Estimate observable(String name) {
            Estimate e = observables.get(name);
            if (e == null) {
                throw new IllegalArgumentException("unknown observable '" + name + "'; known: "
                        + observables.keySet());
            }
            return e;
        }

        /** The Binder cumulant {@code 1 - <m^4>/(3<m^2>^2)}: 0 for a Gaussian magnetisation, 2/3 deep in order. */
        public Estimate binder() {
            return observable("binder");
        }

        /** The susceptibility {@code V <m^2>}. */
        public Estimate susceptibility() {
            return observable("chi");
        }

        /** {@code <|m|>}, m the mean field. */
        public Estimate absMagnetisation() {
            return observable("absM");
        }
    }

    private LatticeRun() {
    }

    /**
     * The checks {@link #run} makes before any work, for callers that want them before a backend is opened: the
     * lattice fits its site tables and the Java heap ({@link LatticeMemory}), and the checkpoint files are usable.
     */
    public static void check(Config c, Options options) {
        LatticeMemory.require(c, options.checkpoint() != null, Runtime.getRuntime().maxMemory(), 0);
        checkFiles(options);
    }

    /** Runs on {@code backend} with the given options. */
    public static Result run(Config c, Backend backend, Options options) {
        check(c, options);
        LatticeMemory.require(c, options.checkpoint() != null, Runtime.getRuntime().maxMemory(),
                backend.device().memoryBytes());
        Lattice lattice = new Lattice(c.dim(), c.size());
        var couplings = c.theory().couplings(lattice);
        try (DeviceCouplings dc = new DeviceCouplings(backend, couplings);
             LatticeField field = new LatticeField(backend, new double[lattice.volume()], c.precision())) {
            Schedule schedule = schedule(c.schedule(), dc, couplings);
            MarkovChain chain = new MarkovChain(field, schedule, new Observables(new Phi4Action(couplings)),
                    c.seed(), c.thermalize(), c.measureEvery());
            String description = describe(c);
            long total = (long) c.thermalize() + c.sweeps();
            if (options.resume() != null) {
                resume(chain, options.resume(), description, lattice.volume(), c);
            }
            if (options.configs() != null) {
                chain.onMeasurement(options.configs()::measured);
            }
            int every = options.checkpoint() != null ? options.checkpointEvery() : REPORT_EVERY;
            while (chain.sweep() < total) {
                chain.runUntil(Math.min(total, chain.sweep() + every));
                if (options.checkpoint() != null) {
                    try {
                        Checkpoint.write(options.checkpoint(), chain.state(), description);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write checkpoint " + options.checkpoint(), e);
                    }
                }
                if (options.progress() != null) {
                    options.progress().progress(chain.sweep(), total);
                }
                Cancellation.check(options.cancel());
            }
            Map<String, Estimate> observables = observables(chain.series(), lattice.volume(), schedule);
            return new Result(observables, TimeSliceCorrelator.correlator(chain.series(), lattice),
                    lattice.size() >= 3 ? TimeSliceCorrelator.effectiveMass(chain.series(), lattice) : List.of(),
                    chain.series(), chain.sweep());
        }
    }

    /** A text that identifies the chain a checkpoint belongs to (everything but the run length). */
    static String describe(Config c) {
        return "dim=" + c.dim() + " size=" + c.size() + " theory=" + c.theory() + " schedule=" + c.schedule()
                + " thermalize=" + c.thermalize() + " measureEvery=" + c.measureEvery() + " seed=" + c.seed()
                + (c.precision() == Precision.SINGLE ? " precision=single" : "");
    }

    /**
     * Checks the checkpoint files before any work: the file to resume exists, and a checkpoint file that already
     * exists is only overwritten by the run that resumes it (a fresh run would destroy the chain it holds). Removes
     * the temporary file a killed checkpoint write left.
     */
    private static void checkFiles(Options options) {
        if (options.resume() != null && !Files.isRegularFile(options.resume())) {
            throw new IllegalArgumentException("resume: no checkpoint file " + options.resume());
        }
        Path target = options.checkpoint();
        if (target == null) {
            return;
        }
        try {
            if (Files.exists(target) && (options.resume() == null || !Files.isSameFile(target, options.resume()))) {
                throw new IllegalArgumentException("checkpoint: " + target + " already exists and a fresh run would"
                        + " overwrite it; continue its chain with --resume " + target + ", or remove it");
            }
            Checkpoint.removeStaleTemporary(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    private static void resume(MarkovChain chain, Path file, String description, int volume, Config c) {
        try {
            String stored = Checkpoint.readDescription(file);
            if (!stored.equals(description)) {
                throw new IllegalArgumentException("resume: checkpoint " + file + " belongs to another run ("
                        + stored + "), not to this one (" + description + ")");
            }
            ChainState s = Checkpoint.read(file);
            long total = (long) c.thermalize() + c.sweeps();
            if (s.sweep() > total) {
                throw new IllegalArgumentException("resume: checkpoint " + file + " already holds " + s.sweep()
                        + " sweeps, more than the " + total + " (thermalize + sweeps) of this run; give --sweeps "
                        + (s.sweep() - c.thermalize()) + " or more");
            }
            if (s.field().length != volume) {
                throw new IllegalArgumentException("resume: checkpoint field has " + s.field().length
                        + " sites, lattice has " + volume);
            }
            chain.restore(s);
        } catch (IOException e) {
            throw new IllegalArgumentException("resume: cannot read checkpoint " + file + ": " + e.getMessage());
        }
    }

    private static Schedule schedule(ScheduleSpec s, DeviceCouplings dc, Couplings couplings) {
        Schedule.Builder b = Schedule.builder();
        if (s.metropolis() > 0) {
            b.then(new Metropolis(dc, 1.0, 1), s.metropolis());
        }
        if (s.heatBaths() > 0) {
            b.then(new HeatBath(dc, 4), s.heatBaths());
        }
        if (s.overrelaxations() > 0) {
            b.then(new Overrelaxation(dc), s.overrelaxations());
        }
        if (s.clusters() > 0) {
            b.then(new WolffClusters(couplings, s.clusters()));
        }
        if (s.swendsenWang() > 0) {
            b.then(new SwendsenWang(couplings), s.swendsenWang());
        }
        return b.build();
    }

    private static Map<String, Estimate> observables(MeasurementSeries series, int v, Schedule schedule) {
        if (series.size() < 2) {
            throw new IllegalArgumentException("sweeps: at least 2 measurements are needed for error estimates,"
                    + " got " + series.size() + " (raise sweeps or lower measureEvery)");
        }
        Map<String, Estimate> out = new LinkedHashMap<>();
        out.put("phi2", series.estimate("phi2"));
        out.put("phi4", series.estimate("phi4"));
        out.put("absM", series.estimate("absM"));
        Estimate m2 = series.estimate("m2");
        out.put("m2", m2);
        out.put("chi", new Estimate(v * m2.value(), v * m2.error(), m2.tauInt()));
        out.put("binder", ErrorAnalysis.derived(m -> 1 - m[1] / (3 * m[0] * m[0]),
                series.column("m2"), series.column("m4")));
        out.put("actionDensity", series.estimate("action"));
        out.put("acceptance", series.estimate("acc_" + schedule.sequence().get(0).name()));
        return Collections.unmodifiableMap(out);
    }
}
