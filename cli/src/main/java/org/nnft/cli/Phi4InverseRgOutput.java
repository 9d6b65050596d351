package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.lattice.learn.Phi4InverseRg;
import org.nnft.lattice.measure.Estimate;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nnft learn --inverse-rg --model phi4}: runs {@link Phi4InverseRg}, writes {@code results.inverseRg} (the
 * field normalisation zeta, the learned filters and noise widths, per L chi and the Binder cumulant of the grown and
 * of the direct ensembles with seconds, gamma/nu of each, nu from the inverse flow when asked, the time saved at
 * the largest L) and the log-log plot {@code <out>-chi.png}, and prints the table. The config has been checked.
 */
final class Phi4InverseRgOutput {
    private final CommandSpec spec;
    private final RunOptions run;

    Phi4InverseRgOutput(CommandSpec spec, RunOptions run) {
        this.spec = spec;
        this.run = run;
    }

    Integer call(Phi4InverseRg.Config c, ExportOptions export) {
        Path out = run.checkedOutPath(spec, "learn.json");
        ResultExports exports = export.checked(out, false);
        Progress progress = new Progress(System.err, run.quiet, "stages", Phi4InverseRg.progressUnits(c));
        BackendRun<Phi4InverseRg.Result> done = BackendRun.on(run, backend -> Phi4InverseRg.run(c, backend,
                progress::update));
        progress.done();
        double wall = done.secondsSinceStart();
        Phi4InverseRg.Result r = done.result();
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (Phi4InverseRg.Level s : r.levels()) {
            sizes.add(Json.object("L", s.size(), "chi", estimate(s.chi()), "binder", estimate(s.binder()),
                    "chiDirect", estimate(s.chiDirect()), "binderDirect", estimate(s.binderDirect()),
                    "inverseSeconds", s.inverseSeconds(), "directSeconds", s.directSeconds()));
        }
        Phi4InverseRg.Level last = r.levels().getLast();
        Map<String, Object> nu = r.nu() == null ? null : Json.object("offset", r.nu().offset(),
                "binderGrownPlus", r.nu().binderGrownPlus(), "binderGrownMinus", r.nu().binderGrownMinus(),
                "binderDirectPlus", r.nu().binderDirectPlus(), "binderDirectMinus", r.nu().binderDirectMinus(),
                "inverseNuPerDoubling", r.nu().inverseNuPerLevel(), "inverseNuErrors", r.nu().inverseNuErrors(),
                "value", r.nu().value(), "error", r.nu().error(), "exact", 1.0);
        Map<String, Object> results = Json.object("inverseRg", Json.object(
                "model", "phi4", "observable", "chi = L^2 <m^2>, U = 1 - <m^4>/(3 <m^2>^2), m = site mean of phi",
                "zeta", Json.object("value", r.zeta(), "error", r.zetaError()), "filter", r.filter(),
                "sigma", r.sigma(), "distance", r.distance(), "sizes", sizes,
                "gammaOverNu", InverseRgOutput.slope(r.gammaOverNu()),
                "directGammaOverNu", r.directGammaOverNu() == null ? null
                        : InverseRgOutput.slope(r.directGammaOverNu()),
                "exactGammaOverNu", 1.75, "nu", nu, "sourceSeconds", r.sourceSeconds(),
                "largestL", Json.object("L", last.size(), "inverseSeconds", inverseTotal(r),
                        "directSeconds", c.direct() ? last.directSeconds() : null)));
        Map<String, Object> cfg = Json.object("mode", "inverseRg", "model", "phi4", "size", c.size(),
                "steps", c.steps(), "configs", c.configs(), "every", c.every(), "thermalize", c.thermalize(),
                "kappa", c.theory().kappa(), "a", c.theory().a(), "b", c.theory().b(), "mu2", c.theory().mu2(2),
                "nuOffset", c.offset(), "direct", c.direct(), "seed", c.seed(), "backend", done.backend());
        Map<String, Object> prov = done.provenance(c.seed(), wall, "configurations", c.configs());
        try (OutputSet files = new OutputSet()) {
            Map<String, Object> doc = ResultDocument.of(cfg, prov, results);
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            if (!run.noPlots) {
                InverseRgOutput.plotChi(files, out, "phi^4 inverse RG: chi = L^2 <m^2>", r.levels(),
                        Phi4InverseRg.Level::size, Phi4InverseRg.Level::chi, r.gammaOverNu().value());
            }
            files.commit();
        }
        print(spec.commandLine().getOut(), c, r, wall);
        spec.commandLine().getOut().println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** Seconds to grow the largest size from L0: learning excluded, every doubling included. */
    private static double inverseTotal(Phi4InverseRg.Result r) {
        double t = 0;
        for (Phi4InverseRg.Level s : r.levels()) {
            t += s.inverseSeconds();
        }
        return t;
    }

    private static Map<String, Object> estimate(Estimate e) {
        return e == null ? null : Json.object("value", e.value(), "error", e.error());
    }

    private static void print(PrintWriter w, Phi4InverseRg.Config c, Phi4InverseRg.Result r, double wall) {
        w.printf(Locale.ROOT, "2D phi^4 kappa=%.5f a=%.5f b=%.6f (mu^2=%.5f)  inverse RG from L0=%d, %d doublings,"
                        + " %d configurations in %.2f s%n", c.theory().kappa(), c.theory().a(), c.theory().b(),
                c.theory().mu2(2), c.size(), c.steps(), c.configs(), wall);
        w.printf(Locale.ROOT, "zeta = %.4f +- %.4f (matched to L=%d; 2^(1/8) = %.4f at the Ising fixed point),"
                + " distance D = %.4f%n", r.zeta(), r.zetaError(), c.size() / 2, Math.pow(2, 0.125), r.distance());
        w.printf(Locale.ROOT, "%6s %12s %9s %8s %12s %9s %8s %9s%n", "L", "chi inverse", "error", "U", "chi direct",
                "error", "U", "seconds");
        for (Phi4InverseRg.Level s : r.levels()) {
            if (s.chiDirect() == null) {
                w.printf(Locale.ROOT, "%6d %12.5g %9.3g %8.4f %9.3f%n", s.size(), s.chi().value(), s.chi().error(),
                        s.binder().value(), s.inverseSeconds());
            } else {
                w.printf(Locale.ROOT, "%6d %12.5g %9.3g %8.4f %12.5g %9.3g %8.4f %9.3f%n", s.size(), s.chi().value(),
                        s.chi().error(), s.binder().value(), s.chiDirect().value(), s.chiDirect().error(),
                        s.binderDirect().value(), s.inverseSeconds());
            }
        }
        w.printf(Locale.ROOT, "gamma/nu inverse RG %.4f +- %.4f   (exact 7/4)%n", r.gammaOverNu().value(),
                r.gammaOverNu().error());
        if (r.directGammaOverNu() != null) {
            w.printf(Locale.ROOT, "gamma/nu direct     %.4f +- %.4f%n", r.directGammaOverNu().value(),
                    r.directGammaOverNu().error());
            w.printf(Locale.ROOT, "largest L=%d: grown in %.3f s, direct simulation %.3f s%n",
                    r.levels().getLast().size(), inverseTotal(r), r.levels().getLast().directSeconds());
        }
        if (r.nu() != null) {
            w.printf(Locale.ROOT, "nu from the inverse flow (mu^2 +- %.4g): %.3f +- %.3f   (exact 1)%n",
                    r.nu().offset(), r.nu().value(), r.nu().error());
        }
    }
}
