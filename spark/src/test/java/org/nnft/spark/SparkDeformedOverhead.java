package org.nnft.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.DeformedRun;

import java.util.Arrays;
import java.util.Locale;

/**
 * The measurement behind docs/performance.md "Spark", deformed ensembles (not a test): one reweighted run and one
 * MCMC run in one process on the CPU backend and as k Spark tasks on {@code local[2]}, alternating, each Spark
 * result checked bit for bit against the one-process result. Arguments: networks, chains (default 10^5, 64).
 */
public final class SparkDeformedOverhead {
    private SparkDeformedOverhead() {
    }

    public static void main(String[] args) {
        long networks = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int chainCount = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        EnsembleSpec free = new EnsembleSpec("cos", 1, 50, 1, networks, 1.0, 5.0, 1.0, 1.0, 0.0,
                new double[][]{{0}, {0.5}, {1}}, 4, 256, 64, 3);
        DeformedRun.Chains chains = new DeformedRun.Chains(chainCount, 20, 200);
        long t0 = System.nanoTime();
        JavaSparkContext spark = SparkTestSession.context();
        System.out.printf(Locale.ROOT, "spark session start-up: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        for (DeformedRun.Sampler sampler : DeformedRun.Sampler.values()) {
            DeformedSpec spec = new DeformedSpec(free, "phi4", 1.0, new double[]{4.0}, 32, sampler, chains);
            SparkDeformed.run(spark, spec, "cpu", "cuda", 2);                 // warm-up
            for (int round = 0; round < 2; round++) {
                long s = System.nanoTime();
                DeformedResult reference;
                try (Backend cpu = Backends.named("cpu")) {
                    reference = sampler == DeformedRun.Sampler.MCMC
                            ? DeformedRun.mcmc(spec.config(), spec.deformation(), chains, cpu, null, null)
                            : DeformedRun.reweight(spec.config(), spec.deformation(), cpu, null, null);
                }
                System.out.printf(Locale.ROOT, "%s round %d one process: %.2f s%n", sampler.label(), round,
                        (System.nanoTime() - s) / 1e9);
                for (int k : new int[]{2, 16, 32}) {
                    s = System.nanoTime();
                    DeformedResult r = SparkDeformed.run(spark, spec, "cpu", "cuda", k);
                    double seconds = (System.nanoTime() - s) / 1e9;
                    boolean same = Arrays.equals(r.estimates().moments(), reference.estimates().moments())
                            && Arrays.equals(r.estimates().connectedErrors(), reference.estimates().connectedErrors());
                    System.out.printf(Locale.ROOT, "%s round %d spark local[2] %d shards: %.2f s (bit for bit: %b)%n",
                            sampler.label(), round, k, seconds, same);
                }
            }
        }
        spark.stop();
    }
}
