package org.nnft.theory;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The first-order phi^4 vertex integrals of a one-dimensional input space with a hard cutoff:
 * <pre>
 *   I(x_a, x_b, ...) = int_{-L}^{L} dx  prod_j Kt(x, x_j)
 * </pre>
 * for tuples of points (docs/couplings.md), by composite 10-point Gauss-Legendre quadrature with
 * panel breakpoints at -L, 0, L and at every point inside (-L, L) (where kernels such as the ReLU
 * kernel have kinks), halving the longest panel length until every integral agrees with the previous
 * round to 1e-12 of the largest one.
 */
public final class CutoffVertexIntegrals {

    private static final GaussRule RULE = GaussRule.legendre(10);
    private static final int MAX_ROUNDS = 12;
    private static final double TOLERANCE = 1e-12;

    private CutoffVertexIntegrals() {
    }

    /** Kt(x, x_point): the (bias-free) kernel between an integration point x and point number {@code point}. */
    @FunctionalInterface
    public interface PointKernel {
        double value(double x, int point);
    }

    /**
     * Integrals of every tuple.
     *
     * @param kernel  Kt(x, x_j)
     * @param points  the M points (coordinates), finite
     * @param tuples  tuples of point indices in [0, M)
     * @param cutoff  L &gt; 0
     * @return I(tuple) for each tuple
     * @throws IllegalStateException if the quadrature does not settle in {@value #MAX_ROUNDS} halvings
     */
    public static double[] integrals(PointKernel kernel, double[] points, int[][] tuples, double cutoff) {
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
            throw new IllegalArgumentException("cutoff must be positive and finite, got " + cutoff);
        }
        TreeSet<Double> breaks = new TreeSet<>(Arrays.asList(-cutoff, 0.0, cutoff));
        for (double p : points) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("points must be finite");
            }
            if (Math.abs(p) < cutoff) {
                breaks.add(p);
            }
        }
        double[] b = breaks.stream().mapToDouble(Double::doubleValue).toArray();
        double panel = cutoff / 4;
        double[] previous = integrate(kernel, points.length, tuples, b, panel);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            panel /= 2;
            double[] next = integrate(kernel, points.length, tuples, b, panel);
            double scale = 0, change = 0;
            for (int t = 0; t < next.length; t++) {
                scale = Math.max(scale, Math.abs(next[t]));
                change = Math.max(change, Math.abs(next[t] - previous[t]));
            }
            if (change <= TOLERANCE * scale) {
                return next;
            }
            previous = next;
        }
        throw new IllegalStateException("the cutoff integrals at L = " + cutoff + " did not settle to "
                + TOLERANCE + " relative");
    }

    private static double[] integrate(PointKernel kernel, int pointCount, int[][] tuples, double[] breaks,
                                      double maxPanel) {
        double[] out = new double[tuples.length];
        double[] k = new double[pointCount];
        for (int s = 0; s + 1 < breaks.length; s++) {
            double lo = breaks[s], hi = breaks[s + 1];
            int panels = Math.max(1, (int) Math.ceil((hi - lo) / maxPanel));
            double h = (hi - lo) / panels;
            for (int p = 0; p < panels; p++) {
                double mid = lo + (p + 0.5) * h;
                for (int q = 0; q < RULE.size(); q++) {
                    double x = mid + 0.5 * h * RULE.node(q);
                    double w = 0.5 * h * RULE.weight(q);
                    for (int j = 0; j < pointCount; j++) {
                        k[j] = kernel.value(x, j);
                    }
                    for (int t = 0; t < tuples.length; t++) {
                        double prod = w;
                        for (int j : tuples[t]) {
                            prod *= k[j];
                        }
                        out[t] += prod;
                    }
                }
            }
        }
        return out;
    }
}
