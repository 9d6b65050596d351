package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.engine.Precision;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.run.LatticeRun;
import org.nnft.stats.GammaMethod;
import org.nnft.stats.GammaResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nnft lattice}: lattice phi^4 Monte Carlo. */
@Command(name = "lattice", mixinStandardHelpOptions = true,
        description = "Lattice phi^4 Monte Carlo: S = -kappa sum phi_i phi_j + a sum phi^2 + b sum phi^4.")
final class LatticeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run;
    @CommandLine.Mixin
    ExportOptions export = new ExportOptions();

    @Option(names = "--dim", defaultValue = "2", description = "lattice dimension 2..4")
    int dim;
    @Option(names = "--size", defaultValue = "16", description = "lattice extent L (even)")
    int size;
    @Mixin
    CouplingOptions couplings = new CouplingOptions();
    @Option(names = "--algorithm", defaultValue = "metropolis+overrelax+wolff:2",
            description = "update schedule per sweep from metropolis, heatbath, overrelax, wolff (clusters), sw"
                    + " (Swendsen-Wang), e.g. metropolis+overrelax+wolff:2 (default ${DEFAULT-VALUE})")
    String algorithm;
    @Option(names = "--sweeps", defaultValue = "2000", description = "measurement sweeps")
    int sweeps;
    @Option(names = "--thermalize", defaultValue = "200", description = "thermalisation sweeps")
    int thermalize;
    @Option(names = "--measure-every", defaultValue = "1", description = "sweeps between measurements")
    int measureEvery;
    @Option(names = "--seed", defaultValue = "1", description = "Philox seed")
    long seed;
    @Option(names = "--checkpoint", description = "write the chain state here (atomically) as the run goes")
    Path checkpoint;
    @Option(names = "--checkpoint-every", defaultValue = "100", description = "sweeps between checkpoints")
    int checkpointEvery;
    @Option(names = "--resume", description = "continue the chain from this checkpoint")
    Path resume;
    @Option(names = "--precision", defaultValue = "double",
            description = "single | double: the field in float32 (Metropolis and cluster updates only) or float64")
    String precision;

    HomogeneousTheory theory() {
        return couplings.theory(dim);
    }

    /** The lattice's own checks name no option and some come only once the backend is open: these do, first. */
    private void requireRanges() {
        if (dim < 2 || dim > 4) {
            throw new IllegalArgumentException("--dim must be 2, 3 or 4, got " + dim);
        }
        if (size < 2 || size % 2 != 0) {
            throw new IllegalArgumentException("--size must be even and >= 2 (checkerboard updates), got " + size);
        }
        if (sweeps < 1) {
            throw new IllegalArgumentException("--sweeps must be >= 1, got " + sweeps);
        }
        if (thermalize < 0) {
            throw new IllegalArgumentException("--thermalize must be >= 0, got " + thermalize);
        }
        if (measureEvery < 1) {
            throw new IllegalArgumentException("--measure-every must be >= 1, got " + measureEvery);
        }
    }

    @Override
    public Integer call() {
        Path out = run.checkedOutPath(spec, "lattice.json");
        ResultExports exports = export.checked(out, true);
        requireRanges();
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 1 sweep, got " + checkpointEvery);
        }
        HomogeneousTheory theory = theory();
        LatticeRun.ScheduleSpec schedule;
        try {
            schedule = LatticeRun.ScheduleSpec.parse(algorithm);
        } catch (IllegalArgumentException e) {
            throw EngineMessages.withOptionName(e);
        }
        if (!precision.equals("single") && !precision.equals("double")) {
            throw new IllegalArgumentException("--precision must be single or double, got '" + precision + "'");
        }
        Precision prec = precision.equals("single") ? Precision.SINGLE : Precision.DOUBLE;
        if (prec == Precision.SINGLE && (schedule.heatBaths() > 0 || schedule.overrelaxations() > 0)) {
            throw new IllegalArgumentException("--precision single runs the Metropolis and cluster updates only;"
                    + " --algorithm " + schedule + " has heat-bath or overrelaxation sweeps (e.g. metropolis+wolff:2)");
        }
        LatticeRun.Config config = LatticeRun.Config.builder(dim, size, theory)
                .schedule(schedule).sweeps(sweeps).thermalize(thermalize)
                .measureEvery(measureEvery).seed(seed).precision(prec).build();
        LatticeRun.check(config, new LatticeRun.Options(checkpoint, checkpointEvery, resume, null));
        Progress progress = new Progress(System.err, run.quiet, "sweeps", (long) thermalize + sweeps);
        BackendRun<LatticeRun.Result> chain = BackendRun.on(run, backend -> LatticeRun.run(config, backend,
                new LatticeRun.Options(checkpoint, checkpointEvery, resume, progress)));
        progress.done();
        double wall = chain.secondsSinceStart();
        LatticeRun.Result r = chain.result();
        String backendName = chain.backend();
        Map<String, Object> obs = Json.object();
        r.observables().forEach((name, e) -> obs.put(name,
                Json.object("value", e.value(), "error", e.error(), "tauInt", e.tauInt())));
        Map<String, Object> cfg = Json.object("dim", dim, "size", size, "kappa", theory.kappa(), "a", theory.a(),
                "b", theory.b(), "mu2", theory.mu2(dim), "lambda", 4 * theory.b(), "algorithm",
                config.schedule().toString(),
                "sweeps", sweeps, "thermalize", thermalize, "measureEvery", measureEvery, "seed", seed,
                "precision", prec.label(), "backend", backendName,
                "checkpoint", checkpoint == null ? null : checkpoint.toString(),
                "resume", resume == null ? null : resume.toString());
        Map<String, Object> prov = chain.provenance(seed, wall, "sweepsDone", r.sweepsDone(),
                "measurements", r.series().size());
        Map<String, Object> series = Json.object();
        for (String name : new String[]{"m", "absM", "phi2", "action"}) {
            if (r.series().names().contains(name)) {
                series.put(name, r.series().column(name));
            }
        }
        try (OutputSet files = new OutputSet()) {
            Map<String, Object> doc = ResultDocument.of(cfg, prov, Json.object("observables", obs,
                    "correlator", profile(r.correlator(), 0), "effectiveMass", profile(r.effectiveMass(), 1),
                    "series", series));
            ResultFile.write(files, out, doc);
            LatticeExport histories = new LatticeExport(r.series(), dim, size);
            exports.stageNpz(files, doc, histories.arrays());
            exports.stagePyerrors(files, histories.ensemble(seed), histories.description(), histories.entries());
            if (!run.noPlots) {
                boolean longChain = r.series().size() > Plots.LONG_SERIES;
                plots(files, out, r, run.quiet || !longChain ? null : spec.commandLine().getErr());
            }
            files.commit();
        }
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%dD L=%d  kappa=%.6g a=%.6g b=%.6g  %s  %d sweeps on %s in %.2f s%s%n", dim,
                size, theory.kappa(), theory.a(), theory.b(), config.schedule(), r.sweepsDone(), backendName, wall,
                prec == Precision.SINGLE ? "  (single precision)" : "");
        w.printf(Locale.ROOT, "%-14s %14s %12s %8s%n", "observable", "value", "error", "tauInt");
        for (Map.Entry<String, Estimate> e : r.observables().entrySet()) {
            w.printf(Locale.ROOT, "%-14s %14.6g %12.3g %8.2f%n", e.getKey(), e.getValue().value(), e.getValue().error(),
                    e.getValue().tauInt());
        }
        w.println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** {"t": [...], "value": [...], "error": [...], "tauInt": [...]} of estimates at t = first, first + 1, ... */
    private static Map<String, Object> profile(List<Estimate> es, int first) {
        int n = es.size();
        int[] t = new int[n];
        double[] value = new double[n], error = new double[n], tau = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = first + i;
            value[i] = es.get(i).value();
            error[i] = es.get(i).error();
            tau[i] = es.get(i).tauInt();
        }
        return Json.object("t", t, "value", value, "error", error, "tauInt", tau);
    }

    /**
     * The history and autocorrelation plots of |m| and phi^2, staged in {@code files}; one progress line per plot
     * on {@code err} (none when null: short chains plot in a moment), as long chains take a while to analyse.
     */
    private static void plots(OutputSet files, Path json, LatticeRun.Result r, PrintWriter err) {
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        String[] names = {"absM", "phi2"};
        int plot = 0;
        for (String name : names) {
            double[] s = r.series().column(name);
            Path history = json.resolveSibling(base + "-" + name + "-history.png");
            progress(err, ++plot, 2 * names.length, history);
            Plots.series(files, history, name + " history", "measurement", name, s);
            Path autocorrelation = json.resolveSibling(base + "-" + name + "-autocorrelation.png");
            progress(err, ++plot, 2 * names.length, autocorrelation);
            GammaResult g = GammaMethod.analyze(s);
            Plots.series(files, autocorrelation,
                    String.format(Locale.ROOT, "%s autocorrelation (tau_int = %.2f)", name, g.tauInt()), "lag", "rho",
                    g.rho());
        }
    }

    private static void progress(PrintWriter err, int plot, int plots, Path png) {
        if (err != null) {
            err.printf(Locale.ROOT, "plotting %d/%d: %s%n", plot, plots, png.getFileName());
            err.flush();
        }
    }
}
