package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.ensemble.WidthScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nnft widths}: the same ensemble at several widths N and its non-Gaussianity m_n against N, with a
 * power-law fit ({@link WidthScan}, docs/physics.md A.1). Writes JSON and a log-log PNG per order.
 */
@Command(name = "widths", mixinStandardHelpOptions = true,
        description = "Run one ensemble at several widths and fit the non-Gaussianity m_n against N.")
final class WidthScanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run;
    @CommandLine.Mixin
    ExportOptions export = new ExportOptions();

    @CommandLine.ArgGroup(exclusive = false, heading = "%nInputs (--width is replaced by --widths):%n")
    EnsembleCommand.Inputs inputs = new EnsembleCommand.Inputs();

    @Option(names = "--widths", required = true, split = ",", description = "widths N, comma-separated (at least 2)")
    List<Integer> widths;

    @Option(names = "--cutoffs", description = "also the quartic coupling per cutoff and the vertex's locality at "
            + "every width (docs/couplings.md), with a plot of the locality against N")
    String cutoffs;

    @Override
    public Integer call() {
        double[] cut = cutoffs == null ? null : RunCouplings.check(cutoffs, inputs.order, inputs.outputs, inputs.dim);
        if (widths.size() < 2 || widths.stream().anyMatch(n -> n == null || n < 1)) {
            throw new IllegalArgumentException("--widths needs at least 2 positive widths, got " + widths);
        }
        if (widths.stream().distinct().count() != widths.size()) {
            throw new IllegalArgumentException("--widths must be distinct (a power-law fit in N needs as many"
                    + " different widths), got " + widths);
        }
        if (inputs.order < 4) {
            throw new IllegalArgumentException("--order must be 4 or 6 for m_n, got " + inputs.order);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--width")) {
            throw new IllegalArgumentException("--width does not apply to widths; give the widths with --widths");
        }
        ArchitectureOptions.requireApplicable(spec.commandLine().getParseResult(), inputs.arch);
        Path out = run.checkedOutPath(spec, "widths.json");
        ResultExports exports = export.checked(out, false);
        for (int width : widths) {                  // every width's configuration, before any backend or sampling
            inputs.config(width);
        }
        Progress progress = new Progress(System.err, run.quiet, "networks");
        BackendRun<WidthScan.Result> scanned = BackendRun.on(run,
                backend -> WidthScan.run(inputs::config, widths, backend, progress, null));
        progress.done();
        WidthScan.Result result = scanned.result();
        List<Object> perWidth = new ArrayList<>();
        List<Object> wallSeconds = new ArrayList<>();
        List<double[]> locality = new ArrayList<>();   // {N, locality, error, theory}
        for (WidthScan.WidthRun r : result.runs()) {
            Map<String, Object> entry = Json.object("width", r.width());
            wallSeconds.add(Json.object("width", r.width(), "wallSeconds", r.result().provenance().wallSeconds()));
            for (WidthScan.Mn m : r.nonGaussianity()) {
                entry.put("m" + m.order(), Json.valueError(m.value(), m.error()));
            }
            if (cut != null) {
                RunCouplings.Analysis a = RunCouplings.of(r.result().config().architecture(), r.result().points(),
                        r.result().moments(), cut);
                entry.put("couplings", a.json());
                if (a.vertex() != null) {
                    locality.add(new double[]{r.width(), a.vertex().locality().value(), a.vertex().locality().error(),
                            a.theory() == null ? Double.NaN : a.theory().locality().value()});
                }
            }
            perWidth.add(entry);
        }
        List<WidthScan.Fit> scans = result.fits();
        Path localityPlot = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "")
                + "-locality.png");
        try (OutputSet files = new OutputSet()) {
            Map<String, Object> doc = document(scans, perWidth, wallSeconds, scanned);
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            if (!run.noPlots) {
                for (WidthScan.Fit s : scans) {
                    Path png = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "")
                            + "-m" + s.order() + ".png");
                    Plots.logLog(files, png, "non-Gaussianity m_" + s.order() + " against width", "N",
                            "m_" + s.order(), s.widths(), s.mn(), s.error(), s.fit().slope(),
                            Math.exp(s.fit().intercept()));
                }
                if (!locality.isEmpty()) {
                    plotLocality(files, localityPlot, locality);
                }
            }
            files.commit();
        }
        var w = spec.commandLine().getOut();
        for (WidthScan.Fit s : scans) {
            w.printf(Locale.ROOT, "m_%d against N: slope %.3f +- %.3f (chi2/dof %.2f)%n", s.order(), s.fit().slope(),
                    s.fit().slopeError(), s.fit().chiSquarePerDegree());
            for (int i = 0; i < s.widths().length; i++) {
                w.printf(Locale.ROOT, "  N = %-6d m_%d = %.4g +- %.2g%n", (int) s.widths()[i], s.order(), s.mn()[i],
                        s.error()[i]);
            }
        }
        if (!locality.isEmpty()) {
            w.println("vertex locality against N:");
            for (double[] l : locality) {
                w.printf(Locale.ROOT, "  N = %-6d locality %.4f +- %.2g (theory %.4f)%n", (int) l[0], l[1], l[2],
                        l[3]);
            }
            if (!run.noPlots) {
                w.println("plot: " + localityPlot.toAbsolutePath());
            }
        }
        w.println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** The vertex locality against N, rows {N, locality, error, theory}; the theory line where every row has one. */
    private static void plotLocality(OutputSet files, Path png, List<double[]> locality) {
        double[][] c = new double[4][locality.size()];
        for (int i = 0; i < locality.size(); i++) {
            for (int k = 0; k < 4; k++) {
                c[k][i] = locality.get(i)[k];
            }
        }
        boolean theory = Arrays.stream(c[3]).allMatch(Double::isFinite);
        Plots.measuredVsTheory(files, png, "vertex locality against width", "N", "locality", c[0], c[1], c[2],
                theory ? c[0] : null, theory ? c[3] : null);
    }

    /** The result document; each width's wall time is provenance (it is no result of the physics). */
    private Map<String, Object> document(List<WidthScan.Fit> scans, List<Object> perWidth, List<Object> wallSeconds,
                                         BackendRun<?> scanned) {
        Map<String, Object> config = inputs.toJson();
        config.remove("width");
        config.put("widths", widths);
        if (cutoffs != null) {
            config.put("cutoffs", cutoffs);
        }
        config.put("backend", scanned.backend());
        Map<String, Object> provenance = scanned.provenance(inputs.seed,
                Duration.between(scanned.start(), Instant.now()).toMillis() / 1e3, "wallSecondsPerWidth", wallSeconds);
        List<Object> fits = new ArrayList<>();
        for (WidthScan.Fit s : scans) {
            fits.add(Json.object("order", s.order(), "widths", s.widths(), "mn", s.mn(), "error", s.error(),
                    "slope", Json.valueError(s.fit().slope(), s.fit().slopeError()), "intercept", s.fit().intercept(),
                    "chiSquarePerDegree", s.fit().chiSquarePerDegree()));
        }
        return ResultDocument.of(config, provenance, Json.object("runs", perWidth, "nonGaussianity", fits));
    }
}
