package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.lattice.learn.InverseRg;
import org.nnft.lattice.learn.IsingWolff;
import org.nnft.lattice.measure.Estimate;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * {@code nnft learn --inverse-rg}: runs {@link InverseRg}, writes {@code results.inverseRg} (per L the
 * susceptibility of the grown and of the directly simulated ensembles with errors and seconds, the fitted
 * gamma/nu of each, the learned filters, the time saved at the largest L) and the log-log plot
 * {@code <out>-chi.png}, and prints the table. The config has been checked before this is called.
 */
final class InverseRgOutput {
    private final CommandSpec spec;
    private final RunOptions run;

    InverseRgOutput(CommandSpec spec, RunOptions run) {
        this.spec = spec;
        this.run = run;
    }

    Integer call(InverseRg.Config c, ExportOptions export) {
        Path out = run.checkedOutPath(spec, "learn.json");
        ResultExports exports = export.checked(out, false);
        Progress progress = new Progress(System.err, run.quiet, "stages", InverseRg.progressUnits(c));
        BackendRun<InverseRg.Result> done = BackendRun.on(run, backend -> InverseRg.run(c, progress::update));
        progress.done();
        double wall = done.secondsSinceStart();
        InverseRg.Result r = done.result();
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (InverseRg.Size s : r.sizes()) {
            sizes.add(Json.object("L", s.size(), "chi", estimate(s.chi()),
                    "chiDirect", s.direct() == null ? null : estimate(s.direct()),
                    "inverseSeconds", s.inverseSeconds(), "directSeconds", s.directSeconds()));
        }
        InverseRg.Size last = r.sizes().getLast();
        Map<String, Object> results = Json.object("inverseRg", Json.object(
                "observable", "chi = L^2 <m^2> at beta_c", "filter", r.filter(), "distance", r.distance(),
                "sizes", sizes, "gammaOverNu", slope(r.gammaOverNu()),
                "directGammaOverNu", r.directGammaOverNu() == null ? null : slope(r.directGammaOverNu()),
                "systematicFromDirect", r.directGammaOverNu() == null ? null
                        : Math.abs(r.gammaOverNu().value() - r.directGammaOverNu().value()),
                "exactGammaOverNu", 1.75, "sourceSeconds", r.sourceSeconds(),
                "largestL", Json.object("L", last.size(), "inverseSeconds", inverseTotal(r),
                        "directSeconds", c.direct() ? last.directSeconds() : null)));
        Map<String, Object> cfg = Json.object("mode", "inverseRg", "size", c.size(), "steps", c.steps(),
                "configs", c.configs(), "sweepsBetween", c.sweepsBetween(), "thermalize", c.thermalize(),
                "beta", IsingWolff.BETA_C, "direct", c.direct(), "seed", c.seed(),
                "backend", done.backend());
        Map<String, Object> prov = done.provenance(c.seed(), wall, "configurations", c.configs());
        try (OutputSet files = new OutputSet()) {
            Map<String, Object> doc = ResultDocument.of(cfg, prov, results);
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            if (!run.noPlots) {
                plotChi(files, out, "inverse RG: chi = L^2 <m^2> at beta_c", r.sizes(), InverseRg.Size::size,
                        InverseRg.Size::chi, r.gammaOverNu().value());
            }
            files.commit();
        }
        print(spec.commandLine().getOut(), c, r, wall);
        spec.commandLine().getOut().println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** Seconds to grow the largest size from L0: learning excluded, every doubling included. */
    private static double inverseTotal(InverseRg.Result r) {
        double t = 0;
        for (InverseRg.Size s : r.sizes()) {
            t += s.inverseSeconds();
        }
        return t;
    }

    private static Map<String, Object> estimate(Estimate e) {
        return Json.object("value", e.value(), "error", e.error());
    }

    /** A fitted slope as JSON (also the phi^4 inverse RG's). */
    static Map<String, Object> slope(InverseRg.Slope s) {
        return Json.object("value", s.value(), "error", s.error());
    }

    /**
     * The plot {@code NAME-chi.png} of an inverse-RG run (also the phi^4 one's): chi of each size with its error on
     * log-log axes, and the fitted power law of exponent {@code gammaOverNu} through the first size.
     */
    static <T> void plotChi(OutputSet files, Path out, String title, List<T> sizes, ToIntFunction<T> size,
                            Function<T, Estimate> chi, double gammaOverNu) {
        int n = sizes.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = size.applyAsInt(sizes.get(j));
            y[j] = chi.apply(sizes.get(j)).value();
            e[j] = chi.apply(sizes.get(j)).error();
        }
        String base = out.getFileName().toString().replaceFirst("\\.json$", "");
        Plots.logLog(files, out.resolveSibling(base + "-chi.png"), title, "L", "chi", x, y, e, gammaOverNu,
                y[0] / Math.pow(x[0], gammaOverNu));
    }

    private static void print(PrintWriter w, InverseRg.Config c, InverseRg.Result r, double wall) {
        w.printf(Locale.ROOT, "2D Ising beta_c  inverse RG from L0=%d, %d doublings, %d configurations in %.2f s%n",
                c.size(), c.steps(), c.configs(), wall);
        w.printf(Locale.ROOT, "learned filter: distance D = %.5f%n", r.distance());
        w.printf(Locale.ROOT, "%6s %14s %10s %10s %14s %10s %10s%n", "L", "chi inverse", "error", "seconds",
                "chi direct", "error", "seconds");
        for (InverseRg.Size s : r.sizes()) {
            if (s.direct() == null) {
                w.printf(Locale.ROOT, "%6d %14.6g %10.3g %10.3f%n", s.size(), s.chi().value(), s.chi().error(),
                        s.inverseSeconds());
            } else {
                w.printf(Locale.ROOT, "%6d %14.6g %10.3g %10.3f %14.6g %10.3g %10.3f%n", s.size(), s.chi().value(),
                        s.chi().error(), s.inverseSeconds(), s.direct().value(), s.direct().error(),
                        s.directSeconds());
            }
        }
        w.printf(Locale.ROOT, "gamma/nu inverse RG %.4f +- %.4f   (exact 7/4)%n", r.gammaOverNu().value(),
                r.gammaOverNu().error());
        if (r.directGammaOverNu() != null) {
            w.printf(Locale.ROOT, "gamma/nu direct     %.4f +- %.4f%n", r.directGammaOverNu().value(),
                    r.directGammaOverNu().error());
            w.printf(Locale.ROOT, "largest L=%d: grown in %.3f s, direct Wolff %.3f s%n", r.sizes().getLast().size(),
                    inverseTotal(r), r.sizes().getLast().directSeconds());
        }
    }
}
