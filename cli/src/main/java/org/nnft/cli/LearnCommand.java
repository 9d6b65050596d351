package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.PngImages;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.engine.io.NpyFile;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.learn.ActionReweighting;
import org.nnft.lattice.learn.ComplexFreeField;
import org.nnft.lattice.learn.DataLearning;
import org.nnft.lattice.learn.InverseRg;
import org.nnft.lattice.learn.Optimizer;
import org.nnft.lattice.learn.Phi4InverseRg;
import org.nnft.lattice.learn.RbmLearning;
import org.nnft.lattice.learn.ReverseKlTrainer;
import org.nnft.lattice.learn.TargetLearning;
import org.nnft.lattice.learn.TargetReweighting;
import org.nnft.lattice.learn.TrainingSettings;
import org.nnft.lattice.measure.Estimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nnft learn --target | --data FILE}: machine learning with a lattice field theory (docs/learn.md).
 * With {@code --inverse-rg}: the inverse renormalization group of the 2D Ising model ({@link InverseRgOutput}) or,
 * with {@code --model phi4}, of the 2D phi^4 theory at the coupling options ({@link Phi4InverseRgOutput}).
 * With {@code --data}: maximum-likelihood fit of S to the configurations of a .npy file or of greyscale PNG images
 * ({@link LearnData}), then new samples; with {@code --rbm VISIBLE-HIDDEN} a restricted Boltzmann machine or a
 * stack of them instead of S ({@link RbmOptions}, {@link RbmOutput}).
 * With {@code --target}, without data:
 * Reverse-KL training of the inhomogeneous action {@code S(w_ij, a_i, b_i)} towards the target
 * {@code A_4 = -kappa sum_<ij> phi phi - g sum_<<ij>> phi phi + a sum phi^2 + b sum phi^4} (couplings as in
 * {@code nnft lattice}, g = {@code --gnnn}), then the seed's reweighting steps from samples of the trained S: to
 * {@code A_4}, along g' and to {@code A_4 + i h sum phi^2}. All options are checked before any work.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = "Learn a lattice phi^4 target action with the inhomogeneous action S(w_ij, a_i, b_i) by reverse"
                + " KL, then reweight from S to the target, along g' and to a complex mass term; or learn S, an RBM"
                + " or a stack of RBMs from data (--data, --rbm); or the inverse RG of the 2D Ising model.")
final class LearnCommand implements Callable<Integer> {
    /** Largest number of couplings of S: the Fisher matrix of 2048^2 doubles is 32 MiB. */
    static final int MAX_PARAMETERS = 2048;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;
    @Mixin
    ExportOptions export = new ExportOptions();

    @Option(names = "--target",
            description = "learn towards the target action given by the coupling options (no data)")
    boolean target;
    @Option(names = "--data", description = "learn from configurations: a .npy array [samples, L, ..., L] of"
            + " float64 or float32, or greyscale PNG images (a .png file or a folder of same-size ones; see"
            + " --pixel-scale) (maximum likelihood); --dim and --size come from its shape")
    Path data;
    @Option(names = "--inverse-rg", description = "inverse renormalization group of the 2D Ising model at beta_c:"
            + " learn the inverse of the majority-rule block spin on Wolff configurations of extent --size"
            + " (default 32), grow them --steps times (default 3) and fit gamma/nu (docs/learn.md L.7)")
    boolean inverseRg;
    @Option(names = "--model", defaultValue = "ising", description = "with --inverse-rg: ising, or phi4 (the 2D"
            + " phi^4 theory at the coupling options, default the critical mu^2 = -0.9515, lambda = 0.7; block"
            + " average, L0 16 and 3 doublings unless given; docs/learn.md L.8)")
    String model;
    @Option(names = "--nu-offset", defaultValue = "0", description = "with --inverse-rg --model phi4: also grow"
            + " sources at mu^2 +- this offset and match them to direct runs for nu (0: no nu)")
    double nuOffset;
    @Option(names = "--configs", defaultValue = "2000",
            description = "with --inverse-rg: Wolff configurations at L0 (and per size of the direct check)")
    int configs;
    @Option(names = "--no-direct",
            description = "with --inverse-rg: skip the direct Wolff simulation of the grown sizes")
    boolean noDirect;
    @Option(names = "--new-samples", defaultValue = "1000",
            description = "with --data: configurations drawn from the learned S, written to <out>-samples.npy")
    int newSamples;
    @Option(names = "--start-quartic", defaultValue = "0.1",
            description = "with --data: b of the decoupled start (w = 0, a = 1/(2 <phi^2>_data))")
    double startQuartic;
    @Option(names = "--dim", defaultValue = "2", description = "lattice dimension 2..4")
    int dim;
    @Option(names = "--size", defaultValue = "4", description = "lattice extent L (even); S has (d + 2) L^d"
            + " couplings, at most 2048 (L <= 22 in 2D)")
    int size;
    @Mixin
    CouplingOptions couplings = new CouplingOptions();
    @Mixin
    RbmOptions rbm = new RbmOptions();
    /** The data of --data, read by {@link #dataConfig}. */
    private LearnData learnData;
    @Option(names = "--gnnn", defaultValue = "0", description = "target next-nearest-neighbour (diagonal) coupling g:"
            + " A_4 = A - g sum_<<ij>> phi_i phi_j (default ${DEFAULT-VALUE})")
    double gnnn;
    @Option(names = "--steps", defaultValue = "30", description = "training steps")
    int steps;
    @Option(names = "--train-samples", defaultValue = "1600", description = "model samples per training step")
    int trainSamples;
    @Option(names = "--thermalize", defaultValue = "20", description = "sweeps at new couplings before sampling")
    int thermalize;
    @Option(names = "--every", defaultValue = "2", description = "sweeps between samples")
    int every;
    @Option(names = "--optimizer", defaultValue = "natural",
            description = "natural (natural gradient) or gradient (plain descent)")
    String optimizer;
    @Option(names = "--eta", defaultValue = "0.5", description = "learning rate")
    double eta;
    @Option(names = "--damping", defaultValue = "1e-8", description = "Fisher damping of the natural gradient")
    double damping;
    @Option(names = "--max-step", defaultValue = "0.1", description = "largest change of a coupling per step")
    double maxStep;
    @Option(names = "--start-spread", defaultValue = "0.3",
            description = "random start: each coupling of the target times 1 + s(2u - 1), s in [0, 1)")
    double startSpread;
    @Option(names = "--samples", defaultValue = "20000", description = "samples of the trained S for reweighting")
    int samples;
    @Option(names = "--gprime", defaultValue = "0,0.02,0.04,0.06,0.08", split = ",",
            description = "g' values of the extrapolation A_4(g') (default ${DEFAULT-VALUE})")
    double[] gPrimes;
    @Option(names = "--imaginary-mass", defaultValue = "0.15",
            description = "h of the complex target A_5 = A_4 + i h sum phi^2 (default ${DEFAULT-VALUE})")
    double imaginaryMass;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the start couplings and the chain")
    long seed;

    HomogeneousTheory theory() {
        return couplings.theory(dim);
    }

    private Optimizer optimizerChoice() {
        return switch (optimizer) {
            case "natural" -> Optimizer.NATURAL_GRADIENT;
            case "gradient" -> Optimizer.GRADIENT_DESCENT;
            default -> throw new IllegalArgumentException("--optimizer must be natural or gradient, got " + optimizer);
        };
    }

    private void checkSize() {
        if (dim < 2 || dim > 4) {
            throw new IllegalArgumentException("--dim must be 2..4, got " + dim);
        }
        if (size < 2 || size > 64) {
            throw new IllegalArgumentException("--size must be 2..64, got " + size);
        }
        if ((dim + 2) * Math.pow(size, dim) > MAX_PARAMETERS) {
            throw new IllegalArgumentException("--size " + size + " in " + dim + "D gives more than " + MAX_PARAMETERS
                    + " couplings (d + 2) L^d; the natural gradient solves a system of that size per step");
        }
    }

    private TrainingSettings training() {
        return new TrainingSettings(steps, thermalize, trainSamples, every, optimizerChoice(), eta, damping, maxStep);
    }

    private TargetLearning.Config config() {
        checkSize();
        if (gPrimes == null || gPrimes.length == 0) {
            throw new IllegalArgumentException("--gprime needs at least one value");
        }
        return new TargetLearning.Config(new Lattice(dim, size), theory(), gnnn, training(), startSpread, samples,
                every, gPrimes, imaginaryMass, seed);
    }

    /** The settings of {@code --inverse-rg}: L0 32 and 3 doublings unless --size and --steps are given. */
    private InverseRg.Config inverseRgConfig() {
        boolean sizeGiven = spec.commandLine().getParseResult().hasMatchedOption("--size");
        boolean stepsGiven = spec.commandLine().getParseResult().hasMatchedOption("--steps");
        return new InverseRg.Config(sizeGiven ? size : 32, stepsGiven ? steps : 3, configs, every,
                thermalize, seed, !noDirect);
    }

    /** The settings of {@code --inverse-rg --model phi4}: L0 16 and 3 doublings unless --size and --steps are given. */
    private Phi4InverseRg.Config phi4InverseRgConfig() {
        boolean sizeGiven = spec.commandLine().getParseResult().hasMatchedOption("--size");
        boolean stepsGiven = spec.commandLine().getParseResult().hasMatchedOption("--steps");
        if (!Double.isFinite(nuOffset)) {
            throw new IllegalArgumentException("--nu-offset must be finite, got " + nuOffset);
        }
        return new Phi4InverseRg.Config(sizeGiven ? size : 16, stepsGiven ? steps : 3, configs, every, thermalize,
                couplings.theory(2), nuOffset, seed, !noDirect);
    }

    /** The configurations of {@code --data} as rows, with dim and size taken from the shape. */
    private DataLearning.Config dataConfig() {
        learnData = LearnData.read(data, rbm.pixelScale, false);
        int[] shape = learnData.shape();
        if (shape.length < 2 || shape.length > 4) {
            throw new IllegalArgumentException(data + ": need shape [samples, L, ..., L] with 2..4 lattice axes, got "
                    + "configurations of " + Arrays.toString(shape));
        }
        for (int k = 1; k < shape.length; k++) {
            if (shape[k] != shape[0]) {
                throw new IllegalArgumentException(data + ": the lattice axes must be equal (square images), got "
                        + Arrays.toString(shape));
            }
        }
        dim = shape.length;
        size = shape[0];
        checkSize();
        return new DataLearning.Config(new Lattice(dim, size), learnData.rows(), training(), startQuartic, newSamples,
                every, seed);
    }

    /** {@code --data FILE --rbm VISIBLE-HIDDEN}: 1000 steps at eta 0.1 unless --steps and --eta are given. */
    private Integer callRbm() {
        LearnData d = LearnData.read(data, rbm.pixelScale, rbm.bernoulliVisible());
        boolean stepsGiven = spec.commandLine().getParseResult().hasMatchedOption("--steps");
        boolean etaGiven = spec.commandLine().getParseResult().hasMatchedOption("--eta");
        RbmLearning.Config c = rbm.config(d, stepsGiven ? steps : 1000, etaGiven ? eta : 0.1, newSamples,
                thermalize, every, seed);
        return new RbmOutput(spec, run).call(c, d, data, rbm.network, export);
    }

    @Override
    public Integer call() {
        if ((target ? 1 : 0) + (data != null ? 1 : 0) + (inverseRg ? 1 : 0) != 1) {
            throw new IllegalArgumentException("give exactly one of --target, --data FILE and --inverse-rg");
        }
        var parsed = spec.commandLine().getParseResult();
        for (String option : new String[]{"--chains", "--sweeps"}) {
            if (rbm.network == null && parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " needs --rbm VISIBLE-HIDDEN");
            }
        }
        if (parsed.hasMatchedOption("--pixel-scale") && (data == null || !PngImages.isImageInput(data))) {
            throw new IllegalArgumentException("--pixel-scale needs PNG images as --data");
        }
        if (rbm.network != null || rbm.anyNetworkOption()) {
            if (data == null) {
                throw new IllegalArgumentException("--rbm and its options need --data FILE");
            }
            if (rbm.network == null) {
                throw new IllegalArgumentException("--hidden, --stack and the unit coefficients need --rbm"
                        + " VISIBLE-HIDDEN");
            }
            return callRbm();
        }
        if (inverseRg) {
            return switch (model) {
                case "ising" -> {
                    if (nuOffset != 0) {
                        throw new IllegalArgumentException("--nu-offset: only with --model phi4");
                    }
                    yield new InverseRgOutput(spec, run).call(inverseRgConfig(), export);
                }
                case "phi4" -> new Phi4InverseRgOutput(spec, run).call(phi4InverseRgConfig(), export);
                default -> throw new IllegalArgumentException("--model must be ising or phi4, got " + model);
            };
        }
        if (data != null) {
            return callData();
        }
        Path out = run.checkedOutPath(spec, "learn.json");
        ResultExports exports = export.checked(out, false);
        TargetLearning.Config c = config();
        Progress progress = new Progress(System.err, run.quiet, "units", TargetLearning.progressUnits(c));
        BackendRun<TargetLearning.Result> learned = BackendRun.on(run,
                backend -> TargetLearning.run(c, backend, progress::update));
        progress.done();
        double wall = learned.secondsSinceStart();
        TargetLearning.Result r = learned.result();
        String backendName = learned.backend();
        HomogeneousTheory th = c.target();
        Map<String, Object> cfg = Json.object("mode", "target", "dim", dim, "size", size, "kappa", th.kappa(),
                "a", th.a(), "b", th.b(), "mu2", th.mu2(dim), "lambda", 4 * th.b(), "gnnn", gnnn, "steps", steps,
                "trainSamples", trainSamples, "thermalize", thermalize, "every", every, "optimizer", optimizer,
                "eta", eta, "damping", damping, "maxStep", maxStep, "startSpread", startSpread, "samples", samples,
                "gPrime", gPrimes, "imaginaryMass", imaginaryMass, "seed", seed, "backend", backendName);
        Map<String, Object> prov = learned.provenance(seed, wall,
                "trainingSamples", (long) steps * trainSamples, "reweightingSamples", samples);
        Map<String, Object> results = Json.object("training", training(r.history()),
                "couplings", Json.object("w", spread(r.w(), th.kappa()), "a", spread(r.a(), th.a()),
                        "b", spread(r.b(), th.b())),
                "correction", correction(r.correction()), "extrapolation", curve(r.curve()),
                "complexMass", complexMass(r.complexMass(), r.exact()));
        try (OutputSet files = new OutputSet()) {
            Map<String, Object> doc = ResultDocument.of(cfg, prov, results);
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            if (!run.noPlots) {
                double[] bound = new double[r.history().size()];
                for (int t = 0; t < bound.length; t++) {
                    bound[t] = r.history().get(t).targetMinusModel().value();
                }
                String base = out.getFileName().toString().replaceFirst("\\.json$", "");
                Plots.series(files, out.resolveSibling(base + "-bound.png"), "<A - S> per training step", "step",
                        "<A - S>", bound);
            }
            files.commit();
        }
        print(spec.commandLine().getOut(), c, r, backendName, wall);
        spec.commandLine().getOut().println("results: " + out.toAbsolutePath());
        return 0;
    }

    private Integer callData() {
        Path out = run.checkedOutPath(spec, "learn.json");
        ResultExports exports = export.checked(out, false);
        DataLearning.Config c = dataConfig();
        String base = out.getFileName().toString().replaceFirst("\\.json$", "");
        Path samplesFile = out.resolveSibling(base + "-samples.npy");
        Progress progress = new Progress(System.err, run.quiet, "steps", steps + 1L);
        BackendRun<DataLearning.Result> learned = BackendRun.on(run,
                backend -> DataLearning.run(c, backend, progress::update));
        progress.done();
        double wall = learned.secondsSinceStart();
        DataLearning.Result r = learned.result();
        String backendName = learned.backend();
        int v = c.lattice().volume();
        double[] flat = new double[r.samples().length * v];
        for (int n = 0; n < r.samples().length; n++) {
            System.arraycopy(r.samples()[n], 0, flat, n * v, v);
        }
        int[] shape = new int[dim + 1];
        Arrays.fill(shape, size);
        shape[0] = r.samples().length;
        int links = c.lattice().links();
        double[][] means = new double[3][r.history().size()];
        for (int t = 0; t < r.history().size(); t++) {
            double[] theta = r.history().get(t);
            for (int k = 0; k < theta.length; k++) {
                int kind = k < links ? 0 : k < links + v ? 1 : 2;
                means[kind][t] += theta[k] / (kind == 0 ? links : v);
            }
        }
        Map<String, Object> moments = Json.object();
        r.moments().forEach((name, m) -> moments.put(name, Json.object("data", estimate(m.data()),
                "model", estimate(m.model()))));
        Map<String, Object> cfg = Json.object("mode", "data", "data", data.toString(), "dataConfigurations",
                c.data().length, "dim", dim, "size", size, "steps", steps, "trainSamples", trainSamples,
                "thermalize", thermalize, "every", every, "optimizer", optimizer, "eta", eta, "damping", damping,
                "maxStep", maxStep, "startQuartic", startQuartic, "newSamples", newSamples, "seed", seed,
                "backend", backendName);
        Map<String, Object> prov = learned.provenance(seed, wall, "trainingSamples", (long) steps * trainSamples);
        Map<String, Object> results = Json.object("training", Json.object("meanW", means[0], "meanA", means[1],
                        "meanB", means[2]),
                "couplings", Json.object("w", spread(r.w(), Double.NaN), "a", spread(r.a(), Double.NaN),
                        "b", spread(r.b(), Double.NaN), "linkWeights", r.learned().linkWeights(),
                        "quadratic", r.learned().quadratic(), "quartic", r.learned().quartic()),
                "moments", moments, "samplesFile", samplesFile.toAbsolutePath().toString());
        Path samplesPng = out.resolveSibling(base + "-samples.png");
        boolean png = learnData.image() || !run.noPlots;
        if (png) {
            results.put("samplesPng", samplesPng.toAbsolutePath().toString());
        }
        try (OutputSet files = new OutputSet()) {
            files.write(samplesFile, NpyFile.encode(shape, flat));
            if (png) {
                RbmOutput.writeGrid(files, samplesPng, learnData, r.samples());
            }
            Map<String, Object> doc = ResultDocument.of(cfg, prov, results);
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            files.commit();
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%dD L=%d  %d data configurations  %d steps x %d samples + %d new samples on %s"
                + " in %.2f s%n", dim, size, c.data().length, steps, trainSamples, newSamples, backendName, wall);
        w.printf(Locale.ROOT, "%-10s %12s %12s%n", "coupling", "mean", "spread");
        w.printf(Locale.ROOT, "%-10s %12.6g %12.3g%n", "w", r.w().mean(), r.w().spread());
        w.printf(Locale.ROOT, "%-10s %12.6g %12.3g%n", "a", r.a().mean(), r.a().spread());
        w.printf(Locale.ROOT, "%-10s %12.6g %12.3g%n", "b", r.b().mean(), r.b().spread());
        w.printf(Locale.ROOT, "%-8s %12s %10s %12s %10s%n", "", "data", "error", "learned S", "error");
        r.moments().forEach((name, m) -> w.printf(Locale.ROOT, "%-8s %12.6g %10.3g %12.6g %10.3g%n", name,
                m.data().value(), m.data().error(), m.model().value(), m.model().error()));
        w.println("samples: " + samplesFile.toAbsolutePath());
        w.println("results: " + out.toAbsolutePath());
        return 0;
    }

    private static Map<String, Object> training(List<ReverseKlTrainer.Step> history) {
        int n = history.size();
        double[] value = new double[n];
        double[] error = new double[n];
        for (int t = 0; t < n; t++) {
            value[t] = history.get(t).targetMinusModel().value();
            error[t] = history.get(t).targetMinusModel().error();
        }
        return Json.object("boundTargetMinusModel", Json.object("value", value, "error", error));
    }

    private static Map<String, Object> spread(TargetLearning.Spread s, double target) {
        return Json.object("mean", s.mean(), "spread", s.spread(), "min", s.min(), "max", s.max(), "target", target);
    }

    private static Map<String, Object> estimate(Estimate e) {
        return Json.object("value", e.value(), "error", e.error(), "tauInt", e.tauInt());
    }

    private static Map<String, Object> correction(TargetReweighting.Correction c) {
        Map<String, Object> obs = Json.object();
        c.observables().forEach((name, o) -> obs.put(name, Json.object("reweighted", estimate(o.reweighted()),
                "unreweighted", estimate(o.plain()))));
        return Json.object("effectiveFraction", c.effectiveFraction(), "observables", obs);
    }

    private static Map<String, Object> curve(TargetReweighting.Curve c) {
        Map<String, Object> obs = Json.object();
        c.observables().forEach((name, es) -> {
            double[] v = new double[es.length];
            double[] e = new double[es.length];
            for (int i = 0; i < es.length; i++) {
                v[i] = es[i].value();
                e[i] = es[i].error();
            }
            obs.put(name, Json.object("value", v, "error", e));
        });
        return Json.object("gPrime", c.gPrime(), "effectiveFraction", c.effectiveFraction(), "observables", obs);
    }

    private static Map<String, Object> complexMass(TargetReweighting.ComplexMass m, ComplexFreeField exact) {
        Map<String, Object> obs = Json.object();
        m.observables().forEach((name, z) -> {
            Map<String, Object> o = Json.object("real", estimate(z.real()), "imaginary", estimate(z.imaginary()));
            if (exact != null && !name.equals("absM")) {
                double[] x = name.equals("phi2") ? exact.phi2(m.h()) : exact.m2(m.h());
                o.put("exactReal", x[0]);
                o.put("exactImaginary", x[1]);
            }
            obs.put(name, o);
        });
        ActionReweighting.Complex any = m.observables().values().iterator().next();
        Map<String, Object> out = Json.object("h", m.h(), "averagePhase", estimate(any.averagePhase()),
                "observables", obs);
        if (exact != null) {
            out.put("exactAveragePhase", exact.averagePhase(m.h()));
        }
        return out;
    }

    private static void print(PrintWriter w, TargetLearning.Config c, TargetLearning.Result r, String backend,
                              double wall) {
        HomogeneousTheory th = c.target();
        w.printf(Locale.ROOT, "%dD L=%d  target kappa=%.6g a=%.6g b=%.6g gnnn=%.6g  %d steps x %d samples + %d"
                        + " samples on %s in %.2f s%n", c.lattice().dim(), c.lattice().size(), th.kappa(), th.a(),
                th.b(), c.gnnn(), c.training().steps(), c.training().samples(), c.samples(), backend, wall);
        List<ReverseKlTrainer.Step> h = r.history();
        int stride = Math.max(1, h.size() / 6);
        for (int t = 0; t < h.size(); t += stride) {
            printBound(w, t, h.get(t).targetMinusModel());
        }
        if ((h.size() - 1) % stride != 0) {
            printBound(w, h.size() - 1, h.getLast().targetMinusModel());
        }
        w.printf(Locale.ROOT, "%-10s %12s %12s %12s%n", "coupling", "mean", "spread", "target");
        w.printf(Locale.ROOT, "%-10s %12.6g %12.3g %12.6g%n", "w", r.w().mean(), r.w().spread(), th.kappa());
        w.printf(Locale.ROOT, "%-10s %12.6g %12.3g %12.6g%n", "a", r.a().mean(), r.a().spread(), th.a());
        w.printf(Locale.ROOT, "%-10s %12.6g %12.3g %12.6g%n", "b", r.b().mean(), r.b().spread(), th.b());
        w.printf(Locale.ROOT, "reweighting S -> A_4 (effective fraction %.3f)%n", r.correction().effectiveFraction());
        if (r.correction().effectiveFraction() < 0.05) {
            w.println("warning: the weights concentrate on few samples; S is far from A_4 and the reweighted values"
                    + " and errors are unreliable (train longer, or a target closer to the nearest-neighbour family)");
        }
        w.printf(Locale.ROOT, "%-8s %12s %10s %14s %10s%n", "", "reweighted", "error", "unreweighted", "error");
        r.correction().observables().forEach((name, o) -> w.printf(Locale.ROOT, "%-8s %12.6g %10.3g %14.6g %10.3g%n",
                name, o.reweighted().value(), o.reweighted().error(), o.plain().value(), o.plain().error()));
        w.printf(Locale.ROOT, "extrapolation along g'%n%-8s %10s", "g'", "fraction");
        for (String name : TargetReweighting.OBSERVABLES) {
            w.printf(Locale.ROOT, " %12s %10s", name, "error");
        }
        w.println();
        TargetReweighting.Curve cv = r.curve();
        for (int g = 0; g < cv.gPrime().length; g++) {
            w.printf(Locale.ROOT, "%-8.4g %10.3f", cv.gPrime()[g], cv.effectiveFraction()[g]);
            for (String name : TargetReweighting.OBSERVABLES) {
                Estimate e = cv.observables().get(name)[g];
                w.printf(Locale.ROOT, " %12.6g %10.3g", e.value(), e.error());
            }
            w.println();
        }
        TargetReweighting.ComplexMass m = r.complexMass();
        ActionReweighting.Complex first = m.observables().values().iterator().next();
        w.printf(Locale.ROOT, "complex mass A_4 + i %.4g sum phi^2: average phase %.6g +- %.3g%s%n", m.h(),
                first.averagePhase().value(), first.averagePhase().error(),
                r.exact() == null ? "" : String.format(Locale.ROOT, " (exact %.6g)", r.exact().averagePhase(m.h())));
        w.printf(Locale.ROOT, "%-8s %12s %10s %12s %10s%n", "", "real", "error", "imaginary", "error");
        m.observables().forEach((name, z) -> w.printf(Locale.ROOT, "%-8s %12.6g %10.3g %12.6g %10.3g%n", name,
                z.real().value(), z.real().error(), z.imaginary().value(), z.imaginary().error()));
    }

    private static void printBound(PrintWriter w, int t, Estimate e) {
        w.printf(Locale.ROOT, "step %4d  <A - S> = %12.6g +- %.3g%n", t, e.value(), e.error());
    }
}
