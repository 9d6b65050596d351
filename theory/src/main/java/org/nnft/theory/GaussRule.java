package org.nnft.theory;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A Gaussian quadrature rule: nodes and weights, computed by Newton iteration on the three-term
 * recurrence (accurate to a few ulp for the orders used here, n &lt;= 200).
 *
 * <p>Two families: {@link #legendre(int)} on [-1, 1] with weight 1, and {@link #normal(int)}
 * (probabilists' Gauss-Hermite) for expectations over a standard normal variable, i.e. weight
 * exp(-x^2/2)/sqrt(2 pi) whose weights sum to 1.
 */
public final class GaussRule {

    private final double[] nodes;
    private final double[] weights;

    private GaussRule(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** Number of nodes. */
    public int size() {
        return nodes.length;
    }

    public double node(int i) {
        return nodes[i];
    }

    public double weight(int i) {
        return weights[i];
    }

    /** Gauss-Legendre rule with n nodes on [-1, 1] (exact for polynomials of degree 2n-1). */
    public static GaussRule legendre(int n) {
        requireOrder(n);
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1, p1 = 0;
                for (int k = 1; k <= n; k++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2.0 * k - 1) * z * p1 - (k - 1.0) * p2) / k;
                }
                derivative = n * (z * p0 - p1) / (z * z - 1);
                double step = p0 / derivative;
                z -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * derivative * derivative);
        }
        return new GaussRule(x, w);
    }

    /**
     * Probabilists' Gauss-Hermite rule with n nodes: sum_i w_i f(x_i) approximates E[f(Z)],
     * Z ~ N(0, 1); exact for polynomials of degree 2n-1.
     */
    public static GaussRule normal(int n) {
        requireOrder(n);
        // Physicists' rule (weight exp(-t^2)) via orthonormal Hermite functions, then x = sqrt(2) t.
        double[] t = new double[n];
        double[] w = new double[n];
        double piQuarter = Math.pow(Math.PI, -0.25);
        double z = 0;
        for (int i = 0; i < (n + 1) / 2; i++) {
            if (i == 0) {
                z = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -1.0 / 6);
            } else if (i == 1) {
                z -= 1.14 * Math.pow(n, 0.426) / z;
            } else if (i == 2) {
                z = 1.86 * z - 0.86 * t[0];
            } else if (i == 3) {
                z = 1.91 * z - 0.91 * t[1];
            } else {
                z = 2.0 * z - t[i - 2];
            }
            double derivative = 0;
            for (int iter = 0; iter < 200; iter++) {
                double p1 = piQuarter, p2 = 0;
                for (int k = 1; k <= n; k++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / k) * p2 - Math.sqrt((k - 1.0) / k) * p3;
                }
                derivative = Math.sqrt(2.0 * n) * p2;
                double step = p1 / derivative;
                z -= step;
                if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) {
                    break;
                }
            }
            t[i] = z;
            t[n - 1 - i] = -z;
            w[i] = w[n - 1 - i] = 2 / (derivative * derivative);
        }
        double[] x = new double[n];
        double[] wn = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sqrt(2) * t[n - 1 - i];
            wn[i] = w[n - 1 - i] / Math.sqrt(Math.PI);
        }
        return new GaussRule(x, wn);
    }

    /** Integral of f over [a, b] with this rule, which must be a Legendre rule. */
    public double integrate(DoubleUnaryOperator f, double a, double b) {
        double half = 0.5 * (b - a);
        double mid = 0.5 * (a + b);
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * f.applyAsDouble(mid + half * nodes[i]);
        }
        return half * sum;
    }

    @Override
    public String toString() {
        return "GaussRule" + Arrays.toString(nodes);
    }

    private static void requireOrder(int n) {
        if (n < 1 || n > 400) {
            throw new IllegalArgumentException("quadrature order n must be in [1, 400], got " + n);
        }
    }
}
