package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputPaths;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.engine.Precision;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.measure.Estimate;
import org.nnft.engine.io.NpyFile;
import org.nnft.lattice.run.LatticeRun;
import org.nnft.lattice.run.SavedConfigurations;
import org.nnft.stats.GammaMethod;
import org.nnft.stats.GammaResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
            description = "single | double: the field in float32 (every update: the Metropolis, heat-bath and"
                    + " overrelaxation site updates computed in float) or float64")
    String precision;
    @Option(names = "--save-configs", description = "also write the measured configurations as NAME-configs.npy"
            + " (float64 [configurations, L, ..., L]; into the npz too with --export npz); at most 512 MiB")
    boolean saveConfigs;
    @Option(names = "--save-configs-every", defaultValue = "1",
            description = "with --save-configs: keep every k-th measurement (default ${DEFAULT-VALUE})")
    int saveConfigsEvery;

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
        Precision prec = PrecisionOption.parse(precision);
        LatticeRun.Config config = LatticeRun.Config.builder(dim, size, theory)
                .schedule(schedule).sweeps(sweeps).thermalize(thermalize)
                .measureEvery(measureEvery).seed(seed).precision(prec).build();
        SavedConfigurations configs = savedConfigurations(config, out);
        LatticeRun.check(config, new LatticeRun.Options(checkpoint, checkpointEvery, resume, null));
        Progress progress = new Progress(System.err, run.quiet, "sweeps", (long) thermalize + sweeps);
        BackendRun<LatticeRun.Result> chain = BackendRun.on(run, backend -> LatticeRun.run(config, backend,
                new LatticeRun.Options(checkpoint, checkpointEvery, resume, progress, null, configs)));
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
            Map<String, Object> results = Json.object("observables", obs,
                    "correlator", profile(r.correlator(), 0), "effectiveMass", profile(r.effectiveMass(), 1),
                    "series", series);
            Map<String, byte[]> arrays = new LinkedHashMap<>(new LatticeExport(r.series(), dim, size).arrays());
            if (configs != null) {
                byte[] npy = NpyFile.encode(configs.shape(), configs.values());
                Path file = configsPath(out);
                files.write(file, npy);
                arrays.put("configs", npy);
                results.put("configurations", Json.object("file", file.getFileName().toString(),
                        "shape", configs.shape(), "every", configs.every(), "measureEvery", measureEvery,
                        "layout", "float64, C order: [i, x_{d-1}, ..., x_1, x_0] is phi at site x of kept"
                                + " measurement i (measurement i * every of the series)"));
            }
            Map<String, Object> doc = ResultDocument.of(cfg, prov, results);
            ResultFile.write(files, out, doc);
            LatticeExport histories = new LatticeExport(r.series(), dim, size);
            exports.stageNpz(files, doc, arrays);
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

    /** The store of {@code --save-configs} (null without it), its size and file checked before the run. */
    private SavedConfigurations savedConfigurations(LatticeRun.Config config, Path out) {
        if (!saveConfigs) {
            if (saveConfigsEvery != 1) {
                throw new IllegalArgumentException("--save-configs-every needs --save-configs");
            }
            return null;
        }
        if (saveConfigsEvery < 1) {
            throw new IllegalArgumentException("--save-configs-every must be >= 1 measurement, got "
                    + saveConfigsEvery);
        }
        if (resume != null) {
            throw new IllegalArgumentException("--save-configs: a resumed chain lacks the configurations measured"
                    + " before its checkpoint; save them in one run");
        }
        OutputPaths.requireFile("--save-configs", null, configsPath(out));
        try {
            return SavedConfigurations.of(config, saveConfigsEvery, Runtime.getRuntime().maxMemory());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage().replace("(save-configs-every)",
                    "(--save-configs-every)"));
        }
    }

    /** NAME-configs.npy beside NAME.json. */
    static Path configsPath(Path json) {
        return json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + "-configs.npy");
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
