package org.nnft.ensemble.arch;

/**
 * The error function as the ensemble kernels compute it (Java has no {@code Math.erf}; C twin
 * {@code ens_erf} in {@code ensemble_prelude.c}, same operations in the same order). Positive
 * series {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_k (2x^2)^k x / (1*3*...*(2k+1))}, no
 * cancellation: relative error about 1e-15 for |x| < 6, and +-1 beyond (erfc(6) = 2e-17).
 */
public final class PortableErf {
    private PortableErf() {
    }

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** erf(x). */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6.0) {
            return x > 0.0 ? 1.0 : -1.0;
        }
        double x2 = ax * ax;
        double term = ax;
        double sum = ax;
        for (int k = 1; k < 400; k++) {
            term = term * (2.0 * x2) / (2.0 * k + 1.0);
            sum = sum + term;
            if (term <= 1e-17 * sum) {
                break;
            }
        }
        double r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        return x < 0.0 ? -r : r;
    }
}
