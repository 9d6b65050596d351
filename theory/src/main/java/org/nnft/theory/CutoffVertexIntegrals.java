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
 *
 * <p>In d &gt; 1 the box is [-L, L]^d and the rule is the tensor product of that composite rule on each axis
 * (breakpoints at -L, 0, L and at the points' coordinates on that axis), halving the panel length until every
 * integral agrees with the previous round to {@value #TOLERANCE_D} of the largest one (looser than in d = 1:
 * a round costs (nodes per axis)^d kernel evaluations per point); more than {@value #MAX_NODES_D} nodes in a
 * round is refused. Kt(x, x_j) is evaluated once per node and point, and every tuple's integrand is the
 * product of those values.
 */
public final class CutoffVertexIntegrals {

    private static final GaussRule RULE = GaussRule.legendre(10);
    private static final int MAX_ROUNDS = 12;
    private static final double TOLERANCE = 1e-12;
    private static final double TOLERANCE_D = 1e-9;
    private static final long MAX_NODES_D = 1L << 22;

    private CutoffVertexIntegrals() {
    }

    /** Kt(x, x_point): the (bias-free) kernel between an integration point x and point number {@code point}. */
    @FunctionalInterface
    public interface PointKernel {
        double value(double x, int point);
    }

    /** Kt(x, x_point) in d dimensions: x is the integration point (read only, reused between calls). */
    @FunctionalInterface
    public interface PointKernelD {
        double value(double[] x, int point);
    }

    /**
     * Integrals of every tuple over the box [-L, L]^d, d the points' dimension (d = 1: the one-dimensional
     * rule, the same numbers as {@link #integrals(PointKernel, double[], int[][], double)}).
     *
     * @param kernel Kt(x, x_j)
     * @param points the M points, each of the same dimension d &gt;= 1, finite coordinates
     * @param tuples tuples of point indices in [0, M)
     * @param cutoff L &gt; 0
     * @return I(tuple) for each tuple
     * @throws IllegalStateException if the quadrature does not settle before a round needs more than
     *                               {@value #MAX_NODES_D} nodes (d &gt; 1) or {@value #MAX_ROUNDS} halvings
     */
    public static double[] integrals(PointKernelD kernel, double[][] points, int[][] tuples, double cutoff) {
        if (points.length == 0) {
            throw new IllegalArgumentException("at least one point is required");
        }
        int d = points[0].length;
        for (double[] p : points) {
            if (p.length != d || d < 1) {
                throw new IllegalArgumentException("points must share one dimension d >= 1");
            }
        }
        if (d == 1) {
            double[] x = new double[points.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = points[i][0];
            }
            double[] node = new double[1];
            return integrals((t, j) -> {
                node[0] = t;
                return kernel.value(node, j);
            }, x, tuples, cutoff);
        }
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
            throw new IllegalArgumentException("cutoff must be positive and finite, got " + cutoff);
        }
        double[][] breaks = new double[d][];
        for (int a = 0; a < d; a++) {
            double[] coordinate = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                coordinate[i] = points[i][a];
            }
            breaks[a] = breakpoints(coordinate, cutoff);
        }
        double panel = cutoff / 2;
        double[] previous = null;
        while (true) {
            double nodes = 1;
            for (double[] b : breaks) {
                nodes *= axisNodes(b, panel);
            }
            if (nodes > MAX_NODES_D) {
                throw new IllegalStateException("the cutoff integrals at L = " + cutoff + " in d = " + d
                        + " did not settle to " + TOLERANCE_D + " relative within " + MAX_NODES_D + " nodes");
            }
            double[] next = integrateBox(kernel, points.length, tuples, breaks, panel);
            panel /= 2;
            if (previous == null) {
                previous = next;
                continue;
            }
            if (settled(previous, next, TOLERANCE_D)) {
                return next;
            }
            previous = next;
        }
    }

    private static boolean settled(double[] previous, double[] next, double tolerance) {
        double scale = 0, change = 0;
        for (int t = 0; t < next.length; t++) {
            scale = Math.max(scale, Math.abs(next[t]));
            change = Math.max(change, Math.abs(next[t] - previous[t]));
        }
        return change <= tolerance * scale;
    }

    private static double[] breakpoints(double[] points, double cutoff) {
        TreeSet<Double> breaks = new TreeSet<>(Arrays.asList(-cutoff, 0.0, cutoff));
        for (double p : points) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("points must be finite");
            }
            if (Math.abs(p) < cutoff) {
                breaks.add(p);
            }
        }
        return breaks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long axisNodes(double[] breaks, double maxPanel) {
        long n = 0;
        for (int s = 0; s + 1 < breaks.length; s++) {
            n += Math.max(1, (long) Math.ceil((breaks[s + 1] - breaks[s]) / maxPanel)) * RULE.size();
        }
        return n;
    }

    /** The composite rule's nodes (row 0) and weights (row 1) on one axis. */
    private static double[][] axisRule(double[] breaks, double maxPanel) {
        int n = (int) axisNodes(breaks, maxPanel);
        double[][] rule = new double[2][n];
        int i = 0;
        for (int s = 0; s + 1 < breaks.length; s++) {
            double lo = breaks[s], hi = breaks[s + 1];
            int panels = Math.max(1, (int) Math.ceil((hi - lo) / maxPanel));
            double h = (hi - lo) / panels;
            for (int p = 0; p < panels; p++) {
                double mid = lo + (p + 0.5) * h;
                for (int q = 0; q < RULE.size(); q++) {
                    rule[0][i] = mid + 0.5 * h * RULE.node(q);
                    rule[1][i++] = 0.5 * h * RULE.weight(q);
                }
            }
        }
        return rule;
    }

    private static double[] integrateBox(PointKernelD kernel, int pointCount, int[][] tuples, double[][] breaks,
                                         double maxPanel) {
        int d = breaks.length;
        double[][][] rules = new double[d][][];
        for (int a = 0; a < d; a++) {
            rules[a] = axisRule(breaks[a], maxPanel);
        }
        double[] out = new double[tuples.length];
        double[] k = new double[pointCount];
        double[] x = new double[d];
        int[] index = new int[d];
        while (true) {
            double w = 1;
            for (int a = 0; a < d; a++) {
                x[a] = rules[a][0][index[a]];
                w *= rules[a][1][index[a]];
            }
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
            int a = 0;
            while (a < d && ++index[a] == rules[a][0].length) {
                index[a++] = 0;
            }
            if (a == d) {
                return out;
            }
        }
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
