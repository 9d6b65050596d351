package org.nnft.ensemble.deform;

import org.nnft.ensemble.arch.Preconditions;

import java.util.Arrays;

/**
 * The integration volume of a deformation: the open box {@code prod_k [-L_k/2, L_k/2]} in d = 1..3
 * dimensions, centred at the origin, integrated by the midpoint rule on {@code n} points per side
 * (node {@code j} of axis k at {@code -L_k/2 + (j + 1/2) h_k}, {@code h_k = L_k / n}, weight
 * {@code prod_k h_k}). No periodicity is imposed: the networks live on all of R^d and only the
 * interaction is cut off at the box (the IR cutoff of docs/physics.md A.3). Nodes are numbered with
 * axis 0 slowest: {@code g = (j_0 n + j_1) n + j_2}.
 *
 * @param sides         L_k > 0, one per dimension (copied)
 * @param pointsPerSide n >= 1
 */
public record IntegrationBox(double[] sides, int pointsPerSide) {

    /** Most grid nodes of a box (bounds the kernels' per-work-item scratch). */
    public static final int MAX_NODES = 1 << 20;

    public IntegrationBox {
        if (sides == null || sides.length < 1 || sides.length > 3) {
            throw new IllegalArgumentException("sides must give 1 to 3 side lengths, got "
                    + (sides == null ? "null" : sides.length));
        }
        sides = sides.clone();
        for (double l : sides) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("sides must be positive and finite, got " + Arrays.toString(sides));
            }
        }
        Preconditions.inRange("pointsPerSide", pointsPerSide, 1, MAX_NODES);
        Preconditions.inRange("pointsPerSide^d", (long) Math.pow(pointsPerSide, sides.length), 1, MAX_NODES);
    }

    /** The cube of side {@code side} in {@code dimension} dimensions. */
    public static IntegrationBox cube(int dimension, double side, int pointsPerSide) {
        Preconditions.inRange("dimension", dimension, 1, 3);
        double[] s = new double[dimension];
        Arrays.fill(s, side);
        return new IntegrationBox(s, pointsPerSide);
    }

    @Override
    public double[] sides() {
        return sides.clone();
    }

    public int dimension() {
        return sides.length;
    }

    /** Number of grid nodes n^d. */
    public int nodeCount() {
        int c = 1;
        for (int k = 0; k < sides.length; k++) {
            c *= pointsPerSide;
        }
        return c;
    }

    /** Grid spacing h_k along axis k. */
    public double spacing(int axis) {
        return sides[axis] / pointsPerSide;
    }

    /** Quadrature weight of every node, {@code prod_k h_k}. */
    public double cellVolume() {
        double v = 1;
        for (int k = 0; k < sides.length; k++) {
            v *= spacing(k);
        }
        return v;
    }

    /** Coordinates of node {@code g}. */
    public double[] node(int g) {
        double[] y = new double[sides.length];
        int rest = g;
        for (int k = sides.length - 1; k >= 0; k--) {
            int j = rest % pointsPerSide;
            rest /= pointsPerSide;
            y[k] = -0.5 * sides[k] + (j + 0.5) * spacing(k);
        }
        return y;
    }

    /** Nodes per axis padded to 3 axes with 1: the kernels' {@code n0, n1, n2}. */
    int[] axisCounts() {
        int[] n = {1, 1, 1};
        for (int k = 0; k < sides.length; k++) {
            n[k] = pointsPerSide;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegrationBox b && Arrays.equals(sides, b.sides) && pointsPerSide == b.pointsPerSide;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sides) * 31 + pointsPerSide;
    }

    @Override
    public String toString() {
        return "IntegrationBox" + Arrays.toString(sides) + " x " + pointsPerSide + " midpoints per side";
    }
}
