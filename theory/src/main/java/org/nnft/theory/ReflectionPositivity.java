package org.nnft.theory;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Reflection positivity at the 2-point level (docs/physics.md A.4): for a stationary 1-d two-point function
 * G(t) and times t_i &gt; 0 the matrix M_ij = G(t_i + t_j) must be positive semidefinite.
 */
public final class ReflectionPositivity {

    private ReflectionPositivity() {
    }

    /** lambda_min / lambda_max of M_ij = G(t_i + t_j) (negative: positivity violated). */
    public static double relativeSmallestEigenvalue(DoubleUnaryOperator twoPoint, double[] times) {
        if (twoPoint == null) {
            throw new IllegalArgumentException("twoPoint must not be null");
        }
        if (times == null || times.length < 1) {
            throw new IllegalArgumentException("times must hold at least one time");
        }
        int n = times.length;
        for (double t : times) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("times must be positive and finite, got " + t);
            }
        }
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double g = twoPoint.applyAsDouble(times[i] + times[j]);
                if (!Double.isFinite(g)) {
                    throw new IllegalArgumentException("G(" + (times[i] + times[j]) + ") is not finite");
                }
                m[i][j] = m[j][i] = g;
            }
        }
        double[] eigen = new EigenDecomposition(new Array2DRowRealMatrix(m, false)).getRealEigenvalues();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double e : eigen) {
            min = Math.min(min, e);
            max = Math.max(max, e);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("M has no positive eigenvalue: G is not a two-point function");
        }
        return min / max;
    }

    /** True if lambda_min / lambda_max &gt;= -tolerance (tolerance &gt;= 0 absorbs rounding, e.g. 1e-12). */
    public static boolean isReflectionPositive(DoubleUnaryOperator twoPoint, double[] times, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be non-negative, got " + tolerance);
        }
        return relativeSmallestEigenvalue(twoPoint, times) >= -tolerance;
    }
}
