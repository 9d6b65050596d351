package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.PointsParser;
import org.nnft.cli.io.Progress;
import org.nnft.cli.io.ResultFile;
import org.nnft.cli.plot.Plots;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.TrainedEnsemble;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.ensemble.arch.TrainedEnsembleKernel;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.theory.Activation;
import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.InfiniteWidthKernels;
import org.nnft.theory.LinearisedDynamics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code nnft train}: an ensemble of scalar ReLU, erf or Gauss shallow networks or of cos-nets (ball or Cauchy
 * momenta) trained by full-batch gradient descent
 * ({@link TrainedEnsemble}: NTK parameterisation, summed loss (1/2) sum (f - y)^2, learning rate eta) against
 * the exact linearised dynamics of the infinitely wide network ({@link LinearisedDynamics}). At each recorded
 * step: the ensemble's mean and variance at the test points with jackknife errors beside the theory, the
 * connected 4-point functions G4_c(i,i,j,j) (0 in the linearised theory at infinite width) and the expected
 * training loss. The training points ride along as extra points of the ensemble (their f and f^2 give the
 * loss). With {@code --widths}, every width is trained with the same seed and the deviation of the mean and the
 * variance from the theory at the last step is fitted to a power of N (-1 expected).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an ensemble of shallow networks or cos-nets by gradient descent against the linearised"
                + " NTK theory.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    RunOptions run;
    @Mixin
    ExportOptions export = new ExportOptions();

    @Option(names = "--data", description = "training data: rows x1,...,xd,y ('#' comments)")
    Path data;
    @Option(names = "--target", description = "built-in toy target: sin (sin(x_1) on [-pi, pi])")
    String target;
    @Option(names = "--train-points", defaultValue = "8", description = "points of the toy target (default 8)")
    int trainPoints;
    @Option(names = "--arch", defaultValue = "relu",
            description = "relu | erf | gauss | cos | cauchy (default ${DEFAULT-VALUE})")
    String arch;
    @Option(names = "--dim", defaultValue = "1", description = "input dimension d (1..16; cos: 1..4, cauchy: 1)")
    int dim;
    @Option(names = "--width", defaultValue = "256", description = "hidden width N (default ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--widths", description = "further widths, ',' between: fits the deviation from the theory")
    String widths;
    @Option(names = "--sigma-w", defaultValue = "1.0", description = "weight scale sigma_W")
    double sigmaW;
    @Option(names = "--sigma-b", defaultValue = "0.0", description = "bias scale sigma_b")
    double sigmaB;
    @Option(names = "--mass", defaultValue = "1.0", description = "cos/cauchy mass m")
    double mass;
    @Option(names = "--cutoff", defaultValue = "10.0", description = "cos momentum cutoff Lambda")
    double cutoff;
    @Option(names = "--sigma-a", defaultValue = "1.0", description = "cos/cauchy amplitude scale sigma_a")
    double sigmaA;
    @Option(names = "--networks", defaultValue = "4096", description = "ensemble size (default ${DEFAULT-VALUE})")
    long networks;
    @Option(names = "--eta", description = "learning rate of the summed loss (default 1/lambda_max of Theta(X,X))")
    Double eta;
    @Option(names = "--steps", defaultValue = "100", description = "gradient-descent steps T (default 100)")
    int steps;
    @Option(names = "--times", description = "recorded steps, ',' between, each in 0..T (default 0,T/10,T)")
    String times;
    @Option(names = "--points", description = "test points, ';' between points, ',' between coordinates"
            + " (default -3;-1.5;0;1.5;3 along the first axis)")
    String points;
    @Option(names = "--seed", defaultValue = "1", description = "Philox seed")
    long seed;

    @Override
    public Integer call() {
        String family = arch.toLowerCase(Locale.ROOT);
        Activation act = switch (family) {
            case "relu" -> Activation.RELU;
            case "erf" -> Activation.ERF;
            case "gauss" -> Activation.GAUSS;
            case "cos", "cauchy" -> null;
            default -> throw new IllegalArgumentException("--arch: relu, erf, gauss, cos or cauchy, got '" + arch
                    + "'");
        };
        checkArchitecture(family);
        if (networks < 1) {
            throw new IllegalArgumentException("--networks must be >= 1, got " + networks);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        int[] widthList = widthList();
        int[] recorded = recordedSteps();
        TrainingSet set = trainingSet();
        double[][] xs = points != null ? PointsParser.inline(points, dim) : defaultPoints();
        int p = xs.length;
        int n = set.targets().length;
        if (p + n > TrainedEnsembleKernel.MAX_POINTS) {
            throw new IllegalArgumentException("test points plus training points at most "
                    + TrainedEnsembleKernel.MAX_POINTS + ", got " + p + " + " + n);
        }
        InfiniteWidthKernels kernels = TrainedEnsemble.tangentKernels(architecture(act, width));
        double lambdaMax = new LinearisedDynamics(kernels, set.points(), set.targets(), 1).largestEigenvalue();
        double rate = eta != null ? eta : 1 / lambdaMax;
        if (!(rate > 0) || !(rate * lambdaMax < 2)) {
            throw new IllegalArgumentException("--eta must be in (0, 2/lambda_max) = (0, " + 2 / lambdaMax
                    + ") for gradient descent to converge, got " + rate);
        }
        LinearisedDynamics theory = new LinearisedDynamics(kernels, set.points(), set.targets(), rate);
        double[][] all = new double[p + n][];
        System.arraycopy(xs, 0, all, 0, p);
        System.arraycopy(set.points(), 0, all, p, n);
        int[][] tuples = tuples(p, n);
        List<EnsembleConfig> configs = new ArrayList<>();
        for (int w : widthList) {
            configs.add(EnsembleConfig.builder(architecture(act, w), all)
                    .tuples(tuples).networks(networks).seed(seed).build());
        }
        Path out = run.checkedOutPath(spec, "train.json");
        ResultExports exports = export.checked(out, false);
        Progress progress = new Progress(System.err, run.quiet, "networks", networks * widthList.length);
        BackendRun<List<TrainedEnsemble>> trained = BackendRun.on(run, backend -> {
            List<TrainedEnsemble> list = new ArrayList<>();
            for (EnsembleConfig c : configs) {
                try {
                    list.add(TrainedEnsemble.train(c, set.points(), set.targets(), rate, recorded, backend));
                } catch (IllegalArgumentException e) {
                    if (e.getMessage() == null || !e.getMessage().contains("not finite")) {
                        throw e;
                    }
                    throw new IllegalArgumentException("training diverged at width " + widthList[list.size()]
                            + " (a network's f is not finite): lower --eta, or raise the width", e);
                }
                progress.update(networks * list.size());
            }
            return list;
        });
        progress.done();
        int main = Arrays.binarySearch(widthList, width);
        TrainedEnsemble ensemble = trained.result().get(main);
        GaussianPrediction[] exact = new GaussianPrediction[recorded.length];
        GaussianPrediction[] exactTrain = new GaussianPrediction[recorded.length];
        for (int s = 0; s < recorded.length; s++) {
            exact[s] = theory.afterSteps(recorded[s], xs);
            exactTrain[s] = theory.afterSteps(recorded[s], set.points());
        }
        List<Object> perPoint = new ArrayList<>();
        List<Object> fourPoint = new ArrayList<>();
        List<Object> loss = new ArrayList<>();
        TrainingLoss[] losses = new TrainingLoss[recorded.length];
        for (int s = 0; s < recorded.length; s++) {
            CorrelatorEstimates e = ensemble.estimates(s);
            for (int i = 0; i < p; i++) {
                perPoint.add(Json.object("t", recorded[s], "point", i,
                        "mean", Json.valueError(e.momentOf(i), e.momentError(e.tuples().indexOf(i))),
                        "variance", Json.valueError(e.connectedOf(i, i), e.connectedError(e.tuples().indexOf(i, i))),
                        "theory", Json.object("mean", exact[s].mean()[i], "variance", exact[s].variance(i))));
                for (int j = i; j < p; j++) {
                    int k = e.tuples().indexOf(i, i, j, j);
                    fourPoint.add(Json.object("t", recorded[s], "points", new int[] {i, i, j, j},
                            "value", e.connected(k), "error", e.connectedError(k)));
                }
            }
            losses[s] = TrainingLoss.of(ensemble.moments(s), p, set.targets());
            loss.add(Json.object("t", recorded[s], "value", losses[s].value(), "error", losses[s].error(),
                    "theory", theoryLoss(exactTrain[s], set.targets())));
        }
        Map<String, Object> training = Json.object("points", xs, "perPoint", perPoint, "connected4", fourPoint,
                "loss", loss, "learningRate", rate, "lambdaMax", lambdaMax);
        FiniteWidthDeviation deviation = widthList.length < 2 ? null
                : FiniteWidthDeviation.of(widthList, trained.result(), recorded.length - 1, exact[recorded.length - 1]);
        if (deviation != null) {
            training.put("finiteWidth", deviation.json());
        }
        Map<String, Object> config = Json.object("arch", family, "dim", dim,
                "width", width, "widths", widthList, "networks", networks,
                "eta", rate, "steps", steps, "times", recorded, "data", set.source(), "train", set.points(),
                "targets", set.targets(), "parameterization", "ntk", "seed", seed);
        if (act != null) {
            config.put("sigmaW", sigmaW);
            config.put("sigmaB", sigmaB);
        } else {
            config.put("mass", mass);
            if (family.equals("cos")) {
                config.put("cutoff", cutoff);
            }
            config.put("sigmaA", sigmaA);
        }
        Map<String, Object> doc = ResultDocument.of(config, trained.provenance(seed, trained.secondsSinceStart()),
                Json.object("training", training));
        try (OutputSet files = new OutputSet()) {
            ResultFile.write(files, out, doc);
            exports.stageNpz(files, doc, Map.of());
            if (!run.noPlots) {
                plot(files, out, ensemble, xs, recorded, exact, losses, exactTrain, set.targets());
            }
            files.commit();
        }
        print(spec.commandLine().getOut(), ensemble, xs, recorded, exact, losses, deviation, trained, rate, out);
        return 0;
    }

    /** The options of the architecture family, checked before any work. */
    private void checkArchitecture(String family) {
        boolean cos = family.equals("cos") || family.equals("cauchy");
        List<String> unused = new ArrayList<>(cos ? List.of("--sigma-w", "--sigma-b")
                : List.of("--mass", "--cutoff", "--sigma-a"));
        if (family.equals("cauchy")) {
            unused.add("--cutoff");
        }
        for (String option : unused) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " is not an option of --arch " + family);
            }
        }
        if (cos) {
            int most = family.equals("cos") ? 4 : 1;
            if (dim < 1 || dim > most) {
                throw new IllegalArgumentException("--dim: the " + family + " net needs d in 1.." + most + ", got "
                        + dim);
            }
            positiveFinite("--mass", mass);
            positiveFinite("--sigma-a", sigmaA);
            if (family.equals("cos")) {
                positiveFinite("--cutoff", cutoff);
                // the constructor's own check (momentum-ball volume representable), as a one-line input error
                CosNet.freeScalar(dim, mass, cutoff, sigmaA, 1);
            }
            return;
        }
        if (dim < 1 || dim > TrainedEnsembleKernel.MAX_DIMENSION) {
            throw new IllegalArgumentException("--dim must be in 1.." + TrainedEnsembleKernel.MAX_DIMENSION
                    + ", got " + dim);
        }
        positiveFinite("--sigma-w", sigmaW);
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("--sigma-b must be >= 0 and finite, got " + sigmaB);
        }
    }

    private static void positiveFinite(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be positive and finite, got " + value);
        }
    }

    /** The architecture at width w: a shallow net of activation {@code act}, or a cos-net when act is null. */
    private Architecture architecture(Activation act, int w) {
        if (act != null) {
            return ShallowNetwork.scalar(act, dim, w, sigmaW, sigmaB);
        }
        return arch.equalsIgnoreCase("cauchy") ? CosNet.cauchy(mass, sigmaA, w)
                : CosNet.freeScalar(dim, mass, cutoff, sigmaA, w);
    }

    private void print(PrintWriter o, TrainedEnsemble ensemble, double[][] xs, int[] recorded,
                       GaussianPrediction[] exact, TrainingLoss[] losses, FiniteWidthDeviation deviation,
                       BackendRun<?> trained, double rate, Path out) {
        o.println(String.format(Locale.ROOT, "%s-net N=%d, %d networks, eta=%.6g, %d steps (%s, %.1f s)",
                arch.toLowerCase(Locale.ROOT), width, networks, rate, steps, trained.backend(),
                trained.secondsSinceStart()));
        o.println("     t  point    mean +- error          theory     variance +- error      theory");
        for (int s = 0; s < recorded.length; s++) {
            CorrelatorEstimates e = ensemble.estimates(s);
            for (int i = 0; i < xs.length; i++) {
                o.println(String.format(Locale.ROOT, "%6d %6d %9.5f +- %.5f %9.5f %10.5f +- %.5f %9.5f",
                        recorded[s], i, e.momentOf(i), e.momentError(e.tuples().indexOf(i)), exact[s].mean()[i],
                        e.connectedOf(i, i), e.connectedError(e.tuples().indexOf(i, i)), exact[s].variance(i)));
            }
        }
        o.println("     t   training loss +- error");
        for (int s = 0; s < recorded.length; s++) {
            o.println(String.format(Locale.ROOT, "%6d %12.6f +- %.6f", recorded[s], losses[s].value(),
                    losses[s].error()));
        }
        if (deviation != null) {
            o.println(deviation.summary());
        }
        o.println("results: " + out.toAbsolutePath());
    }

    private void plot(OutputSet files, Path out, TrainedEnsemble ensemble, double[][] xs, int[] recorded,
                      GaussianPrediction[] exact, TrainingLoss[] losses, GaussianPrediction[] exactTrain,
                      double[] targets) {
        String stem = out.getFileName().toString().replaceFirst("\\.json$", "");
        double[] x = new double[xs.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = xs[i][0];
        }
        for (int s = 0; s < recorded.length; s++) {
            CorrelatorEstimates e = ensemble.estimates(s);
            double[] mean = new double[x.length];
            double[] sd = new double[x.length];
            double[] theoryMean = exact[s].mean();
            double[] theorySd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                mean[i] = e.momentOf(i);
                sd[i] = Math.sqrt(Math.max(0, e.connectedOf(i, i)));
                theorySd[i] = Math.sqrt(Math.max(0, exact[s].variance(i)));
            }
            Plots.band(files, out.resolveSibling(stem + "-t" + recorded[s] + ".png"),
                    "trained ensemble after " + recorded[s] + " steps: mean +- one standard deviation", "x_1", "f",
                    x, mean, sd, theoryMean, theorySd);
        }
        double[] t = new double[recorded.length];
        double[] value = new double[recorded.length];
        double[] error = new double[recorded.length];
        double[] theoryValue = new double[recorded.length];
        for (int s = 0; s < recorded.length; s++) {
            t[s] = recorded[s];
            value[s] = losses[s].value();
            error[s] = losses[s].error();
            theoryValue[s] = theoryLoss(exactTrain[s], targets);
        }
        Plots.measuredVsTheory(files, out.resolveSibling(stem + "-loss.png"), "expected training loss", "step",
                "(1/2) sum (f - y)^2", t, value, error, t, theoryValue);
    }

    /** E[(1/2) sum_a (f_a - y_a)^2] of a Gaussian prediction on the training points. */
    static double theoryLoss(GaussianPrediction g, double[] targets) {
        double sum = 0;
        for (int a = 0; a < targets.length; a++) {
            double d = g.mean()[a] - targets[a];
            sum += d * d + g.variance(a);
        }
        return 0.5 * sum;
    }

    /** (i), (i,j), (i,i,j,j) of the test points and (a,a) of the training points (closed under sub-multisets). */
    private static int[][] tuples(int p, int n) {
        List<int[]> list = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                list.add(new int[] {i, i, j, j});
            }
        }
        for (int a = p; a < p + n; a++) {
            list.add(new int[] {a, a});
        }
        return list.toArray(new int[0][]);
    }

    private TrainingSet trainingSet() {
        if (data != null && target != null) {
            throw new IllegalArgumentException("give --data or --target, not both");
        }
        if (data != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--train-points")) {
                throw new IllegalArgumentException("--train-points is for the built-in target; --data gives its own "
                        + "points");
            }
            return TrainingSet.file(data, dim);
        }
        if (target == null || target.equalsIgnoreCase("sin")) {
            if (trainPoints > TrainedEnsembleKernel.MAX_POINTS) {
                throw new IllegalArgumentException("--train-points at most " + TrainedEnsembleKernel.MAX_POINTS
                        + ", got " + trainPoints);
            }
            return TrainingSet.sine(trainPoints, dim);
        }
        throw new IllegalArgumentException("--target: sin is the built-in target, got '" + target + "'");
    }

    private int[] widthList() {
        if (width < 1) {
            throw new IllegalArgumentException("--width must be >= 1, got " + width);
        }
        TreeSet<Integer> set = new TreeSet<>(List.of(width));
        if (widths != null) {
            for (int w : integers("--widths", widths)) {
                if (w < 1) {
                    throw new IllegalArgumentException("--widths must be >= 1, got " + w);
                }
                set.add(w);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] recordedSteps() {
        TreeSet<Integer> set = new TreeSet<>();
        if (times == null) {
            set.addAll(List.of(0, steps / 10, steps));
        } else {
            for (int t : integers("--times", times)) {
                if (t < 0 || t > steps) {
                    throw new IllegalArgumentException("--times must lie in 0..--steps (" + steps + "), got " + t);
                }
                set.add(t);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] integers(String option, String text) {
        String[] parts = text.split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i].trim() + "' is not a whole number");
            }
        }
        return v;
    }

    private double[][] defaultPoints() {
        StringBuilder sb = new StringBuilder();
        for (String t : new String[] {"-3", "-1.5", "0", "1.5", "3"}) {
            sb.append(sb.isEmpty() ? "" : ";").append(t).append(",0".repeat(dim - 1));
        }
        return PointsParser.inline(sb.toString(), dim);
    }
}
