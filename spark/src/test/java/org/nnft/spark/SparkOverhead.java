package org.nnft.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;

import java.util.Locale;

/**
 * The measurement behind docs/performance.md "Spark" (not a test): one run sampled in one process on the CPU
 * backend (all cores) and as k Spark tasks on {@code local[2]}, alternating, with the session's start-up timed
 * apart. Arguments: networks, then the shard counts (default 10^6 networks; 2, 16, 64 shards).
 */
public final class SparkOverhead {
    private SparkOverhead() {
    }

    public static void main(String[] args) {
        long networks = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int[] shards = {2, 16, 64};
        if (args.length > 1) {
            shards = new int[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                shards[i - 1] = Integer.parseInt(args[i]);
            }
        }
        EnsembleSpec spec = new EnsembleSpec("cos", 1, 100, 1, networks, 1.0, 10.0, 1.0, 1.0, 0.0,
                EnsembleSpec.defaultPoints(1), 4, 256, 64, 1);
        long t0 = System.nanoTime();
        JavaSparkContext spark = SparkTestSession.context();
        System.out.printf(Locale.ROOT, "spark session start-up: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        EnsembleResult reference;
        try (Backend cpu = Backends.named("cpu")) {
            reference = EnsembleRun.sample(spec.config(), cpu, null, null);   // warm-up
        }
        SparkEnsemble.run(spark, spec, "cpu", "cuda", 2);                    // warm-up
        for (int round = 0; round < 2; round++) {
            long s = System.nanoTime();
            try (Backend cpu = Backends.named("cpu")) {
                reference = EnsembleRun.sample(spec.config(), cpu, null, null);
            }
            System.out.printf(Locale.ROOT, "round %d one process: %.2f s%n", round, (System.nanoTime() - s) / 1e9);
            for (int k : shards) {
                s = System.nanoTime();
                EnsembleResult r = SparkEnsemble.run(spark, spec, "cpu", "cuda", k);
                double seconds = (System.nanoTime() - s) / 1e9;
                System.out.printf(Locale.ROOT, "round %d spark local[2] %d shards: %.2f s (bit for bit: %b)%n",
                        round, k, seconds, r.moments().equals(reference.moments()));
            }
        }
    }
}
