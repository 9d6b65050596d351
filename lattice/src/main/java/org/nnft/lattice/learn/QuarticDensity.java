package org.nnft.lattice.learn;

import org.nnft.engine.random.RandomStreams;

/**
 * Exact draws from the one-dimensional density {@code p(x) ~ exp(-c x^4 - q x^2 + j x)} (c >= 0, and q > 0 when
 * c = 0), the conditional of one unit of a {@link Phi4Network}. Proposal {@code N(j/(2q'), 1/(2q'))} with
 * {@code q' = max(q, sqrt(c))} (so q' > 0 also for a double well q <= 0), accepted with
 * {@code exp(-(g(x) - min g))}, {@code g(x) = c x^4 + (q - q') x^2}; since exp(-g) p_proposal is proportional to
 * p, accepted values are exact draws. After {@code tries} rejections the old value is kept, which is exact as a
 * Markov step because the rejection probability does not depend on the old value (as in the heat bath).
 * Try t uses Philox block {@code block * tries + t} of {@code stream}: words 0,1 a normal, words 2,3 the accept
 * variate.
 */
public final class QuarticDensity {
    private QuarticDensity() {
    }

    /** A draw, or {@code old} after {@code tries} rejections. */
    public static double sample(double c, double q, double j, double old, long seed, long stream,
            long block, int tries) {
        if (!(c >= 0) || !Double.isFinite(c) || !Double.isFinite(q) || !Double.isFinite(j)) {
            throw new IllegalArgumentException("need finite c >= 0, q, j; got c=" + c + ", q=" + q + ", j=" + j);
        }
        if (c == 0 && !(q > 0)) {
            throw new IllegalArgumentException("q must be positive when c = 0 (normalisable density), got " + q);
        }
        double qp = Math.max(q, Math.sqrt(c));
        double mean = j / (2.0 * qp);
        double sigma = Math.sqrt(1.0 / (2.0 * qp));
        double dq = q - qp;
        double gMin = dq < 0 ? -dq * dq / (4.0 * c) : 0.0;
        int[] w = new int[4];
        for (int t = 0; t < tries; t++) {
            RandomStreams.block(seed, stream, block * tries + t, w);
            double x = mean + sigma * RandomStreams.boxMuller(w[0], w[1], false);
            double x2 = x * x;
            double g = c * x2 * x2 + dq * x2;
            if (RandomStreams.toUniformDouble(w[2], w[3]) < Math.exp(-(g - gMin))) {
                return x;
            }
        }
        return old;
    }

    /**
     * The mean of {@code p(x) ~ exp(-c x^4 - q x^2 + j x)} by Simpson's rule on {@code [-R, R]}, R doubled from 1
     * until the exponent at +-R is below -60 (with 0 at x = 0, so the tails left out weigh less than e^-60 of
     * the peak), 256 intervals (Simpson's rule converges fast on these smooth densities; RbmLearningTest checks it
     * against 200000 intervals to 1e-6 for single and double wells).
     */
    public static double mean(double c, double q, double j) {
        if (c == 0) {
            return j / (2 * q);
        }
        double r = 1;
        while (exponent(c, q, j, r) > -60 || exponent(c, q, j, -r) > -60) {
            r *= 2;
        }
        int n = 256;
        double dx = 2 * r / n;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            max = Math.max(max, exponent(c, q, j, -r + k * dx));
        }
        double z = 0;
        double zx = 0;
        for (int k = 0; k <= n; k++) {
            double x = -r + k * dx;
            double weight = (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2) * Math.exp(exponent(c, q, j, x) - max);
            z += weight;
            zx += weight * x;
        }
        return zx / z;
    }

    private static double exponent(double c, double q, double j, double x) {
        double x2 = x * x;
        return -c * x2 * x2 - q * x2 + j * x;
    }
}
