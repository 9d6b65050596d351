package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.cli.plot.VertexHeatMap;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.couplings.AmputatedVertex;
import org.nnft.ensemble.couplings.ExactMoments;
import org.nnft.ensemble.couplings.QuarticCouplings;
import org.nnft.stats.BlockMoments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nnft couplings}: from the measured correlators of an ensemble result back to the field
 * theory (docs/couplings.md): the quartic coupling per cutoff, its power law in the cutoff and the
 * first-order 6-point prediction (d = 1..3), and the amputated vertex (d = 1).
 */
@Command(name = "couplings", mixinStandardHelpOptions = true,
        description = "Quartic coupling lambda(Lambda_in) from the 4-pt functions of an 'nnft ensemble' result, "
                + "its log-log fit and the first-order 6-pt prediction (docs/couplings.md).")
final class CouplingsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "result file of 'nnft ensemble' or 'nnft merge';"
            + " or one or more phi^4-deformed (reweighted) results for the closed loop (docs/couplings.md section 8)")
    List<Path> inputs;
    @Option(names = "--cutoffs", description = "input-space cutoffs Lambda_in, comma-separated, e.g. 10,20,50 "
            + "(required for an undeformed result)")
    String cutoffs;
    @Option(names = "--free", split = ",", paramLabel = "FILE", description = "closed loop: free 'nnft ensemble' "
            + "results of the deformed runs' inputs and seed (the same networks), comma-separated")
    List<Path> free = new ArrayList<>();
    @Option(names = "--out", defaultValue = "couplings.json",
            description = "result JSON file (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--no-plots", description = "do not write the PNG plot")
    boolean noPlots;
    @CommandLine.Mixin
    ExportOptions export = new ExportOptions();

    @Override
    public Integer call() {
        RunOptions.checkedOut(spec, out);
        ResultExports exports = export.checked(out, false);
        if (ClosedLoopCouplings.isDeformed(inputs.get(0))) {
            if (cutoffs != null) {
                throw new IllegalArgumentException("--cutoffs: the closed loop of deformed results takes no cutoffs");
            }
            if (exports.npz() != null) {
                throw new IllegalArgumentException("--export: the closed loop of deformed results writes JSON and "
                        + "plots only");
            }
            return ClosedLoopCouplings.run(inputs, free, out, noPlots, spec.commandLine().getOut());
        }
        if (inputs.size() != 1 || !free.isEmpty()) {
            throw new IllegalArgumentException("give one undeformed result (several results and --free are for "
                    + "deformed results)");
        }
        if (cutoffs == null) {
            throw new IllegalArgumentException("--cutoffs is required for an undeformed result, "
                    + "e.g. --cutoffs 10,20,50");
        }
        Path input = inputs.get(0);
        double[] lambdas = parseCutoffs(cutoffs);
        Input in = read(input);
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        QuarticCouplings q = QuarticCouplings.of(in.architecture(), in.points(), in.moments().tuples(), lambdas);
        QuarticCouplings.Result r = q.analyse(in.moments());
        double[] x = new double[in.points().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = in.points()[i][0];
        }
        AmputatedVertex vertex = null;
        AmputatedVertex.Result v;
        int dim = in.points()[0].length;
        if (dim != 1) {
            String why = RunCouplings.noVertex(dim);
            v = new AmputatedVertex.Result(Double.NaN, why, new double[0], Double.NaN, List.of(), null, null);
            spec.commandLine().getErr().println("nnft couplings: " + why);
        } else {
            try {
                vertex = new AmputatedVertex(x, in.moments().tuples());
                v = vertex.analyse(in.moments());
            } catch (IllegalArgumentException noVertex) { // e.g. a repeated point: G2 is singular
                v = new AmputatedVertex.Result(Double.NaN, noVertex.getMessage(), new double[0], Double.NaN,
                        List.of(), null, null);
            }
        }
        // theory: the same analysis of the architecture's exact finite-width moments, where they are known
        double[] exactMoments = ExactMoments.of(in.architecture(), in.points(), in.moments().tuples());
        boolean known = true;
        for (int i = 0; i < exactMoments.length; i++) {
            known &= in.moments().tuples().order(i) > 4 || Double.isFinite(exactMoments[i]);
        }
        QuarticCouplings.Result theory = known ? q.exact(exactMoments) : null;
        AmputatedVertex.Result vertexTheory = known && vertex != null ? vertex.exact(exactMoments) : null;
        double seconds = (System.nanoTime() - t0) * 1e-9;

        Map<String, Object> config = Json.object("input", input.toString(), "cutoffs", lambdas,
                "ensemble", in.config());
        Map<String, Object> provenance = ResultDocument.provenance("host", "analysis on the host, no device",
                in.config().path("seed").asLong(), start, seconds, "networks", in.moments().totalCount(),
                "bins", in.moments().blockCount());
        Map<String, Object> results = Json.object("convention", QuarticCouplings.CONVENTION,
                "quartic", quartic(r, theory), "sixPoint", sixPoint(r, q, theory), "fit", fit(r, theory),
                "vertex", vertex(v, vertexTheory),
                "theorySource", theory == null ? "none (no exact finite-width G4_c for this architecture)"
                        : "the same analysis of the architecture's exact finite-width moments");
        Map<String, Object> doc = ResultDocument.of(config, provenance, results);
        Path png = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + "-lambda.png");
        Path heat = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + "-vertex.png");
        boolean heatMap = !noPlots && v.refusal() == null && !v.vertex().isEmpty();
        try (OutputSet files = new OutputSet()) {
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            if (!noPlots) {
                plot(files, png, r);
            }
            if (heatMap) {
                VertexHeatMap.write(files, heat, "amputated vertex V(y1, y1, y2, y2)", x, vertex.fourTuples(),
                        v.vertex().stream().mapToDouble(e -> e.lambda().value()).toArray());
            }
            files.commit();
        }
        var o = spec.commandLine().getOut();
        o.print(summary(r, q, theory));
        o.print(vertexSummary(v, vertexTheory));
        if (!noPlots) {
            o.println("plot: " + png.toAbsolutePath());
        }
        if (heatMap) {
            o.println("plot: " + heat.toAbsolutePath());
        }
        o.println("results: " + out.toAbsolutePath());
        return 0;
    }

    private static List<Object> quartic(QuarticCouplings.Result r, QuarticCouplings.Result theory) {
        List<Object> list = new ArrayList<>();
        for (int c = 0; c < r.quartic().size(); c++) {
            QuarticCouplings.CutoffCoupling cc = r.quartic().get(c);
            List<Object> tuples = new ArrayList<>();
            for (int t = 0; t < cc.tuples().size(); t++) {
                QuarticCouplings.TupleCoupling tc = cc.tuples().get(t);
                Map<String, Object> e = Json.object("points", tc.points(), "lambda", ve(tc.lambda()));
                if (theory != null) {
                    e.put("theory", theory.quartic().get(c).tuples().get(t).lambda().value());
                }
                tuples.add(e);
            }
            Map<String, Object> entry = Json.object("cutoff", cc.cutoff(), "mean", ve(cc.mean()),
                    "meanLambdaPrime", Json.valueError(cc.mean().value() / 24, cc.mean().error() / 24));
            if (theory != null) {
                entry.put("theory", theory.quartic().get(c).mean().value());
            }
            entry.put("tuples", tuples);
            list.add(entry);
        }
        return list;
    }

    private static Object sixPoint(QuarticCouplings.Result r, QuarticCouplings q, QuarticCouplings.Result theory) {
        if (!q.hasSixPoint()) {
            return null;
        }
        List<Object> list = new ArrayList<>();
        for (int c = 0; c < r.sixPoint().size(); c++) {
            QuarticCouplings.SixPoint s = r.sixPoint().get(c);
            Map<String, Object> entry = Json.object("cutoff", s.cutoff(), "gpRatio", ve(s.gpRatio()),
                    "predictedRatio", ve(s.predictedRatio()));
            if (theory != null && Double.isFinite(theory.sixPoint().get(c).gpRatio().value())) {
                entry.put("theory", Json.object("gpRatio", theory.sixPoint().get(c).gpRatio().value(),
                        "predictedRatio", theory.sixPoint().get(c).predictedRatio().value()));
            }
            list.add(entry);
        }
        return list;
    }

    private static Object fit(QuarticCouplings.Result r, QuarticCouplings.Result theory) {
        if (r.fit() == null) {
            return null;
        }
        QuarticCouplings.Fit f = r.fit();
        Map<String, Object> entry = Json.object("slope", Json.valueError(f.slope(), f.slopeError()),
                "slopeJackknifeError", f.slopeJackknifeError(),
                "amplitude", f.amplitude(), "chiSquarePerDegree", f.chiSquarePerDegree(),
                "model", "lambda_mean = amplitude * Lambda_in^slope, weighted fit of log|lambda_mean|");
        if (theory != null && theory.fit() != null) {
            entry.put("theory", Json.object("slope", theory.fit().slope(), "amplitude", theory.fit().amplitude()));
        }
        return entry;
    }

    private static Map<String, Object> vertex(AmputatedVertex.Result v, AmputatedVertex.Result theory) {
        if (v.refusal() != null) {
            return Json.object("condition", v.condition(), "missing", v.refusal());
        }
        boolean exact = theory != null && theory.refusal() == null;
        List<Object> tuples = new ArrayList<>();
        for (int t = 0; t < v.vertex().size(); t++) {
            Map<String, Object> e = Json.object("points", v.vertex().get(t).points(), "vertex",
                    ve(v.vertex().get(t).lambda()));
            if (exact) {
                e.put("theory", theory.vertex().get(t).lambda().value());
            }
            tuples.add(e);
        }
        Map<String, Object> out = Json.object("condition", v.condition(), "cellVolumes", v.cellVolumes(),
                "zeroMomentum", ve(v.zeroMomentum()), "locality", ve(v.locality()),
                "localityRadius", v.localityRadius());
        if (exact) {
            out.put("theory", Json.object("zeroMomentum", theory.zeroMomentum().value(),
                    "locality", theory.locality().value(), "condition", theory.condition()));
        }
        out.put("definition", "V(y1..y4) = -sum_x G4_c(x1..x4) prod_i G2^-1(x_i, y_i) / prod_i v(y_i); "
                + "zeroMomentum = mean over y1 of sum_{y2,y3,y4} V v(y2) v(y3) v(y4) (= lambda for a local "
                + "(lambda/4!) phi^4 at first order); locality = share of sum |V v^4| within localityRadius");
        out.put("tuples", tuples);
        return out;
    }

    static String vertexSummary(AmputatedVertex.Result v, AmputatedVertex.Result theory) {
        if (v.refusal() != null) {
            return "vertex: missing: " + v.refusal() + "\n";
        }
        return String.format(Locale.ROOT, "vertex: G2 condition number %.3g; zero-momentum vertex %.6g +- %.3g; "
                        + "locality (weight within %.3g of the diagonal) %.3f +- %.3f%s%n", v.condition(),
                v.zeroMomentum().value(), v.zeroMomentum().error(), v.localityRadius(), v.locality().value(),
                v.locality().error(), theory == null || theory.refusal() != null ? ""
                        : String.format(Locale.ROOT, "%n        theory: zero-momentum vertex %.6g, locality %.3f",
                                theory.zeroMomentum().value(), theory.locality().value()));
    }

    private static Map<String, Object> ve(QuarticCouplings.Estimate e) {
        return Json.valueError(e.value(), e.error());
    }

    static String summary(QuarticCouplings.Result r, QuarticCouplings q, QuarticCouplings.Result theory) {
        StringBuilder sb = new StringBuilder();
        sb.append("quartic coupling, S_int = (lambda/4!) int phi^4 (2008.08601's lambda' = lambda/24), ")
                .append(q.fourTuples().length).append(" 4-tuples averaged\n");
        sb.append(String.format(Locale.ROOT, "%10s %14s %12s%s%n", "Lambda_in", "lambda", "error",
                theory == null ? "" : String.format(Locale.ROOT, " %14s", "theory")));
        for (int i = 0; i < r.quartic().size(); i++) {
            QuarticCouplings.CutoffCoupling c = r.quartic().get(i);
            sb.append(String.format(Locale.ROOT, "%10.4g %14.6g %12.3g%s%n", c.cutoff(), c.mean().value(),
                    c.mean().error(), theory == null ? ""
                            : String.format(Locale.ROOT, " %14.6g", theory.quartic().get(i).mean().value())));
        }
        if (r.fit() != null) {
            sb.append(String.format(Locale.ROOT,
                    "fit lambda ~ Lambda_in^s: s = %.4f +- %.2g (weighted fit; jackknife %.2g), "
                    + "chi2/dof %.3g%s%n", r.fit().slope(), r.fit().slopeError(), r.fit().slopeJackknifeError(),
                    r.fit().chiSquarePerDegree(),
                    theory == null || theory.fit() == null ? ""
                            : String.format(Locale.ROOT, ", theory %.4f", theory.fit().slope())));
        } else {
            sb.append("fit: none (needs 2 distinct cutoffs and tuple-averaged couplings of one sign)\n");
        }
        if (q.hasSixPoint()) {
            boolean exact = theory != null && Double.isFinite(theory.sixPoint().get(0).gpRatio().value());
            sb.append("6-pt: tuple-averaged ratios to the measured G6\n");
            sb.append(String.format(Locale.ROOT, "%10s %12s %10s %14s %10s%s%n", "Lambda_in", "G6_GP/G6", "error",
                    "G6_pred/G6", "error", exact
                    ? String.format(Locale.ROOT, " %12s %12s", "theory GP", "theory pred") : ""));
            for (int i = 0; i < r.sixPoint().size(); i++) {
                QuarticCouplings.SixPoint s = r.sixPoint().get(i);
                sb.append(String.format(Locale.ROOT, "%10.4g %12.6f %10.2g %14.6f %10.2g%s%n", s.cutoff(),
                        s.gpRatio().value(), s.gpRatio().error(), s.predictedRatio().value(),
                        s.predictedRatio().error(),
                        exact ? String.format(Locale.ROOT, " %12.6f %12.6f", theory.sixPoint().get(i).gpRatio().value(),
                                theory.sixPoint().get(i).predictedRatio().value()) : ""));
            }
        } else {
            sb.append("6-pt: no 6-point moments in the input (run 'nnft ensemble --order 6')\n");
        }
        return sb.toString();
    }

    private static void plot(OutputSet files, Path png, QuarticCouplings.Result r) {
        int n = r.quartic().size();
        double[] x = new double[n], y = new double[n], e = new double[n];
        for (int i = 0; i < n; i++) {
            var c = r.quartic().get(i);
            x[i] = c.cutoff();
            y[i] = Math.abs(c.mean().value());
            e[i] = c.mean().error();
        }
        double sign = n > 0 ? Math.signum(r.quartic().get(0).mean().value()) : 1;
        Plots.logLog(files, png, "quartic coupling " + (sign < 0 ? "-lambda" : "lambda") + " against the input cutoff",
                "Lambda_in", sign < 0 ? "-lambda" : "lambda", x, y, e,
                r.fit() == null ? Double.NaN : r.fit().slope(),
                r.fit() == null ? Double.NaN : Math.abs(r.fit().amplitude()));
    }

    /** Cutoffs "10,20,50": positive, finite, distinct. */
    static double[] parseCutoffs(String text) {
        String[] parts = text.split(",");
        double[] c = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                c[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--cutoffs: '" + parts[i].trim()
                        + "' is not a number (give e.g. 10,20,50)");
            }
            if (!(c[i] > 0) || Double.isInfinite(c[i])) {
                throw new IllegalArgumentException("--cutoffs must be positive and finite, got " + parts[i].trim());
            }
        }
        if (Arrays.stream(c).distinct().count() != c.length) {
            throw new IllegalArgumentException("--cutoffs must be distinct, got " + text);
        }
        return c;
    }

    private record Input(JsonNode config, Architecture architecture, double[][] points, BlockMoments moments) {
    }

    /** Reads and checks the input; every problem is an IllegalArgumentException (exit 2) before any work. */
    private static Input read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        JsonNode doc;
        try {
            doc = ResultFile.read(file);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": not a JSON result file");
        }
        JsonNode config = doc.path("config");
        JsonNode blocks = doc.path("results").path("blockSums");
        if (!config.isObject() || !config.has("arch")) {
            throw new IllegalArgumentException(file + ": not an 'nnft ensemble' result file");
        }
        if (!blocks.isObject()) {
            throw new IllegalArgumentException(file + ": not an 'nnft ensemble' result file (no results.blockSums)");
        }
        if (config.path("order").asInt() < 4) {
            throw new IllegalArgumentException(file + ": no 4-point moments (order " + config.path("order").asInt()
                    + "; run 'nnft ensemble --order 4' or 6)");
        }
        if (config.path("outputs").asInt(1) != 1) {
            throw new IllegalArgumentException(file + ": couplings need a scalar field (--outputs 1), got "
                    + config.path("outputs").asInt() + " outputs");
        }
        if (config.path("dim").asInt() < 1 || config.path("dim").asInt() > RunCouplings.MAX_DIM) {
            throw new IllegalArgumentException(file + ": couplings are implemented for d = 1.." + RunCouplings.MAX_DIM
                    + " input spaces, got d = " + config.path("dim").asInt());
        }
        if (!config.path("shard").asText("0/1").equals("0/1")) {
            throw new IllegalArgumentException(file + ": shard " + config.path("shard").asText()
                    + " of a run; merge the shards first ('nnft merge')");
        }
        EnsembleCommand.Inputs inputs = EnsembleCommand.Inputs.fromJson(config);
        Architecture arch = inputs.architecture(inputs.width);
        double[][] points = inputs.points();
        BlockMoments moments;
        try {
            moments = BlockMoments.fromData(blockData(blocks));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": unreadable results.blockSums (" + e.getMessage() + ")");
        }
        if (moments.tuples().pointCount() != points.length || moments.blockCount() < 2) {
            throw new IllegalArgumentException(file + ": results.blockSums do not match the points or hold < 2 bins");
        }
        return new Input(config, arch, points, moments);
    }

    private static BlockMoments.Data blockData(JsonNode b) {
        int[][] tuples = new int[b.get("tuples").size()][];
        for (int i = 0; i < tuples.length; i++) {
            JsonNode t = b.get("tuples").get(i);
            tuples[i] = new int[t.size()];
            for (int j = 0; j < t.size(); j++) {
                tuples[i][j] = t.get(j).asInt();
            }
        }
        int n = b.get("blockIds").size();
        long[] ids = new long[n], counts = new long[n];
        double[][] sums = new double[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = b.get("blockIds").get(i).asLong();
            counts[i] = b.get("counts").get(i).asLong();
            JsonNode s = b.get("sums").get(i);
            sums[i] = new double[s.size()];
            for (int j = 0; j < s.size(); j++) {
                sums[i][j] = s.get(j).asDouble();
            }
        }
        return new BlockMoments.Data(b.get("pointCount").asInt(), tuples, ids, counts, sums);
    }
}
