package org.nnft.stats;

import java.util.function.ToDoubleFunction;

/**
 * The Gamma method for several replicas (independent Markov chains of one ensemble, e.g. the tasks of a
 * cluster run), as U. Wolff (hep-lat/0306017, section 3.3) and pyerrors do it: the fluctuations of every
 * replica are taken about the mean of all N = sum_r N_r measurements, the replicas' lag sums are added up,
 *
 * <pre>Gamma(t) = sum_r sum_{i < N_r - t} d_{r,i} d_{r,i+t} / sum_r max(N_r - t, 0),</pre>
 *
 * and the window, bias correction and error are chosen on this combined Gamma exactly as in
 * {@link GammaMethod} with N the total count and lags up to max_r N_r / 2 (pairs never straddle two
 * replicas). With one replica every number equals {@link GammaMethod}'s bit for bit (the same sums in the same
 * order), which is why this class exists beside it rather than averaging per-replica errors: a replica
 * too short to see its own autocorrelation still contributes its lag sums.
 */
public final class MultiReplicaGamma {

    private MultiReplicaGamma() {
    }

    /** One primary observable measured on R replicas, S = {@value GammaMethod#DEFAULT_S}. */
    public static GammaResult analyze(double[]... replicas) {
        return analyze(GammaMethod.DEFAULT_S, replicas);
    }

    /**
     * One primary observable measured on R replicas.
     *
     * @param s        window parameter S > 0
     * @param replicas R >= 1 series (one per replica), each of length >= 2, finite values
     */
    public static GammaResult analyze(double s, double[]... replicas) {
        GammaMethod.requireS(s);
        requireReplicas(replicas, "replicas");
        double mean = mean(replicas);
        double[][] deltas = new double[replicas.length][];
        for (int r = 0; r < replicas.length; r++) {
            deltas[r] = centred(replicas[r], mean);
        }
        return analyzeFluctuations(mean, deltas, s);
    }

    /** Derived quantity with S = {@value GammaMethod#DEFAULT_S}; see {@link #derived(double, ToDoubleFunction,
     * double[][]...)}. */
    public static GammaResult derived(ToDoubleFunction<double[]> f, double[][]... observables) {
        return derived(GammaMethod.DEFAULT_S, f, observables);
    }

    /**
     * Derived quantity f(abar_1, ..., abar_A) of A primary observables measured on the same configurations of R
     * replicas, by the linearised projection of {@link GammaMethod#derived}: gradient by central differences of
     * step (naive error)/2 at the means over all replicas, the projected fluctuations analysed as one
     * multi-replica observable.
     *
     * @param s           window parameter S > 0
     * @param f           function of the A primary means
     * @param observables A >= 1 observables, each R replicas; replica r has one length in every observable
     */
    public static GammaResult derived(double s, ToDoubleFunction<double[]> f, double[][]... observables) {
        GammaMethod.requireS(s);
        if (f == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        if (observables == null || observables.length == 0) {
            throw new IllegalArgumentException("observables: at least one primary observable is required");
        }
        for (int a = 0; a < observables.length; a++) {
            requireReplicas(observables[a], "observables[" + a + "]");
            if (observables[a].length != observables[0].length) {
                throw new IllegalArgumentException("observables[" + a + "] has " + observables[a].length
                        + " replicas, observables[0] has " + observables[0].length);
            }
            for (int r = 0; r < observables[a].length; r++) {
                if (observables[a][r].length != observables[0][r].length) {
                    throw new IllegalArgumentException("observables[" + a + "][" + r + "] has length "
                            + observables[a][r].length + ", expected " + observables[0][r].length);
                }
            }
        }
        int count = observables.length;
        int replicas = observables[0].length;
        int n = total(observables[0]);
        double[] means = new double[count];
        double[] steps = new double[count];
        for (int a = 0; a < count; a++) {
            means[a] = mean(observables[a]);
            double sumSquares = 0;
            for (double[] replica : observables[a]) {
                double[] d = centred(replica, means[a]);
                for (double v : d) {
                    sumSquares += v * v;
                }
            }
            steps[a] = Math.sqrt(sumSquares / n / n) / 2;
        }
        double value = f.applyAsDouble(means.clone());
        double[] gradient = new double[count];
        for (int a = 0; a < count; a++) {
            if (steps[a] == 0) {
                continue;
            }
            double[] shifted = means.clone();
            shifted[a] = means[a] + steps[a];
            double up = f.applyAsDouble(shifted);
            shifted = means.clone();
            shifted[a] = means[a] - steps[a];
            double down = f.applyAsDouble(shifted);
            gradient[a] = (up - down) / (2 * steps[a]);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("f is not finite at the primary means: " + value);
        }
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                throw new IllegalArgumentException("f has a non-finite numerical gradient at the primary means");
            }
        }
        double[][] projected = new double[replicas][];
        for (int r = 0; r < replicas; r++) {
            projected[r] = new double[observables[0][r].length];
            for (int a = 0; a < count; a++) {
                double g = gradient[a];
                if (g == 0) {
                    continue;
                }
                double[] x = observables[a][r];
                for (int i = 0; i < x.length; i++) {
                    projected[r][i] += g * (x[i] - means[a]);
                }
            }
        }
        return analyzeFluctuations(value, projected, s);
    }

    private static GammaResult analyzeFluctuations(double mean, double[][] deltas, double s) {
        Autocovariance[] gammas = new Autocovariance[deltas.length];
        int longest = 0;
        for (int r = 0; r < deltas.length; r++) {
            gammas[r] = new Autocovariance(deltas[r]);
            longest = Math.max(longest, deltas[r].length);
        }
        return GammaMethod.analyzeGamma(mean, t -> {
            double sum = 0;
            long pairs = 0;
            for (int r = 0; r < deltas.length; r++) {
                if (t < deltas[r].length) {
                    sum += gammas[r].sumAt(t);
                    pairs += deltas[r].length - t;
                }
            }
            return sum / pairs;
        }, total(deltas), longest / 2, s);
    }

    /** The mean of all measurements, summed replica after replica. */
    private static double mean(double[][] replicas) {
        double sum = 0;
        for (double[] replica : replicas) {
            for (double v : replica) {
                sum += v;
            }
        }
        return sum / total(replicas);
    }

    private static double[] centred(double[] a, double mean) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - mean;
        }
        return d;
    }

    private static int total(double[][] replicas) {
        long n = 0;
        for (double[] replica : replicas) {
            n += replica.length;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("replicas hold more than " + Integer.MAX_VALUE + " measurements");
        }
        return (int) n;
    }

    private static void requireReplicas(double[][] replicas, String name) {
        if (replicas == null || replicas.length == 0) {
            throw new IllegalArgumentException(name + ": at least one replica is required");
        }
        for (int r = 0; r < replicas.length; r++) {
            GammaMethod.requireSeries(replicas[r], name + "[" + r + "]");
        }
    }
}
