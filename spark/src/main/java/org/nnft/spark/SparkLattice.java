package org.nnft.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.nnft.engine.Backend;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.run.LatticeRun;
import org.nnft.stats.GammaResult;
import org.nnft.stats.MultiReplicaGamma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lattice replicas and parameter scans as Spark tasks: every {@link LatticeSpec} is one task that opens its own
 * backend ({@link TaskBackends}) and runs {@link LatticeRun#run}, so each replica's chain is exactly the chain a
 * direct run of that spec gives. Replicas of one parameter point (same label, different seeds) combine in the
 * multi-replica Gamma method ({@link MultiReplicaGamma}); a scan (e.g. of mu^2 on two lattice sizes) gives the
 * Binder cumulant per point, and {@link #crossing} finds where two sizes' curves cross.
 */
public final class SparkLattice {
    private SparkLattice() {
    }

    /** {@code count} replicas of {@code base}: seeds base, base + 1, ... (independent Philox streams). */
    public static List<LatticeSpec> replicas(LatticeSpec base, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("replica count must be >= 1, got " + count);
        }
        List<LatticeSpec> out = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            out.add(base.withSeed(base.seed() + r));
        }
        return out;
    }

    /** Runs every spec as one Spark task; the results come back in the order of {@code specs}. */
    public static List<ReplicaResult> run(JavaSparkContext spark, List<LatticeSpec> specs, String backend,
                                          String gpuBackend) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no lattice runs given");
        }
        for (LatticeSpec s : specs) {
            LatticeRun.check(s.config(), LatticeRun.Options.NONE);
        }
        return spark.parallelize(new ArrayList<>(specs), specs.size())
                .map(spec -> {
                    try (Backend b = TaskBackends.open(backend, gpuBackend)) {
                        return runOne(spec, b);
                    }
                })
                .collect();
    }

    /** One replica on {@code backend} (what a task does). */
    static ReplicaResult runOne(LatticeSpec spec, Backend backend) {
        LatticeRun.Result r = LatticeRun.run(spec.config(), backend, LatticeRun.Options.NONE);
        Map<String, double[]> estimates = new LinkedHashMap<>();
        for (Map.Entry<String, Estimate> e : r.observables().entrySet()) {
            Estimate v = e.getValue();
            estimates.put(e.getKey(), new double[]{v.value(), v.error(), v.tauInt()});
        }
        return new ReplicaResult(spec, List.copyOf(r.series().names()), r.series().rows(), estimates);
    }

    /** Observable {@code name} over the replicas, by the multi-replica Gamma method. */
    public static GammaResult combined(List<ReplicaResult> replicas, String name) {
        double[][] series = new double[replicas.size()][];
        for (int r = 0; r < series.length; r++) {
            series[r] = replicas.get(r).column(name);
        }
        return MultiReplicaGamma.analyze(series);
    }

    /** The Binder cumulant U4 = 1 - <m^4>/(3 <m^2>^2) over the replicas, by the multi-replica Gamma method. */
    public static GammaResult binder(List<ReplicaResult> replicas) {
        double[][] m2 = new double[replicas.size()][];
        double[][] m4 = new double[replicas.size()][];
        for (int r = 0; r < m2.length; r++) {
            m2[r] = replicas.get(r).column("m2");
            m4[r] = replicas.get(r).column("m4");
        }
        return MultiReplicaGamma.derived(m -> 1 - m[1] / (3 * m[0] * m[0]), m2, m4);
    }

    /** The results grouped by label, in order of first appearance. */
    public static Map<String, List<ReplicaResult>> byLabel(List<ReplicaResult> results) {
        Map<String, List<ReplicaResult>> out = new LinkedHashMap<>();
        for (ReplicaResult r : results) {
            out.computeIfAbsent(r.spec().label(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /**
     * Where two curves sampled at the same increasing abscissae x cross (e.g. the Binder cumulants of two lattice
     * sizes against mu^2): the first sign change of {@code u - v}, by linear interpolation; NaN when none.
     */
    public static double crossing(double[] x, double[] u, double[] v) {
        if (x.length != u.length || x.length != v.length) {
            throw new IllegalArgumentException("x, u and v must have equal lengths");
        }
        for (int i = 1; i < x.length; i++) {
            double d0 = u[i - 1] - v[i - 1], d1 = u[i] - v[i];
            if (d0 == 0) {
                return x[i - 1];
            }
            if (Math.signum(d0) != Math.signum(d1)) {
                return x[i - 1] + (x[i] - x[i - 1]) * d0 / (d0 - d1);
            }
        }
        return u.length > 0 && u[u.length - 1] == v[v.length - 1] ? x[x.length - 1] : Double.NaN;
    }
}
