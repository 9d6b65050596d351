package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.cli.plot.VertexHeatMap;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.couplings.ClosedLoop;
import org.nnft.ensemble.couplings.QuarticCouplings;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.IntegrationBox;
import org.nnft.ensemble.deform.Potential;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.Tuples;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nnft couplings} on phi^4-deformed (reweighted) cos-net results: the closed loop of docs/couplings.md
 * section 8 ({@link ClosedLoop}), one entry per deformed result, with the free G4_c taken from a free
 * {@code nnft ensemble} result of the same inputs and seed (the same networks) where one is given, else from
 * the exact theory. Every input is read and checked before any analysis (exit 2 with one line).
 */
final class ClosedLoopCouplings {
    private ClosedLoopCouplings() {
    }

    /** The ensemble inputs that must agree between a deformed result and its free control run. */
    private static final String[] SAME = {"arch", "dim", "width", "outputs", "networks", "mass", "cutoff", "sigmaA",
        "points", "order", "blockSize", "bins", "seed"};

    /** Whether a result file holds a deformed ensemble (its config has a deformation block). */
    static boolean isDeformed(Path file) {
        return document(file).path("config").has("deformation");
    }

    private record Deformed(Path file, JsonNode config, CosNet net, Deformation deformation, double[] points,
                            Tuples tuples, long[] counts, double[] weights, double[][] sums, Path free,
                            double[][] freeSums) {
    }

    /** Reads and checks all inputs, then analyses each deformed result; returns the exit code. */
    static int run(List<Path> inputs, List<Path> frees, Path out, boolean noPlots, PrintWriter o) {
        List<JsonNode> freeDocs = new ArrayList<>();
        for (Path f : frees) {
            JsonNode d = document(f);
            if (d.path("config").has("deformation") || !d.path("results").path("blockSums").isObject()) {
                throw new IllegalArgumentException("--free " + f + ": not a free (undeformed) 'nnft ensemble' result");
            }
            freeDocs.add(d);
        }
        List<Deformed> runs = new ArrayList<>();
        for (Path file : inputs) {
            runs.add(read(file, frees, freeDocs));
        }
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        try (OutputSet files = new OutputSet()) {
            analyse(runs, inputs, frees, out, noPlots, o, files, start, t0);
            files.commit();
        }
        o.println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** Analyses each deformed result, printing its row, and stages the result file and the plots in {@code files}. */
    private static void analyse(List<Deformed> runs, List<Path> inputs, List<Path> frees, Path out, boolean noPlots,
                                PrintWriter o, OutputSet files, Instant start, long t0) {
        List<Object> entries = new ArrayList<>();
        int n = runs.size();
        double[] in = new double[n], rec = new double[n], err = new double[n];
        o.printf(Locale.ROOT, "closed loop: lambda from the amputated vertex of G4_c(deformed) - G4_c(free), "
                + "S_int = (lambda/4!) int_box phi^4%n");
        o.printf(Locale.ROOT, "%8s %8s %10s %18s %18s %9s %9s %9s %9s%n", "lambda", "box", "free", "V_0 (raw)",
                "lambda (corr.)", "first", "width", "second", "remain.");
        for (int i = 0; i < n; i++) {
            Deformed d = runs.get(i);
            ClosedLoop loop = new ClosedLoop(d.net(), d.deformation(), d.points(), d.tuples());
            ClosedLoop.Result r = d.freeSums() == null ? loop.analyse(d.counts(), d.sums(), d.weights())
                    : loop.analyse(d.counts(), d.freeSums(), d.sums(), d.weights());
            entries.add(entry(d, r));
            if (!noPlots) {
                String stem = out.getFileName().toString().replaceFirst("\\.json$", "");
                Path heat = out.resolveSibling(stem + "-vertex" + (i + 1) + ".png");
                String title = String.format(Locale.ROOT, "closed-loop vertex V(y1, y1, y2, y2), lambda %.3g",
                        loop.lambda());
                VertexHeatMap.write(files, heat, title, d.points(), loop.fourTuples(),
                        r.vertex().stream().mapToDouble(e -> e.lambda().value()).toArray());
                o.println("plot: " + heat.toAbsolutePath());
            }
            ClosedLoop.Prediction p = r.prediction();
            in[i] = loop.lambda();
            rec[i] = r.lambda().value();
            err[i] = r.lambda().error();
            o.printf(Locale.ROOT, "%8.4g %8.4g %10s %9.4f +- %5.4f %9.4f +- %5.4f %9.4f %+9.4f %+9.4f %9.4f%n",
                    loop.lambda(), d.deformation().box().sides()[0], d.freeSums() == null ? "exact" : "same nets",
                    r.zeroMomentum().value(), r.zeroMomentum().error(), r.lambda().value(), r.lambda().error(),
                    p.firstOrder(), p.finiteWidth(), p.secondOrder(), p.remainder());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> config = Json.object("inputs", inputs.stream().map(Path::toString).toList(),
                "free", frees.stream().map(Path::toString).toList());
        Map<String, Object> provenance = ResultDocument.provenance("host", "analysis on the host, no device",
                runs.get(0).config().path("seed").asLong(), start, seconds, "results", n);
        Map<String, Object> results = Json.object("convention", QuarticCouplings.CONVENTION,
                "definition", "V = amputation of dG4_c = G4_c(deformed) - G4_c(free) with the deformed G2; "
                        + "zeroMomentum = V_0 (raw); lambda = root of V_0 = a lambda + c lambda^2 with a = (first + "
                        + "width)/lambda_in, c = second/lambda_in^2 (docs/couplings.md section 8)",
                "closedLoop", entries);
        ResultFile.write(files, out, ResultDocument.of(config, provenance, results));
        if (!noPlots) {
            String stem = out.getFileName().toString().replaceFirst("\\.json$", "");
            Path png = out.resolveSibling(stem + "-closedloop.png");
            double lo = 0, hi = 0;
            for (double v : in) {
                hi = Math.max(hi, 1.1 * v);
                lo = Math.min(lo, 1.1 * v);
            }
            Plots.measuredVsTheory(files, png, "closed loop: reconstructed against input lambda", "input lambda",
                    "reconstructed lambda", in, rec, err, new double[]{lo, hi}, new double[]{lo, hi});
            o.println("plot: " + png.toAbsolutePath());
        }
    }

    private static Map<String, Object> entry(Deformed d, ClosedLoop.Result r) {
        ClosedLoop.Prediction p = r.prediction();
        List<Object> vertex = new ArrayList<>();
        for (int k = 0; k < r.vertex().size(); k++) {
            QuarticCouplings.TupleCoupling t = r.vertex().get(k);
            vertex.add(Json.object("points", t.points(), "vertex", ve(t.lambda()), "prediction", p.vertex()[k],
                    "firstOrder", p.firstOrderVertex()[k]));
        }
        return Json.object("input", d.file().toString(), "lambda", p.lambda(),
                "box", d.deformation().box().sides(), "pointsPerSide", d.deformation().box().pointsPerSide(),
                "freeG4c", d.free() == null ? "exact theory (no --free run of these inputs)"
                        : "measured on the same networks: " + d.free(),
                "zeroMomentum", ve(r.zeroMomentum()), "reconstructedLambda", ve(r.lambda()),
                "locality", ve(r.locality()),
                "prediction", Json.object("firstOrder", p.firstOrder(), "finiteWidth", p.finiteWidth(),
                        "secondOrder", p.secondOrder(), "remainderBound", p.remainder(),
                        "zeroMomentum", p.zeroMomentum(), "locality", p.locality()),
                "vertex", vertex);
    }

    private static Map<String, Object> ve(QuarticCouplings.Estimate e) {
        return Json.valueError(e.value(), e.error());
    }

    private static JsonNode document(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            return ResultFile.read(file);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": not a JSON result file");
        }
    }

    private static Deformed read(Path file, List<Path> frees, List<JsonNode> freeDocs) {
        JsonNode doc = document(file);
        JsonNode config = doc.path("config");
        JsonNode def = config.path("deformation");
        if (!def.isObject() || !config.has("arch")) {
            throw new IllegalArgumentException(file + ": not a deformed 'nnft ensemble' result (give one undeformed "
                    + "result with --cutoffs, or deformed results)");
        }
        if (!def.path("potential").asText().equals("phi4")) {
            throw new IllegalArgumentException(file + ": the closed loop needs a phi4 deformation, got "
                    + def.path("potential").asText());
        }
        String shard = config.path("shard").asText("0/1");
        if (!shard.equals("0/1")) {
            throw new IllegalArgumentException(file + ": holds shard(s) " + shard + " of a run; merge them first "
                    + "('nnft merge')");
        }
        JsonNode bins = doc.path("results").path("weightedBinSums");
        if (!bins.isObject()) {
            throw new IllegalArgumentException(file + ": no results.weightedBinSums (an MCMC run, or one written "
                    + "before they were added); re-run with --sampler reweight");
        }
        if (config.path("dim").asInt() != 1 || config.path("order").asInt() < 4) {
            throw new IllegalArgumentException(file + ": the closed loop needs d = 1 and --order 4 or 6");
        }
        EnsembleCommand.Inputs inputs = EnsembleCommand.Inputs.fromJson(config);
        Architecture arch = inputs.architecture(inputs.width);
        if (!(arch instanceof CosNet net)) {
            throw new IllegalArgumentException(file + ": deformed ensembles are cos-nets, got " + arch);
        }
        double[][] pts = inputs.points();
        double[] x = new double[pts.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts[i][0];
        }
        int b = bins.path("counts").size();
        long[] ids = new long[b];
        long[] counts = new long[b];
        double[] weights = new double[b];
        double[][] raw = new double[b][];
        for (int i = 0; i < b; i++) {
            ids[i] = i;
            counts[i] = bins.get("counts").get(i).asLong();
            weights[i] = bins.get("weights").get(i).asDouble();
            raw[i] = doubles(bins.get("sums").get(i));
        }
        onCommonReference(bins.path("logShifts"), weights, raw);
        BlockMoments weighted;
        try {
            weighted = BlockMoments.fromData(new BlockMoments.Data(bins.get("pointCount").asInt(),
                    ints(bins.get("tuples")), ids, counts, raw));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": unreadable results.weightedBinSums (" + e.getMessage() + ")");
        }
        if (b < 2 || weighted.tuples().pointCount() != x.length) {
            throw new IllegalArgumentException(file + ": results.weightedBinSums do not match the points or hold "
                    + "< 2 bins");
        }
        double[][] sums = new double[b][];
        for (int i = 0; i < b; i++) {
            sums[i] = weighted.sums(i);
        }
        JsonNode side = def.path("box");
        Deformation deformation;
        try {
            deformation = new Deformation(Potential.phi4(def.path("lambda").asDouble()),
                    new IntegrationBox(new double[]{side.get(0).asDouble()}, def.path("pointsPerSide").asInt()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": unreadable config.deformation (" + e.getMessage() + ")");
        }
        Path freeFile = null;
        double[][] freeSums = null;
        for (int f = 0; f < freeDocs.size() && freeFile == null; f++) {
            JsonNode fc = freeDocs.get(f).path("config");
            boolean same = true;
            for (String k : SAME) {
                same &= fc.path(k).equals(config.path(k));
            }
            if (same) {
                freeFile = frees.get(f);
                freeSums = freeSums(freeFile, freeDocs.get(f).path("results").path("blockSums"), weighted, counts);
            }
        }
        return new Deformed(file, config, net, deformation, x, weighted.tuples(), counts, weights, sums, freeFile,
                freeSums);
    }

    /** The free run's sums per bin in the deformed run's bin and tuple order (same networks: same bins). */
    private static double[][] freeSums(Path file, JsonNode b, BlockMoments weighted, long[] counts) {
        BlockMoments free;
        try {
            int n = b.get("blockIds").size();
            long[] ids = new long[n];
            long[] c = new long[n];
            double[][] s = new double[n][];
            for (int i = 0; i < n; i++) {
                ids[i] = b.get("blockIds").get(i).asLong();
                c[i] = b.get("counts").get(i).asLong();
                s[i] = doubles(b.get("sums").get(i));
            }
            free = BlockMoments.fromData(new BlockMoments.Data(b.get("pointCount").asInt(), ints(b.get("tuples")),
                    ids, c, s));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--free " + file + ": unreadable results.blockSums");
        }
        if (!free.tuples().equals(weighted.tuples()) || free.blockCount() != counts.length) {
            throw new IllegalArgumentException("--free " + file
                    + ": its tuples or bins differ from the deformed run's");
        }
        double[][] out = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (free.count(i) != counts[i]) {
                throw new IllegalArgumentException("--free " + file + ": bin " + i + " holds " + free.count(i)
                        + " networks, the deformed run's " + counts[i]);
            }
            out[i] = free.sums(i);
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = a.get(j).asDouble();
        }
        return v;
    }

    private static int[][] ints(JsonNode a) {
        int[][] v = new int[a.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = new int[a.get(i).size()];
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = a.get(i).get(j).asInt();
            }
        }
        return v;
    }

    /**
     * Puts per-bin weighted sums written with per-bin log shifts on one reference (the largest shift), as the
     * sampler does ({@code ReweightBins#sample}); files without shifts are on one reference already.
     */
    private static void onCommonReference(JsonNode shifts, double[] weights, double[][] sums) {
        if (!shifts.isArray() || shifts.size() != weights.length) {
            return;
        }
        double common = shifts.get(0).asDouble();
        for (JsonNode r : shifts) {
            common = Math.max(common, r.asDouble());
        }
        for (int b = 0; b < weights.length; b++) {
            double f = Math.exp(shifts.get(b).asDouble() - common);
            for (int t = 0; t < sums[b].length; t++) {
                sums[b][t] = sums[b][t] * f;
            }
            weights[b] = weights[b] * f;
        }
    }
}
