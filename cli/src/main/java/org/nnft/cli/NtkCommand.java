package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.PointsParser;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.ResultFile;
import org.nnft.theory.Activation;
import org.nnft.theory.CauchyDensity;
import org.nnft.theory.CosNetCorrelators;
import org.nnft.theory.CosNetTangentKernel;
import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.InfiniteWidthKernels;
import org.nnft.theory.LinearisedDynamics;
import org.nnft.theory.Parameterization;
import org.nnft.theory.PowerLawFit;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.ShallowNetTangentKernel;
import org.nnft.theory.UniformBallDensity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
 * {@code nnft ntk}: the analytic NNGP kernel and infinite-width neural tangent kernel of a shallow
 * architecture on given points (docs/ntk.md), in neural-tangents' standard or NTK parameterisation.
 * With {@code --train/--targets}, also the exact linearised-training distribution on the points
 * ({@link LinearisedDynamics}, Commons Math: meant for small training sets). Pure theory (no sampling, no
 * backend) unless {@code --networks M} is given: then M sampled networks per width give the empirical NTK
 * beside the theory ({@link EmpiricalNtkColumn}, docs/ntk.md section 6).
 */
@Command(name = "ntk", mixinStandardHelpOptions = true,
        description = "Analytic NNGP kernel and neural tangent kernel (standard or NTK parameterisation) on points.")
final class NtkCommand implements Callable<Integer> {

    /** results.empirical of a run without --networks. */
    static final String EMPIRICAL_NOTE = "theory only: the empirical NTK of sampled networks (an 'empirical'"
            + " field beside 'theory') is not computed yet: give --networks M";

    @Spec
    CommandSpec spec;
    @Mixin
    EmpiricalNtkOptions empiricalOptions;
    @Mixin
    ExportOptions export = new ExportOptions();

    @Option(names = "--arch", defaultValue = "relu",
            description = "relu | erf | gauss | cos | cauchy (default ${DEFAULT-VALUE})")
    String arch;
    @Option(names = "--dim", defaultValue = "1", description = "input dimension d (cos: 1..4, cauchy: 1)")
    int dim;
    @Option(names = "--width", defaultValue = "512", description = "hidden width N (enters the standard NTK only)")
    int width;
    @Option(names = "--sigma-w", defaultValue = "1.0", description = "relu/erf/gauss weight scale sigma_W (= W_std)")
    double sigmaW;
    @Option(names = "--sigma-b", defaultValue = "0.0", description = "relu/erf/gauss bias scale sigma_b (= b_std)")
    double sigmaB;
    @Option(names = "--mass", defaultValue = "1.0", description = "cos/cauchy mass m")
    double mass;
    @Option(names = "--cutoff", defaultValue = "10.0", description = "cos momentum cutoff Lambda")
    double cutoff;
    @Option(names = "--sigma-a", defaultValue = "1.0", description = "cos/cauchy output-weight scale sigma_a")
    double sigmaA;
    @Option(names = "--parameterization", defaultValue = "ntk",
            description = "standard | ntk, as neural-tangents' Dense(parameterization=...) (default ${DEFAULT-VALUE})")
    String parameterization;
    @Option(names = "--points",
            description = "points, ';' between points, ',' between coordinates (default: 0;0.5;1 along the first axis)")
    String points;
    @Option(names = "--points-file", description = "file with one point per line")
    Path pointsFile;
    @Option(names = "--out", description = "result JSON file (default ntk.json)")
    Path out;
    @Option(names = "--train", description = "training points (same syntax as --points): adds the linearised-training"
            + " mean and covariance on --points")
    String train;
    @Option(names = "--targets", description = "training targets, ',' between values (one per --train point)")
    String targets;
    @Option(names = "--steps", defaultValue = "inf",
            description = "gradient-descent steps k, or inf for the converged network (default ${DEFAULT-VALUE})")
    String steps;
    @Option(names = "--learning-rate", description = "eta of the summed loss (1/2) sum (f - y)^2"
            + " (default 1/lambda_max of Theta on the training points)")
    Double learningRate;

    @Override
    public Integer call() {
        RunOptions.checkedOut(spec, out != null ? out : Path.of("ntk.json"));
        ResultExports exports = export.checked(out != null ? out : Path.of("ntk.json"), false);
        Instant start = Instant.now();
        Parameterization p = Parameterization.parse(parameterization);
        InfiniteWidthKernels kernels = kernels(p);
        double[][] xs = points();
        TrainingOptions training = train == null && targets == null ? null : trainingOptions();
        EmpiricalNtkColumn empirical = empiricalOptions.networks == null ? null : EmpiricalNtkColumn.measure(
                empiricalOptions, arch, dim, width, sigmaW, sigmaB, mass, cutoff, sigmaA, p, xs);
        List<Object> nngp = new ArrayList<>();
        List<Object> ntk = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            for (int j = i; j < xs.length; j++) {
                nngp.add(Json.object("points", new int[] {i, j}, "theory", kernels.nngp(xs[i], xs[j])));
                Map<String, Object> entry = Json.object("points", new int[] {i, j}, "theory",
                        kernels.ntk(xs[i], xs[j]));
                if (empirical != null) {
                    entry.put("empirical", empirical.entry(i, j));
                }
                ntk.add(entry);
            }
        }
        Map<String, Object> config = Json.object("arch", arch, "dim", dim, "width", width, "sigmaW", sigmaW,
                "sigmaB", sigmaB, "mass", mass, "cutoff", cutoff, "sigmaA", sigmaA,
                "parameterization", p.label(), "points", xs);
        String stax = neuralTangents(p);
        if (stax != null) {
            config.put("neuralTangents", stax);
        }
        double wall = Duration.between(start, Instant.now()).toNanos() / 1e9;
        Map<String, Object> results = Json.object("points", xs, "nngp", nngp, "ntk", ntk, "empirical",
                empirical == null ? EMPIRICAL_NOTE : empirical.summary());
        GaussianPrediction trained = null;
        if (training != null) {
            LinearisedDynamics probe = new LinearisedDynamics(kernels, training.points, training.targets, 1);
            double eta = learningRate != null ? learningRate : 1 / probe.largestEigenvalue();
            if (training.steps < 0 && eta * probe.largestEigenvalue() >= 2) {
                throw new IllegalArgumentException("--learning-rate " + eta + ": gradient descent diverges (needs < 2"
                        + " / lambda_max = " + 2 / probe.largestEigenvalue() + ")");
            }
            LinearisedDynamics dynamics = new LinearisedDynamics(kernels, training.points, training.targets, eta);
            trained = training.steps < 0 ? dynamics.converged(xs) : dynamics.afterSteps(training.steps, xs);
            config.put("train", training.points);
            config.put("targets", training.targets);
            config.put("steps", training.steps < 0 ? "inf" : training.steps);
            config.put("learningRate", eta);
            results.put("training", Json.object("mean", trained.mean(), "covariance", trained.covariance()));
        }
        Map<String, Object> doc = ResultDocument.of(config, empirical == null
                ? ResultDocument.provenance("theory", "none", 0, start, wall)
                : ResultDocument.provenance(empirical.backendName(), "sampled networks", empiricalOptions.seed, start,
                        wall), results);
        Path target = out != null ? out : Path.of("ntk.json");
        try (OutputSet files = new OutputSet()) {
            ResultFile.write(files, target, doc);
            exports.stageNpz(files, doc, Map.of());
            files.commit();
        }
        var o = spec.commandLine().getOut();
        o.println(kernels + ", " + xs.length + " points");
        o.println("   i    j          NNGP K           NTK Theta");
        for (int k = 0; k < ntk.size(); k++) {
            int[] ij = (int[]) ((Map<?, ?>) ntk.get(k)).get("points");
            double kValue = (double) ((Map<?, ?>) nngp.get(k)).get("theory");
            double thetaValue = (double) ((Map<?, ?>) ntk.get(k)).get("theory");
            o.println(String.format(Locale.ROOT, "%4d %4d %16.8e %19.8e", ij[0], ij[1], kValue, thetaValue));
        }
        if (trained != null) {
            o.println("linearised training (steps " + steps + "): mean +- standard deviation on the points");
            for (int i = 0; i < xs.length; i++) {
                o.println(String.format(Locale.ROOT, "%4d %16.8e +- %.8e", i, trained.mean()[i],
                        Math.sqrt(Math.max(0, trained.variance(i)))));
            }
        }
        if (empirical == null) {
            o.println("empirical NTK: not computed yet (give --networks M)");
        } else {
            printEmpirical(o, empirical, ntk);
        }
        o.println("results: " + target.toAbsolutePath());
        return 0;
    }

    private static void printEmpirical(PrintWriter o, EmpiricalNtkColumn e, List<Object> ntk) {
        o.println(String.format(Locale.ROOT, "empirical NTK of %d sampled networks of width %d (%s, %.1f s):",
                e.atWidth().networks(), e.width(), e.backendName(), e.seconds()));
        o.println("   i    j           Theta theory     empirical mean +- error      Var[Theta]"
                + (e.widths().length > 1 ? "   slope of Var in N" : ""));
        for (Object item : ntk) {
            Map<?, ?> entry = (Map<?, ?>) item;
            int[] ij = (int[]) entry.get("points");
            Map<?, ?> emp = (Map<?, ?>) entry.get("empirical");
            PowerLawFit fit = e.slope(ij[0], ij[1]);
            o.println(String.format(Locale.ROOT, "%4d %4d %19.8e %16.8e +- %.2e %15.6e", ij[0], ij[1],
                    (double) entry.get("theory"), (double) emp.get("mean"), (double) emp.get("error"),
                    (double) emp.get("variance"))
                    + (fit == null ? "" : String.format(Locale.ROOT, "   %.3f +- %.3f", fit.slope(),
                    fit.slopeError())));
        }
        if (e.widths().length > 1) {
            o.println("variance slope: Var[Theta] ~ N^slope over widths " + Arrays.toString(e.widths()));
        }
    }

    private InfiniteWidthKernels kernels(Parameterization p) {
        if (width < 1) {
            throw new IllegalArgumentException("--width must be >= 1, got " + width);
        }
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "relu", "erf", "gauss" -> {
                if (!(sigmaW > 0) || Double.isInfinite(sigmaW)) {
                    throw new IllegalArgumentException("--sigma-w must be positive and finite, got " + sigmaW);
                }
                if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
                    throw new IllegalArgumentException("--sigma-b must be >= 0 and finite, got " + sigmaB);
                }
                if (dim < 1) {
                    throw new IllegalArgumentException("--dim must be >= 1, got " + dim);
                }
                Activation act = Activation.valueOf(arch.toUpperCase(Locale.ROOT));
                yield new ShallowNetTangentKernel(new ShallowNetTheory(act, sigmaW, sigmaB, dim), p, width);
            }
            case "cos" -> {
                requireFinite("--mass", mass);
                requireFinite("--cutoff", cutoff);
                requireFinite("--sigma-a", sigmaA);
                if (dim < 1 || dim > 4) {
                    throw new IllegalArgumentException("--dim: the cos-net needs d in 1..4, got " + dim);
                }
                UniformBallDensity density = UniformBallDensity.freeScalar(dim, mass, cutoff, sigmaA);
                CosNetCorrelators g2 = new CosNetCorrelators(density, sigmaA);
                yield new CosNetTangentKernel(g2, sigmaA, p, width);
            }
            case "cauchy" -> {
                requireFinite("--mass", mass);
                requireFinite("--sigma-a", sigmaA);
                if (dim != 1) {
                    throw new IllegalArgumentException("--dim: the Cauchy cos-net is 1-dimensional, got " + dim);
                }
                // the sampled Cauchy net scales A by 1/sigma_a, so G2 = exp(-m|t|)/(2m) for every sigma_a
                yield new CosNetTangentKernel(new CosNetCorrelators(new CauchyDensity(mass), 1), sigmaA, p, width);
            }
            default -> throw new IllegalArgumentException("--arch: unknown architecture '" + arch
                    + "' (known: relu, erf, gauss, cos, cauchy)");
        };
    }

    private double[][] points() {
        if (points != null && pointsFile != null) {
            throw new IllegalArgumentException("give --points or --points-file, not both");
        }
        if (pointsFile != null) {
            return PointsParser.file(pointsFile, dim);
        }
        if (points != null) {
            return PointsParser.inline(points, dim);
        }
        StringBuilder sb = new StringBuilder();
        for (String t : new String[] {"0", "0.5", "1"}) {
            sb.append(sb.isEmpty() ? "" : ";").append(t).append(",0".repeat(Math.max(0, dim - 1)));
        }
        return PointsParser.inline(sb.toString(), dim);
    }

    /** Training set and step count of the linearised-training option; steps -1 means converged. */
    private record TrainingOptions(double[][] points, double[] targets, long steps) {
    }

    private TrainingOptions trainingOptions() {
        if (train == null || targets == null) {
            throw new IllegalArgumentException("--train and --targets go together");
        }
        double[][] trainPoints = PointsParser.inline(train, dim).clone();
        String[] parts = targets.split(",");
        double[] y = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                y[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--targets: '" + parts[i].trim() + "' is not a number");
            }
            requireFinite("--targets", y[i]);
        }
        if (y.length != trainPoints.length) {
            throw new IllegalArgumentException("--targets: " + y.length + " values for " + trainPoints.length
                    + " --train points");
        }
        long k;
        if (steps.equalsIgnoreCase("inf")) {
            k = -1;
        } else {
            try {
                k = Long.parseLong(steps.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--steps must be a whole number >= 0 or inf, got '" + steps + "'");
            }
            if (k < 0) {
                throw new IllegalArgumentException("--steps must be >= 0 or inf, got " + k);
            }
        }
        if (learningRate != null && (!(learningRate > 0) || Double.isInfinite(learningRate))) {
            throw new IllegalArgumentException("--learning-rate must be positive and finite, got " + learningRate);
        }
        return new TrainingOptions(trainPoints, y, k);
    }

    /** The neural-tangents network with the same NNGP and NTK, or null where there is none. */
    private String neuralTangents(Parameterization p) {
        String layer = switch (arch.toLowerCase(Locale.ROOT)) {
            case "relu" -> "stax.Relu()";
            case "erf" -> "stax.Erf()";
            default -> null;
        };
        if (layer == null) {
            return null;
        }
        String dense = "W_std=" + sigmaW + ", b_std=" + sigmaB + ", parameterization='" + p.label() + "'";
        return "stax.serial(stax.Dense(" + width + ", " + dense + "), " + layer + ", stax.Dense(1, " + dense + "))";
    }

    private static void requireFinite(String option, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be finite, got " + value);
        }
    }
}
