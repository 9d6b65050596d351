package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.engine.Backend;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.Tuples;
import org.nnft.theory.NonGaussianity;
import org.nnft.theory.PowerLawFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nnft widths}: the same ensemble at several widths N, and its non-Gaussianity
 * m_n = |G_n - G_n^GP| / G_n^GP (physics.md A.1, arXiv:2008.08601) against N: averaged over the
 * order-n tuples whose Wick prediction G_n^GP is at least {@value #MIN_RELATIVE_GP} of the largest
 * (tuples where G^GP nearly cancels would dominate the average with noise), with error the mean of
 * the tuples' errors (an upper bound: the tuples' errors are positively correlated), and a weighted
 * power-law fit of m_n against N (slope -1 expected for n = 4 and 6). Writes JSON and a log-log PNG.
 */
@Command(name = "widths", mixinStandardHelpOptions = true,
        description = "Run one ensemble at several widths and fit the non-Gaussianity m_n against N.")
final class WidthScanCommand implements Callable<Integer> {
    /** Tuples enter m_n when |G^GP| is at least this fraction of the largest |G^GP| of their order. */
    static final double MIN_RELATIVE_GP = 0.1;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "%nInputs (--width is replaced by --widths):%n")
    EnsembleCommand.Inputs inputs = new EnsembleCommand.Inputs();

    @Option(names = "--widths", required = true, split = ",", description = "widths N, comma-separated (at least 2)")
    List<Integer> widths;

    /** m_n of one order at every width, and its power-law fit. */
    record Scan(int order, double[] widths, double[] mn, double[] error, PowerLawFit fit) {
    }

    @Override
    public Integer call() {
        if (widths.size() < 2 || widths.stream().anyMatch(n -> n == null || n < 1)) {
            throw new IllegalArgumentException("--widths needs at least 2 positive widths, got " + widths);
        }
        if (inputs.order < 4) {
            throw new IllegalArgumentException("--order must be 4 or 6 for m_n, got " + inputs.order);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--width")) {
            throw new IllegalArgumentException("--width does not apply to widths; give the widths with --widths");
        }
        ArchitectureOptions.requireApplicable(spec.commandLine().getParseResult(), inputs.arch);
        Path out = run.checkedOutPath(spec, "widths.json");
        for (int width : widths) {                  // every width's configuration, before any sampling
            inputs.width = width;
            inputs.config();
        }
        Instant start = Instant.now();
        List<Integer> orders = inputs.order >= 6 ? List.of(4, 6) : List.of(4);
        double[][] mn = new double[orders.size()][widths.size()];
        double[][] err = new double[orders.size()][widths.size()];
        String backendName;
        String device;
        List<Object> perWidth = new ArrayList<>();
        List<Object> wallSeconds = new ArrayList<>();
        try (Backend backend = BackendChoice.open(run.backend, run.threads, run.device)) {
            backendName = backend.name();
            device = backend.device().toString();
            for (int w = 0; w < widths.size(); w++) {
                inputs.width = widths.get(w);
                EnsembleConfig config = inputs.config();
                EnsembleResult r = EnsembleCommand.sample(config, 0, 1, backend, run.quiet);
                Map<String, Object> entry = Json.object("width", inputs.width);
                wallSeconds.add(Json.object("width", inputs.width, "wallSeconds", r.provenance().wallSeconds()));
                for (int k = 0; k < orders.size(); k++) {
                    double[] m = nonGaussianity(r, orders.get(k));
                    mn[k][w] = m[0];
                    err[k][w] = m[1];
                    entry.put("m" + orders.get(k), Json.valueError(m[0], m[1]));
                }
                perWidth.add(entry);
            }
        }
        double[] n = widths.stream().mapToDouble(Integer::doubleValue).toArray();
        List<Scan> scans = new ArrayList<>();
        for (int k = 0; k < orders.size(); k++) {
            scans.add(new Scan(orders.get(k), n, mn[k], err[k], PowerLawFit.fit(n, mn[k], err[k])));
        }
        try (OutputSet files = new OutputSet()) {
            ResultFile.write(files, out, document(scans, perWidth, wallSeconds, backendName, device, start));
            if (!run.noPlots) {
                for (Scan s : scans) {
                    Path png = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "")
                            + "-m" + s.order + ".png");
                    Plots.logLog(files, png, "non-Gaussianity m_" + s.order + " against width", "N",
                            "m_" + s.order, s.widths, s.mn, s.error, s.fit.slope(), Math.exp(s.fit.intercept()));
                }
            }
            files.commit();
        }
        var w = spec.commandLine().getOut();
        for (Scan s : scans) {
            w.printf(Locale.ROOT, "m_%d against N: slope %.3f +- %.3f (chi2/dof %.2f)%n", s.order, s.fit.slope(),
                    s.fit.slopeError(), s.fit.chiSquarePerDegree());
            for (int i = 0; i < n.length; i++) {
                w.printf(Locale.ROOT, "  N = %-6d m_%d = %.4g +- %.2g%n", (int) n[i], s.order, s.mn[i], s.error[i]);
            }
        }
        w.println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** {m_n, error} of one run: tuples of order n with a clear Gaussian prediction, averaged. */
    static double[] nonGaussianity(EnsembleResult r, int order) {
        Tuples t = r.tuples();
        CorrelatorEstimates e = r.estimates();
        Architecture arch = r.config().architecture();
        int outputs = arch.outputDimension();
        double[][] pts = r.points();
        List<double[]> rows = new ArrayList<>();                 // {measured, gp, error}
        double largest = 0;
        for (int i = 0; i < t.size(); i++) {
            int[] s = t.tuple(i);
            if (s.length != order) {
                continue;
            }
            double gp = NonGaussianity.gaussianPrediction(order,
                    (a, b) -> arch.twoPoint(pts[s[a] / outputs], s[a] % outputs, pts[s[b] / outputs], s[b] % outputs));
            largest = Math.max(largest, Math.abs(gp));
            rows.add(new double[]{e.moment(i), gp, e.momentError(i)});
        }
        double sum = 0;
        double errorSum = 0;
        int used = 0;
        for (double[] row : rows) {
            if (Math.abs(row[1]) >= MIN_RELATIVE_GP * largest && largest > 0) {
                sum += NonGaussianity.relativeDeviation(row[0], row[1]);
                errorSum += row[2] / Math.abs(row[1]);
                used++;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("--points: no tuple of order " + order + " has a non-zero Gaussian prediction");
        }
        return new double[]{sum / used, errorSum / used};
    }

    /** The result document; each width's wall time is provenance (it is no result of the physics). */
    private Map<String, Object> document(List<Scan> scans, List<Object> perWidth, List<Object> wallSeconds,
                                         String backend, String device, Instant start) {
        Map<String, Object> config = inputs.toJson();
        config.remove("width");
        config.put("widths", widths);
        config.put("backend", backend);
        Map<String, Object> provenance = Provenance.of(backend, device, inputs.seed, start,
                Duration.between(start, Instant.now()).toMillis() / 1e3, "wallSecondsPerWidth", wallSeconds);
        List<Object> fits = new ArrayList<>();
        for (Scan s : scans) {
            fits.add(Json.object("order", s.order, "widths", s.widths, "mn", s.mn, "error", s.error,
                    "slope", Json.valueError(s.fit.slope(), s.fit.slopeError()), "intercept", s.fit.intercept(),
                    "chiSquarePerDegree", s.fit.chiSquarePerDegree()));
        }
        return Json.object("config", config, "provenance", provenance,
                "results", Json.object("runs", perWidth, "nonGaussianity", fits));
    }
}
