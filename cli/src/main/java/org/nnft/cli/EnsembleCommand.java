package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.PointsParser;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.Tuples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntToDoubleFunction;

/** {@code nnft ensemble}: samples an ensemble of networks and estimates its correlators. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Sample random networks and measure moments and connected correlators with errors.")
final class EnsembleCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The run's inputs; also read back from result files by {@code nnft merge}. */
    static final class Inputs {
        @Option(names = "--arch", defaultValue = "cos",
                description = "cos | cauchy | gauss | erf | relu (default ${DEFAULT-VALUE})")
        String arch;
        @Option(names = "--dim", defaultValue = "1", description = "input dimension d (cos: 1..4)")
        int dim;
        @Option(names = "--width", defaultValue = "100", description = "hidden width N")
        int width;
        @Option(names = "--outputs", defaultValue = "1", description = "output components (gauss/erf/relu)")
        int outputs;
        @Option(names = "--networks", defaultValue = "100000", description = "ensemble size")
        long networks;
        @Option(names = "--mass", defaultValue = "1.0", description = "cos/cauchy mass m")
        double mass;
        @Option(names = "--cutoff", defaultValue = "10.0", description = "cos momentum cutoff Lambda")
        double cutoff;
        @Option(names = "--sigma-a", defaultValue = "1.0", description = "cos output-weight scale sigma_a")
        double sigmaA;
        @Option(names = "--sigma-w", defaultValue = "1.0", description = "gauss/erf/relu weight scale sigma_W")
        double sigmaW;
        @Option(names = "--sigma-b", defaultValue = "0.0", description = "gauss/erf/relu bias scale sigma_b")
        double sigmaB;
        @Option(names = "--points", description = "points, ';' between points, ',' between coordinates "
                + "(default: 0;0.25;0.5;1;1.5;2 along the first axis)")
        String points;
        @Option(names = "--points-file", description = "file with one point per line")
        Path pointsFile;
        @Option(names = "--order", defaultValue = "4", description = "highest correlator order: 2, 4 or 6")
        int order;
        @Option(names = "--block-size", defaultValue = "256", description = "networks per kernel work item")
        int blockSize;
        @Option(names = "--bins", description = "jackknife bins, 2 to the number of blocks (default: 64, or the"
                + " number of blocks when there are fewer)")
        Integer bins;
        @Option(names = "--seed", defaultValue = "1", description = "Philox seed")
        long seed;
        @Option(names = "--precision", defaultValue = "double", description = "field precision: single (float32 "
                + "field, float64 moments) or double (default ${DEFAULT-VALUE})")
        String precision = "double";

        /** --precision, checked: single or double. */
        Precision precision() {
            return PrecisionOption.parse(precision);
        }

        double[][] points() {
            if (points != null && pointsFile != null) {
                throw new IllegalArgumentException("give --points or --points-file, not both");
            }
            if (pointsFile != null) {
                return PointsParser.file(pointsFile, dim);
            }
            String text = points != null ? points : defaultPoints(dim);
            return PointsParser.inline(text, dim);
        }

        private static String defaultPoints(int dim) {
            StringBuilder sb = new StringBuilder();
            for (double t : new double[]{0, 0.25, 0.5, 1, 1.5, 2}) {
                sb.append(sb.isEmpty() ? "" : ";").append(t);
                sb.append(",0".repeat(Math.max(0, dim - 1)));
            }
            return sb.toString();
        }

        /** The architecture of these inputs at hidden width {@code n} (the inputs are not changed). */
        Architecture architecture(int n) {
            return switch (arch.toLowerCase(Locale.ROOT)) {
                case "cos" -> CosNet.freeScalar(dim, mass, cutoff, sigmaA, n);
                case "cauchy" -> {
                    if (dim != 1) {
                        throw new IllegalArgumentException("--dim: the Cauchy cos-net is 1-dimensional, got " + dim);
                    }
                    yield CosNet.cauchy(mass, sigmaA, n);
                }
                case "gauss", "erf", "relu" -> new ShallowNetwork(Activation.valueOf(arch.toUpperCase(Locale.ROOT)),
                        dim, outputs, n, sigmaW, sigmaB);
                default -> throw new IllegalArgumentException("--arch: unknown architecture '" + arch
                        + "' (known: cos, cauchy, gauss, erf, relu)");
            };
        }

        /** The engine's configuration; its range errors name the option (see {@link EngineMessages}). */
        EnsembleConfig config() {
            return config(width);
        }

        /** The run of these inputs at hidden width {@code n} (the inputs are not changed). */
        EnsembleConfig config(int n) {
            if (order != 2 && order != 4 && order != 6) {
                throw new IllegalArgumentException("--order must be 2, 4 or 6, got " + order);
            }
            if (bins != null && blockSize > 0 && networks > 0) {
                long blocks = (networks + blockSize - 1) / blockSize;
                if (bins < 2 || bins > blocks) {
                    throw new IllegalArgumentException("--bins must be in [2, " + blocks + "] (the number of blocks of"
                            + " --block-size " + blockSize + " networks), got " + bins);
                }
            }
            Precision p = precision();
            try {
                return EnsembleConfig.builder(architecture(n), points()).maxOrder(order).networks(networks)
                        .blockSize(blockSize).seed(seed).jackknifeBins(effectiveBins()).precision(p).build();
            } catch (IllegalArgumentException e) {
                throw EngineMessages.withOptionName(e);
            }
        }

        /** --bins, or the default the run gets without it. */
        int effectiveBins() {
            return bins != null ? bins : EnsembleConfig.defaultJackknifeBins(networks, blockSize);
        }

        Map<String, Object> toJson() {
            return Json.object("arch", arch, "dim", dim, "width", width, "outputs", outputs, "networks", networks,
                    "mass", mass, "cutoff", cutoff, "sigmaA", sigmaA, "sigmaW", sigmaW, "sigmaB", sigmaB,
                    "points", points(), "order", order, "blockSize", blockSize, "bins", effectiveBins(),
                    "seed", seed, "precision", precision().label());
        }

        static Inputs fromJson(JsonNode c) {
            Inputs in = new Inputs();
            in.arch = c.get("arch").asText();
            in.dim = c.get("dim").asInt();
            in.width = c.get("width").asInt();
            in.outputs = c.get("outputs").asInt();
            in.networks = c.get("networks").asLong();
            in.mass = c.get("mass").asDouble();
            in.cutoff = c.get("cutoff").asDouble();
            in.sigmaA = c.get("sigmaA").asDouble();
            in.sigmaW = c.get("sigmaW").asDouble();
            in.sigmaB = c.get("sigmaB").asDouble();
            StringBuilder sb = new StringBuilder();
            for (var p : c.get("points")) {
                StringBuilder q = new StringBuilder();
                for (var x : p) {
                    q.append(q.isEmpty() ? "" : ",").append(x.asDouble());
                }
                sb.append(sb.isEmpty() ? "" : ";").append(q);
            }
            in.points = sb.toString();
            in.order = c.get("order").asInt();
            in.blockSize = c.get("blockSize").asInt();
            in.bins = c.get("bins").asInt();
            in.seed = c.get("seed").asLong();
            in.precision = c.path("precision").asText("double");
            return in;
        }
    }

    @CommandLine.Mixin
    RunOptions run;
    @CommandLine.Mixin
    ExportOptions export = new ExportOptions();

    @CommandLine.ArgGroup(exclusive = false, heading = "%nInputs:%n")
    Inputs inputs = new Inputs();

    @Option(names = "--shard", description = "run shard i/k of the jackknife bins (with --sampler mcmc: of the chains;"
            + " merge shards with 'nnft merge')")
    String shard;
    @CommandLine.ArgGroup(exclusive = false, heading = "%nDeformation (phi^4 and other local potentials):%n")
    DeformationOptions deformation = new DeformationOptions();

    @Option(names = "--cutoffs", description = "also run 'nnft couplings' with these input-space cutoffs on the "
            + "result (written beside it as <out>-couplings.json)")
    String cutoffs;

    @Override
    public Integer call() {
        Path out = run.checkedOutPath(spec, "ensemble.json");
        ResultExports exports = export.checked(out, false);
        ArchitectureOptions.requireApplicable(spec.commandLine().getParseResult(), inputs.arch);
        if (deformation.active()) {
            if (cutoffs != null) {
                throw new IllegalArgumentException("--cutoffs: for deformed runs use 'nnft couplings' on the result "
                        + "(the closed loop, with --free)");
            }
            return callDeformed(out, exports);
        }
        if (cutoffs != null) {
            RunCouplings.check(cutoffs, inputs.order, inputs.outputs, inputs.dim);
            if (shard != null) {
                throw new IllegalArgumentException("--cutoffs: a shard holds part of the bins; merge, then run "
                        + "'nnft couplings'");
            }
        }
        EnsembleConfig config = inputs.config();
        int[] sh = parseShard(shard, config.jackknifeBins());
        BackendRun<EnsembleResult> sampled = BackendRun.on(run, backend -> sample(config.shard(sh[0], sh[1]),
                backend, run.quiet));
        EnsembleResult result = sampled.result();
        Map<String, Object> doc = document(inputs, sh, result, sampled.backend(), sampled.device(), sampled.start());
        try (OutputSet files = new OutputSet()) {
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            if (!run.noPlots) {
                plotTwoPoint(files, out, result);
            }
            files.commit();
        }
        spec.commandLine().getOut().println(summary(result));
        spec.commandLine().getOut().println("results: " + out.toAbsolutePath());
        if (cutoffs != null) {
            Path beside = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "")
                    + "-couplings.json");
            List<String> args = new ArrayList<>(List.of("couplings", out.toString(), "--cutoffs", cutoffs,
                    "--out", beside.toString()));
            if (run.noPlots) {
                args.add("--no-plots");
            }
            return Main.execute(args.toArray(String[]::new), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        return 0;
    }

    /** A deformed cos-net run (docs/physics.md A.3): same JSON layout plus the deformation and sampler diagnostics. */
    private Integer callDeformed(Path out, ResultExports exports) {
        EnsembleConfig config = inputs.config();
        deformation.validate(config);
        int[] sh = deformation.shard(shard, config);
        Progress progress = new Progress(System.err, run.quiet, "samples");
        BackendRun<DeformedResult> sampled = BackendRun.on(run,
                backend -> deformation.sample(config, sh, backend, progress));
        progress.done();
        DeformedResult result = sampled.result();
        if (result.essCollapsed()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "nnft: warning: effective sample size %.1f is below %.0f%% "
                    + "of %d networks; the reweighted estimates are unreliable%n", result.effectiveSampleSize(),
                    100 * DeformedResult.ESS_WARNING_FRACTION, result.samples());
        }
        Map<String, Object> cfg = inputs.toJson();
        cfg.put("shard", sh[0] + "/" + sh[1]);
        cfg.put("backend", sampled.backend());
        cfg.put("deformation", deformation.toJson(result));
        Map<String, Object> provenance = sampled.provenance(inputs.seed, result.provenance().wallSeconds(),
                "samples", result.samples());
        Map<String, Object> res = DeformedShards.results(result);
        Map<String, Object> doc = ResultDocument.of(cfg, provenance, res);
        try (OutputSet files = new OutputSet()) {
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            files.commit();
        }
        spec.commandLine().getOut().println(deformedSummary(result));
        spec.commandLine().getOut().println("results: " + out.toAbsolutePath());
        return 0;
    }

    static String deformedSummary(DeformedResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %,d samples on %s in %.2f s; ", r.sampler(), r.samples(),
                r.provenance().backend(), r.provenance().wallSeconds()));
        sb.append(r.sampler().equals("mcmc")
                ? String.format(Locale.ROOT, "acceptance %.3f, tau_int(S) %.2f, tau_int(phi0^2) %.2f sweeps%n",
                        r.acceptance(), r.tauIntAction(), r.tauIntPhi2())
                : String.format(Locale.ROOT, "ESS %.1f (%.1f%%)%n", r.effectiveSampleSize(),
                        100 * r.effectiveSampleSize() / r.samples()));
        appendTable(sb, r.tuples(), r.estimates(), null);
        return sb.toString();
    }

    /** Parses "i/k" (default 0/1) and checks it against the number of bins. */
    static int[] parseShard(String text, int bins) {
        if (text == null) {
            return new int[]{0, 1};
        }
        String[] p = text.split("/");
        try {
            int i = Integer.parseInt(p[0].trim()), k = Integer.parseInt(p[1].trim());
            if (p.length != 2 || k < 1 || i < 0 || i >= k || k > bins) {
                throw new IllegalArgumentException("--shard must be i/k with 0 <= i < k <= bins (" + bins
                        + "), got " + text);
            }
            return new int[]{i, k};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--shard must be i/k, got '" + text + "'");
        }
    }

    /** Samples {@code config}'s shard bin by bin ({@link EnsembleRun#sample}) with a progress line on stderr. */
    static EnsembleResult sample(EnsembleConfig config, Backend backend, boolean quiet) {
        Progress progress = new Progress(System.err, quiet, "networks");
        EnsembleResult r = EnsembleRun.sample(config, backend, progress, null);
        progress.done();
        return r;
    }

    /** The result document of an ensemble run or of merged shards. */
    static Map<String, Object> document(Inputs inputs, int[] shard, EnsembleResult r, String backend, String device,
                                        Instant start) {
        Map<String, Object> config = inputs.toJson();
        config.put("shard", shard[0] + "/" + shard[1]);
        config.put("backend", backend);
        Map<String, Object> provenance = ResultDocument.provenance(backend, device, r.config().seed(), start,
                r.provenance().wallSeconds(), "networksSampled", r.moments().totalCount());
        List<Object> correlators = new ArrayList<>();
        CorrelatorEstimates e = r.estimates();
        Tuples t = r.tuples();
        for (int i = 0; i < t.size(); i++) {
            int[] sites = t.tuple(i);
            Map<String, Object> entry = Json.object("order", sites.length, "points", sites,
                    "moment", Json.valueError(e.moment(i), e.momentError(i)),
                    "connected", Json.valueError(e.connected(i), e.connectedError(i)));
            double connectedTheory = r.theory(i);
            if (Double.isFinite(connectedTheory)) {
                entry.put("theory", Json.object("moment", r.momentTheory(i), "connected", connectedTheory));
            }
            correlators.add(entry);
        }
        var data = r.moments().toData();
        Map<String, Object> blocks = Json.object("pointCount", data.pointCount(), "tuples", data.tuples(),
                "blockIds", data.blockIds(), "counts", data.counts(), "sums", data.sums());
        return ResultDocument.of(config, provenance,
                Json.object("points", r.points(), "correlators", correlators, "blockSums", blocks));
    }

    static String summary(EnsembleResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d networks on %s in %.2f s%n", r.moments().totalCount(),
                r.provenance().backend(), r.provenance().wallSeconds()));
        appendTable(sb, r.tuples(), r.estimates(), r::theory);
        return sb.toString();
    }

    /**
     * The 2-point rows and the coincident higher-order rows (at most 12) of a result, with the theory
     * column when {@code theory} (tuple index to connected theory value) is given.
     */
    private static void appendTable(StringBuilder sb, Tuples t, CorrelatorEstimates e,
                                    IntToDoubleFunction theory) {
        sb.append(String.format(Locale.ROOT, "%-14s %14s %12s %14s %12s%s%n", "points", "moment", "error",
                "connected", "error", theory == null ? "" : String.format(Locale.ROOT, " %14s", "theory(conn)")));
        int shown = 0;
        for (int i = 0; i < t.size() && shown < 12; i++) {
            int[] s = t.tuple(i);
            if (s.length < 2 || (s.length > 2 && !allEqual(s))) {
                continue;
            }
            shown++;
            sb.append(String.format(Locale.ROOT, "%-14s %14.6g %12.3g %14.6g %12.3g%s%n", Arrays.toString(s),
                    e.moment(i), e.momentError(i), e.connected(i), e.connectedError(i),
                    theory == null ? "" : String.format(Locale.ROOT, " %14.6g", theory.applyAsDouble(i))));
        }
        sb.append("(first rows shown; all tuples are in the JSON)");
    }

    private static boolean allEqual(int[] s) {
        for (int v : s) {
            if (v != s[0]) {
                return false;
            }
        }
        return true;
    }

    /** The measured G(x_0, x_j) against theory, as a function of |x_j - x_0|. */
    static void plotTwoPoint(OutputSet files, Path json, EnsembleResult r) {
        double[][] p = r.points();
        int outputs = r.config().architecture().outputDimension();
        double[] x = new double[p.length], y = new double[p.length], err = new double[p.length],
                th = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            double d2 = 0;
            for (int k = 0; k < p[j].length; k++) {
                d2 += (p[j][k] - p[0][k]) * (p[j][k] - p[0][k]);
            }
            x[j] = Math.sqrt(d2);
            var c = r.correlator(0, j * outputs);
            y[j] = c.moment();
            err[j] = c.momentError();
            th[j] = c.theory();
        }
        Path png = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + "-g2.png");
        Plots.measuredVsTheory(files, png, "2-pt function G(x0, x)", "|x - x0|", "G", x, y, err, x, th);
    }
}
