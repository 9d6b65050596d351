package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.PngImages;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.engine.io.NpyFile;
import org.nnft.lattice.learn.DataLearning;
import org.nnft.lattice.learn.Rbm;
import org.nnft.lattice.learn.RbmLearning;
import org.nnft.lattice.measure.Estimate;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nnft learn --data FILE --rbm VISIBLE-HIDDEN}: runs {@link RbmLearning} and writes {@code results.layers}
 * (per layer its units, sizes, learned parameters w[i][j], r, s and the fixed a, b, m, n, and the reconstruction
 * error per step with errors), {@code results.moments} (data against new samples), the new samples as
 * {@code <out>-samples.npy} (shape of the data) and as a PNG grid of the first 16 {@code <out>-samples.png}
 * (written also with --no-plots when the data were images), and the training curve
 * {@code <out>-reconstruction.png}; prints a summary. The config has been checked before this is called. The
 * persistent block Gibbs chains run on the engine backend of {@code --backend} (the RBM Gibbs kernel; provenance
 * records it); the data phase and the parameter updates are Java on the host.
 */
final class RbmOutput {
    /** Samples shown in the PNG grid. */
    static final int GRID = 16;

    private final CommandSpec spec;
    private final RunOptions run;

    RbmOutput(CommandSpec spec, RunOptions run) {
        this.spec = spec;
        this.run = run;
    }

    Integer call(RbmLearning.Config c, LearnData data, Path dataPath, String network, ExportOptions export) {
        Path out = run.checkedOutPath(spec, "learn.json");
        ResultExports exports = export.checked(out, false);
        String base = out.getFileName().toString().replaceFirst("\\.json$", "");
        Path samplesFile = out.resolveSibling(base + "-samples.npy");
        Path samplesPng = out.resolveSibling(base + "-samples.png");
        Progress progress = new Progress(System.err, run.quiet, "steps", RbmLearning.progressUnits(c));
        BackendRun<RbmLearning.Result> learned = BackendRun.on(run,
                backend -> RbmLearning.run(c, backend, progress::update));
        progress.done();
        double wall = learned.secondsSinceStart();
        RbmLearning.Result r = learned.result();
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int k = 0; k < r.layers().size(); k++) {
            layers.add(layer(r.layers().get(k), c.visibleOf(k), c.hidden()));
        }
        Map<String, Object> moments = Json.object();
        r.moments().forEach((name, m) -> moments.put(name, Json.object("data", estimate(m.data()),
                "samples", estimate(m.model()))));
        Map<String, Object> cfg = Json.object("mode", "rbm", "data", dataPath.toString(), "dataShape",
                data.shape(), "dataConfigurations", data.rows().length, "image", data.image(),
                "pixelScale", data.image() ? data.scale() : null, "rbm", network,
                "visibleUnits", units(c.visible()), "hiddenUnits", units(c.hidden()), "layers", c.layers(),
                "steps", c.steps(), "chains", c.chains(), "sweeps", c.sweeps(), "eta", c.eta(),
                "newSamples", c.newSamples(), "thermalize", c.thermalize(), "every", c.every(), "seed", c.seed());
        Map<String, Object> prov = learned.provenance(c.seed(), wall, "sampler", "block Gibbs kernel (rbm_gibbs), one"
                + " work item per chain");
        Map<String, Object> results = Json.object("layers", layers, "moments", moments,
                "samplesFile", samplesFile.toAbsolutePath().toString(),
                "samplesPng", samplesPng.toAbsolutePath().toString());
        double[][] s = r.samples();
        int v = data.volume();
        double[] flat = new double[s.length * v];
        for (int n = 0; n < s.length; n++) {
            System.arraycopy(s[n], 0, flat, n * v, v);
        }
        int[] shape = new int[data.shape().length + 1];
        shape[0] = s.length;
        System.arraycopy(data.shape(), 0, shape, 1, data.shape().length);
        try (OutputSet files = new OutputSet()) {
            byte[] samples = NpyFile.encode(shape, flat);
            files.write(samplesFile, samples);
            Map<String, Object> doc = ResultDocument.of(cfg, prov, results);
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of("samples", samples));
            if (data.image() || !run.noPlots) {
                writeGrid(files, samplesPng, data, s);
            }
            if (!run.noPlots) {
                plotCurves(files, out.resolveSibling(base + "-reconstruction.png"), r);
            }
            files.commit();
        }
        print(spec.commandLine().getOut(), c, data, network, r, learned.backend(), wall);
        spec.commandLine().getOut().println("samples: " + samplesFile.toAbsolutePath());
        spec.commandLine().getOut().println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** The PNG grid of the first {@link #GRID} samples (2-D configurations; others as one row of pixels). */
    static void writeGrid(OutputSet files, Path png, LearnData data, double[][] samples) {
        int[] sh = data.shape();
        int height = sh.length >= 2 ? sh[sh.length - 2] : 1;
        int width = sh.length >= 1 ? sh[sh.length - 1] : 1;
        int per = height * width;
        int count = Math.min(GRID, samples.length);
        int[][] images = new int[count][per];
        for (int n = 0; n < count; n++) {
            for (int k = 0; k < per; k++) {
                images[n][k] = data.intensity(samples[n][k]);
            }
        }
        int zoom = Math.max(1, 64 / Math.max(width, height));
        int[] grid = PngImages.grid(width, height, images, 4, zoom);
        PngImages.write(files, png, grid[0], grid[1], Arrays.copyOfRange(grid, 2, grid.length));
    }

    private static void plotCurves(OutputSet files, Path png, RbmLearning.Result r) {
        int n = r.layers().size();
        String[] names = new String[n];
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        double[][] e = new double[n][];
        for (int k = 0; k < n; k++) {
            RbmLearning.Curve c = r.layers().get(k).curve();
            names[k] = "layer " + (k + 1);
            x[k] = Arrays.stream(c.step()).asDoubleStream().toArray();
            y[k] = c.value();
            e[k] = Arrays.stream(c.error()).map(u -> Double.isNaN(u) ? 0 : u).toArray();
        }
        Plots.errorBars(files, png, "reconstruction error per training step", "step",
                "(1/nv) sum_i (v_i - E[v_i | E[h | v]])^2", names, x, y, e);
    }

    private static Map<String, Object> layer(RbmLearning.Layer layer, RbmLearning.Units visible,
                                             RbmLearning.Units hidden) {
        Rbm net = layer.net();
        int nv = net.visible();
        int nh = net.hidden();
        double[] w = net.w();
        double[][] weights = new double[nv][];
        for (int i = 0; i < nv; i++) {
            weights[i] = Arrays.copyOfRange(w, i * nh, (i + 1) * nh);
        }
        RbmLearning.Curve c = layer.curve();
        return Json.object("visibleUnits", units(visible), "hiddenUnits", units(hidden), "visible", nv,
                "hidden", nh, "reconstruction", Json.object("step", c.step(), "value", c.value(), "error", c.error()),
                "parameters", Json.object("w", weights, "r", net.r(), "s", net.s(), "a", net.a(), "b", net.b(),
                        "m", net.m(), "n", net.n()));
    }

    private static Map<String, Object> units(RbmLearning.Units u) {
        return Json.object("kind", name(u.kind()), "quadratic", u.quadratic(), "quartic", u.quartic());
    }

    private static String name(RbmLearning.Kind k) {
        return switch (k) {
            case GAUSSIAN -> "gaussian";
            case PHI4 -> "phi4";
            case BERNOULLI -> "bernoulli";
        };
    }

    private static Map<String, Object> estimate(Estimate e) {
        return Json.object("value", e.value(), "error", e.error(), "tauInt", e.tauInt());
    }

    private static void print(PrintWriter w, RbmLearning.Config c, LearnData data, String network,
                              RbmLearning.Result r, String backend, double wall) {
        w.printf(Locale.ROOT, "rbm %s  %d data configurations of %s  layers %s  %d steps x %d chains + %d new"
                        + " samples on %s in %.2f s%n", network, data.rows().length, Arrays.toString(data.shape()),
                Arrays.toString(c.layers()), c.steps(), c.chains(), c.newSamples(), backend, wall);
        for (int k = 0; k < r.layers().size(); k++) {
            RbmLearning.Layer l = r.layers().get(k);
            RbmLearning.Curve cv = l.curve();
            int last = cv.value().length - 1;
            w.printf(Locale.ROOT, "layer %d  %s-%s  %d x %d  reconstruction error %.5g +- %.2g (start) -> %.5g +- %.2g"
                            + "%n", k + 1, name(c.visibleOf(k).kind()), name(c.hidden().kind()), l.net().visible(),
                    l.net().hidden(), cv.value()[0], cv.error()[0], cv.value()[last], cv.error()[last]);
        }
        w.printf(Locale.ROOT, "%-8s %12s %10s %12s %10s%n", "", "data", "error", "samples", "error");
        for (Map.Entry<String, DataLearning.Comparison> m : r.moments().entrySet()) {
            w.printf(Locale.ROOT, "%-8s %12.6g %10.3g %12.6g %10.3g%n", m.getKey(), m.getValue().data().value(),
                    m.getValue().data().error(), m.getValue().model().value(), m.getValue().model().error());
        }
    }
}
