package org.nnft.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.DeformedRun;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code spark-submit} entry point of {@code spark/target/nnft-spark.jar}: samples the ensemble that the
 * options of {@code nnft ensemble} describe as Spark tasks ({@link SparkEnsemble}) and writes the same result file
 * (merge-compatible, {@link EnsembleDocument}). The master, executors and GPU resources come from
 * {@code spark-submit}'s {@code --master} and {@code --conf}; the README's "Running on a cluster" has the commands.
 *
 * <p>Options: {@code --arch --dim --width --outputs --networks --mass --cutoff --sigma-a --sigma-w --sigma-b
 * --points --order --block-size --bins --seed} as in {@code nnft ensemble}; {@code --backend} (auto: the task's GPU
 * where it has one, else the CPU; or cpu, cuda, opencl), {@code --gpu-backend} (cuda or opencl, for auto),
 * {@code --shards} (Spark tasks; default the number of jackknife bins), {@code --out} (default ensemble.json).
 * With {@code --lambda} (and {@code --potential --box --grid --sampler --chains --sweeps --thermalize} as in
 * {@code nnft ensemble}) it runs the deformed ensemble ({@link SparkDeformed}; {@code --shards} default and at most
 * half the bins, or with {@code --sampler mcmc} half the chains) and writes the deformed result file
 * ({@link DeformedDocument}).
 */
public final class SparkMain {
    private static final List<String> OPTIONS = List.of("--arch", "--dim", "--width", "--outputs", "--networks",
            "--mass", "--cutoff", "--sigma-a", "--sigma-w", "--sigma-b", "--points", "--order", "--block-size",
            "--bins", "--seed", "--backend", "--gpu-backend", "--shards", "--out", "--lambda", "--potential", "--box",
            "--grid", "--sampler", "--chains", "--sweeps", "--thermalize");
    private static final List<String> DEFORMATION = List.of("--potential", "--box", "--grid", "--sampler",
            "--chains", "--sweeps", "--thermalize");

    private SparkMain() {
    }

    public static void main(String[] args) {
        try {
            parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nnft-spark: " + e.getMessage());
            usage(System.err);
            System.exit(2);
        }
        SparkSession session = SparkSession.builder().appName("nnft ensemble").getOrCreate();
        int status = 0;
        try {
            run(JavaSparkContext.fromSparkContext(session.sparkContext()), args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("nnft-spark: " + e.getMessage());
            status = 2;
        } finally {
            session.stop();
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Samples the run of {@code args} on {@code spark} and writes its result file.
     *
     * @return the result file's path
     */
    static Path run(JavaSparkContext spark, String[] args, PrintStream out) {
        Map<String, String> o = parse(args);
        EnsembleSpec spec = spec(o);
        spec.config();
        if (o.containsKey("--lambda")) {
            return runDeformed(spark, o, spec, out);
        }
        for (String key : DEFORMATION) {
            if (o.containsKey(key)) {
                throw new IllegalArgumentException(key + " needs --lambda (a deformed ensemble)");
            }
        }
        int shards = integer(o, "--shards", Integer.toString(spec.effectiveBins()));
        String backend = o.getOrDefault("--backend", TaskBackends.AUTO);
        String gpuBackend = o.getOrDefault("--gpu-backend", "cuda");
        Path file = Path.of(o.getOrDefault("--out", "ensemble.json"));
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        EnsembleResult r = SparkEnsemble.run(spark, spec, backend, gpuBackend, shards);
        double seconds = (System.nanoTime() - t0) / 1e9;
        EnsembleDocument.write(file, EnsembleDocument.of(spec, r, r.provenance().backend(), r.provenance().device(),
                start, seconds, shards));
        out.printf(Locale.ROOT, "%,d networks in %d Spark tasks (%s) in %.2f s%nresults: %s%n",
                r.moments().totalCount(), shards, r.provenance().backend(), seconds, file.toAbsolutePath());
        return file;
    }

    /** The deformed run of the options ({@code --lambda} given). */
    private static Path runDeformed(JavaSparkContext spark, Map<String, String> o, EnsembleSpec ensemble,
                                    PrintStream out) {
        DeformedSpec spec = deformed(o, ensemble);
        int shards = integer(o, "--shards", Integer.toString(Math.max(1, spec.maxShards())));
        String backend = o.getOrDefault("--backend", TaskBackends.AUTO);
        String gpuBackend = o.getOrDefault("--gpu-backend", "cuda");
        Path file = Path.of(o.getOrDefault("--out", "ensemble.json"));
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        DeformedResult r = SparkDeformed.run(spark, spec, backend, gpuBackend, shards);
        double seconds = (System.nanoTime() - t0) / 1e9;
        EnsembleDocument.write(file, DeformedDocument.of(ensemble, spec, r, start, seconds, shards));
        out.printf(Locale.ROOT, "%s: %,d samples in %d Spark tasks (%s) in %.2f s%nresults: %s%n", r.sampler(),
                r.samples(), shards, r.provenance().backend(), seconds, file.toAbsolutePath());
        return file;
    }

    /** The deformed run of the options, with {@code nnft ensemble}'s defaults (phi4, grid 32, reweight). */
    static DeformedSpec deformed(Map<String, String> o, EnsembleSpec ensemble) {
        if (!o.containsKey("--box")) {
            throw new IllegalArgumentException("--box is required with --lambda (the interaction volume)");
        }
        String[] parts = o.get("--box").split(",");
        int dim = ensemble.dim();
        if (parts.length != 1 && parts.length != dim) {
            throw new IllegalArgumentException("--box needs 1 or " + dim + " side lengths, got '" + o.get("--box")
                    + "'");
        }
        double[] box = new double[dim];
        for (int k = 0; k < dim; k++) {
            try {
                box[k] = Double.parseDouble(parts[parts.length == 1 ? 0 : k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--box: not a number in '" + o.get("--box") + "'");
            }
        }
        DeformedRun.Sampler sampler = DeformedRun.Sampler.named(o.getOrDefault("--sampler", "reweight"));
        DeformedRun.Chains d = DeformedRun.Chains.DEFAULTS;
        DeformedRun.Chains chains = new DeformedRun.Chains(integer(o, "--chains", Integer.toString(d.chains())),
                integer(o, "--thermalize", Integer.toString(d.thermalize())),
                integer(o, "--sweeps", Integer.toString(d.sweeps())));
        DeformedSpec spec = new DeformedSpec(ensemble, o.getOrDefault("--potential", "phi4").toLowerCase(Locale.ROOT),
                real(o, "--lambda", "0"), box, integer(o, "--grid", "32"), sampler, chains);
        spec.deformation();
        if (sampler == DeformedRun.Sampler.MCMC) {
            spec.mcmc();
        }
        return spec;
    }

    /** The options as a map; refuses unknown options and options without a value. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            String value;
            if (a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(key + " needs a value");
            }
            o.put(key, value);
        }
        return o;
    }

    /** The run the options describe, with {@code nnft ensemble}'s defaults. */
    static EnsembleSpec spec(Map<String, String> o) {
        int dim = integer(o, "--dim", "1");
        double[][] points = o.containsKey("--points") ? points(o.get("--points"), dim)
                : EnsembleSpec.defaultPoints(dim);
        return new EnsembleSpec(o.getOrDefault("--arch", "cos"), dim, integer(o, "--width", "100"),
                integer(o, "--outputs", "1"), Long.parseLong(o.getOrDefault("--networks", "100000")),
                real(o, "--mass", "1.0"), real(o, "--cutoff", "10.0"), real(o, "--sigma-a", "1.0"),
                real(o, "--sigma-w", "1.0"), real(o, "--sigma-b", "0.0"), points, integer(o, "--order", "4"),
                integer(o, "--block-size", "256"), integer(o, "--bins", "0"), Long.parseLong(o.getOrDefault("--seed",
                "1")));
    }

    /** Points as on the command line: ';' between points, ',' between coordinates. */
    static double[][] points(String text, int dim) {
        String[] items = text.split(";");
        double[][] p = new double[items.length][];
        for (int i = 0; i < items.length; i++) {
            try {
                p[i] = Arrays.stream(items[i].split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--points: not a number in '" + items[i] + "'");
            }
            if (p[i].length != dim) {
                throw new IllegalArgumentException("--points: point " + i + " has " + p[i].length
                        + " coordinates, --dim is " + dim);
            }
        }
        return p;
    }

    private static int integer(Map<String, String> o, String key, String fallback) {
        try {
            return Integer.parseInt(o.getOrDefault(key, fallback));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + o.get(key) + "'");
        }
    }

    private static double real(Map<String, String> o, String key, String fallback) {
        try {
            return Double.parseDouble(o.getOrDefault(key, fallback));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + o.get(key) + "'");
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: spark-submit --class " + SparkMain.class.getName() + " [spark options] nnft-spark.jar"
                + " [nnft ensemble options] [--backend auto|cpu|cuda|opencl] [--gpu-backend cuda|opencl]"
                + " [--shards k] [--out file.json] [--lambda L --box B [deformation options of nnft ensemble]]");
    }
}
