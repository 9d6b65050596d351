package org.nnft.stats;

import java.util.SplittableRandom;

/**
 * Stationary AR(1) test process x_t = a x_{t-1} + sqrt(1 - a^2) e_t with unit variance, whose
 * exact autocorrelation is rho(t) = a^|t| and tau_int = (1/2)(1 + a)/(1 - a).
 */
final class Ar1Process {

    private Ar1Process() {
    }

    /** One stationary chain (x_0 drawn from the stationary N(0,1)). */
    static double[] chain(double a, int n, SplittableRandom random) {
        double[] innovations = new double[n];
        for (int i = 0; i < n; i++) {
            innovations[i] = Gaussian.next(random);
        }
        return fromInnovations(a, innovations);
    }

    /** The chain driven by given N(0,1) innovations e_t (e_0 is used as the stationary start). */
    static double[] fromInnovations(double a, double[] innovations) {
        double[] x = new double[innovations.length];
        double scale = Math.sqrt(1 - a * a);
        x[0] = innovations[0];
        for (int t = 1; t < x.length; t++) {
            x[t] = a * x[t - 1] + scale * innovations[t];
        }
        return x;
    }

    static double exactTauInt(double a) {
        return 0.5 * (1 + a) / (1 - a);
    }

    /** Exact Var(mean of N points) = (1/N)[1 + 2 sum_{t=1}^{N-1} (1 - t/N) a^t] for unit variance. */
    static double exactVarianceOfMean(double a, int n) {
        double sum = 1;
        double power = 1;
        for (int t = 1; t < n; t++) {
            power *= a;
            sum += 2 * (1 - (double) t / n) * power;
        }
        return sum / n;
    }

    /** Relative truncation bias of tau_int summed to window W: sum_{t>W} a^t / tau_int = 2 a^(W+1)/(1+a). */
    static double relativeTruncationBias(double a, int window) {
        return 2 * Math.pow(a, window + 1) / (1 + a);
    }
}
