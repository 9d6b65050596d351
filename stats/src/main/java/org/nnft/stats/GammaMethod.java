package org.nnft.stats;

import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Monte Carlo error analysis with autocorrelations by the Gamma method of U. Wolff, "Monte Carlo
 * errors with less errors" (hep-lat/0306017), for a single Markov chain (one replicum).
 *
 * <p>Conventions (docs/physics.md B.3): Gamma(t) = 1/(N-t) sum d_i d_{i+t} of the fluctuations d about
 * the mean; tau_int(W) = 1/2 + sum_{t=1..W} rho(t); the window W is the first t with
 * exp(-t/tau) - tau/sqrt(t N) < 0, tau = S / ln((2 tau_int(t) + 1)/(2 tau_int(t) - 1)) (a tiny tau
 * when tau_int(t) <= 1/2); W <= N/2. Bias correction: Gamma(t) += C_F(W)/N, equivalently
 * C_F(W) *= 1 + (2W+1)/N; error^2 = C_F/N = 2 tau_int Gamma(0)/N.
 *
 * <p>Derived quantities f(A_1..A_R) use the linearised projection: the series
 * sum_r (df/dA_r)(a_r(t) - abar_r) with the gradient by central differences of step
 * h_r = (naive error of abar_r)/2, analysed as a primary observable. Fluctuations of series whose
 * Gamma(C_F) would be negative (anticorrelated beyond the window) are reported with error 0.
 */
public final class GammaMethod {

    /** Wolff's default ratio S = W_opt / tau of window to exponential autocorrelation time. */
    public static final double DEFAULT_S = 1.5;

    /** tau used for the window criterion when tau_int <= 1/2 (no positive correlation seen). */
    private static final double TINY_TAU = 1e-300;

    private GammaMethod() {
    }

    /** Analysis of one primary observable with S = {@value #DEFAULT_S}. */
    public static GammaResult analyze(double[] series) {
        return analyze(series, DEFAULT_S);
    }

    /**
     * Analysis of one primary observable.
     *
     * @param series time series, length N >= 2, finite values
     * @param s      window parameter S > 0
     */
    public static GammaResult analyze(double[] series, double s) {
        requireSeries(series, "series");
        requireS(s);
        double mean = mean(series);
        double[] deltas = new double[series.length];
        for (int i = 0; i < series.length; i++) {
            deltas[i] = series[i] - mean;
        }
        return analyzeFluctuations(mean, deltas, s);
    }

    /**
     * Derived quantity f(means) with S = {@value #DEFAULT_S}; see
     * {@link #derived(double, ToDoubleFunction, double[]...)}.
     */
    public static GammaResult derived(ToDoubleFunction<double[]> f, double[]... series) {
        return derived(DEFAULT_S, f, series);
    }

    /**
     * Derived quantity f(abar_1, ..., abar_R) of R primary observables measured on the same
     * configurations, by the linearised projection. The reported mean is f at the primary means
     * (no bias correction: that needs several replica).
     *
     * @param s      window parameter S > 0
     * @param f      function of the R primary means (receives an array of length R)
     * @param series R >= 1 series of equal length N >= 2
     */
    public static GammaResult derived(double s, ToDoubleFunction<double[]> f, double[]... series) {
        requireS(s);
        if (f == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        if (series == null || series.length == 0) {
            throw new IllegalArgumentException("series: at least one primary series is required");
        }
        int n = series[0] == null ? 0 : series[0].length;
        for (int r = 0; r < series.length; r++) {
            requireSeries(series[r], "series[" + r + "]");
            if (series[r].length != n) {
                throw new IllegalArgumentException("series[" + r + "] has length " + series[r].length
                        + ", expected " + n + " like series[0]");
            }
        }
        int rCount = series.length;
        double[] means = new double[rCount];
        double[] steps = new double[rCount];
        for (int r = 0; r < rCount; r++) {
            means[r] = mean(series[r]);
            steps[r] = Math.sqrt(Autocovariance.direct(centred(series[r], means[r]), 0) / n) / 2;
        }
        double value = f.applyAsDouble(means.clone());
        double[] gradient = new double[rCount];
        for (int r = 0; r < rCount; r++) {
            if (steps[r] == 0) {
                continue;
            }
            double[] shifted = means.clone();
            shifted[r] = means[r] + steps[r];
            double up = f.applyAsDouble(shifted);
            shifted = means.clone();
            shifted[r] = means[r] - steps[r];
            double down = f.applyAsDouble(shifted);
            gradient[r] = (up - down) / (2 * steps[r]);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("f is not finite at the primary means: " + value);
        }
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                throw new IllegalArgumentException("f has a non-finite numerical gradient at the primary means");
            }
        }
        double[] projected = new double[n];
        for (int r = 0; r < rCount; r++) {
            double g = gradient[r];
            if (g == 0) {
                continue;
            }
            double[] a = series[r];
            for (int i = 0; i < n; i++) {
                projected[i] += g * (a[i] - means[r]);
            }
        }
        return analyzeFluctuations(value, projected, s);
    }

    private static GammaResult analyzeFluctuations(double mean, double[] deltas, double s) {
        Autocovariance gamma = new Autocovariance(deltas);
        return analyzeGamma(mean, gamma::at, deltas.length, deltas.length / 2, s);
    }

    /**
     * The automatic window, bias correction and error from an autocovariance function: shared by one chain and by
     * several replicas ({@link MultiReplicaGamma}, whose Gamma combines the replicas' lag sums).
     *
     * @param gamma Gamma(t) for 0 <= t <= tMax
     * @param n     the number of measurements N (all replicas)
     * @param tMax  the largest lag the window may reach
     */
    static GammaResult analyzeGamma(double mean, IntToDoubleFunction gamma, int n, int tMax, double s) {
        double gamma0 = gamma.applyAsDouble(0);
        if (gamma0 == 0) {
            return new GammaResult(new ValueWithError(mean, 0), 0.5, 0, 0, new double[] {1.0}, n);
        }
        int window = tMax;
        double gInt = 0;
        for (int t = 1; t <= tMax; t++) {
            gInt += gamma.applyAsDouble(t) / gamma0;
            double tau = gInt <= 0 ? TINY_TAU : s / Math.log((gInt + 1) / gInt);
            if (Math.exp(-t / tau) - tau / Math.sqrt((double) t * n) < 0) {
                window = t;
                break;
            }
        }
        double cF = gamma0;
        for (int t = 1; t <= window; t++) {
            cF += 2 * gamma.applyAsDouble(t);
        }
        double shift = cF / n;
        double cFCorrected = cF * (1 + (2.0 * window + 1) / n);
        double gamma0Corrected = gamma0 + shift;
        double tauInt = cFCorrected / (2 * gamma0Corrected);
        double error = Math.sqrt(Math.max(cFCorrected, 0) / n);
        double tauIntError = 2 * tauInt * Math.sqrt(Math.max(window + 0.5 - tauInt, 0) / n);
        int rhoLength = Math.min(tMax, 2 * window) + 1;
        double[] rho = new double[rhoLength];
        for (int t = 0; t < rhoLength; t++) {
            rho[t] = (gamma.applyAsDouble(t) + shift) / gamma0Corrected;
        }
        return new GammaResult(new ValueWithError(mean, error), tauInt, tauIntError, window, rho, n);
    }

    private static double mean(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        return sum / a.length;
    }

    private static double[] centred(double[] a, double mean) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - mean;
        }
        return d;
    }

    static void requireS(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("s (window parameter S) must be finite and > 0, got " + s);
        }
    }

    static void requireSeries(double[] series, String name) {
        if (series == null || series.length < 2) {
            throw new IllegalArgumentException(name + " must have at least 2 points");
        }
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException(name + " has a non-finite value at index " + i);
            }
        }
    }
}
