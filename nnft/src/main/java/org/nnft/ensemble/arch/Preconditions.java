package org.nnft.ensemble.arch;

/** Argument checks that throw {@link IllegalArgumentException} naming the offending parameter. */
public final class Preconditions {
    private Preconditions() {
    }

    /** Throws unless {@code value} is finite and > 0. */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** Throws unless {@code value} is finite and >= 0. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** Throws unless {@code min <= value <= max}. */
    public static long inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** Throws unless every point has {@code dimension} finite coordinates (and there is at least one point). */
    public static void points(String name, double[][] points, int dimension) {
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one point");
        }
        for (int p = 0; p < points.length; p++) {
            if (points[p] == null || points[p].length != dimension) {
                throw new IllegalArgumentException(name + "[" + p + "] must have dimension " + dimension + ", got "
                        + (points[p] == null ? "null" : points[p].length));
            }
            for (double v : points[p]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + "[" + p + "] has a non-finite coordinate " + v);
                }
            }
        }
    }
}
