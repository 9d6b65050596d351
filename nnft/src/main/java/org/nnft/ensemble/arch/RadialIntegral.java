package org.nnft.ensemble.arch;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.BesselJ;

import java.util.function.DoubleUnaryOperator;

/**
 * Momentum integrals of rotation-invariant functions over the ball of radius Lambda in d = 1..4:
 * {@code I(r) = int_{|p| < Lambda} d^dp / (2 pi)^d cos(p.x) f(|p|)}, |x| = r, reduced to the
 * radial integral {@code |S^{d-1}| / (2 pi)^d int_0^Lambda p^{d-1} f(p) Omega_d(p r) dp} with the
 * angular average Omega_d = cos z, J0(z), sin z / z, 2 J1(z) / z. Composite 20-point
 * Gauss-Legendre on panels at most pi / (2 r) long, so the oscillatory integrand is resolved to
 * about 1e-13 relative for smooth f.
 */
public final class RadialIntegral {
    private RadialIntegral() {
    }

    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendre(20, -1, 1);

    /** The integral I(r) above. */
    public static double ofBall(int dimension, double cutoff, double r, DoubleUnaryOperator f) {
        Preconditions.inRange("dimension", dimension, 1, 4);
        Preconditions.positive("cutoff", cutoff);
        Preconditions.nonNegative("r", r);
        int panels = 8 + (int) Math.ceil(2 * cutoff * r / Math.PI);
        double h = cutoff / panels;
        double sum = 0;
        for (int k = 0; k < panels; k++) {
            double mid = (k + 0.5) * h;
            for (int i = 0; i < RULE.getNumberOfPoints(); i++) {
                double p = mid + 0.5 * h * RULE.getPoint(i);
                sum += RULE.getWeight(i) * 0.5 * h * Math.pow(p, dimension - 1) * f.applyAsDouble(p)
                        * angularAverage(dimension, p * r);
            }
        }
        return sphereArea(dimension) / Math.pow(2 * Math.PI, dimension) * sum;
    }

    /** Volume of the d-ball of radius {@code radius}: pi^(d/2) r^d / Gamma(d/2 + 1). */
    public static double ballVolume(int dimension, double radius) {
        return switch (dimension) {
            case 1 -> 2 * radius;
            case 2 -> Math.PI * radius * radius;
            case 3 -> 4.0 / 3.0 * Math.PI * radius * radius * radius;
            case 4 -> 0.5 * Math.PI * Math.PI * Math.pow(radius, 4);
            default -> throw new IllegalArgumentException("dimension must be in [1, 4], got " + dimension);
        };
    }

    private static double sphereArea(int d) {
        return d * ballVolume(d, 1.0);
    }

    private static double angularAverage(int d, double z) {
        return switch (d) {
            case 1 -> Math.cos(z);
            case 2 -> BesselJ.value(0, z);
            case 3 -> z < 1e-4 ? 1 - z * z / 6 : Math.sin(z) / z;
            default -> z < 1e-4 ? 1 - z * z / 8 : 2 * BesselJ.value(1, z) / z;
        };
    }
}
