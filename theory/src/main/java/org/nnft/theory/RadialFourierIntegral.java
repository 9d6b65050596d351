package org.nnft.theory;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.BesselJ;

/**
 * Fourier integral of a rotation-invariant function over a ball of momenta,
 * <pre>
 *   I_d(r) = int_{|p| &lt; Lambda} d^dp/(2 pi)^d  F(|p|) cos(p.x),   r = |x|,
 *          = int_0^Lambda dp p^(d-1) F(p) kappa_d(p r),
 *   kappa_d(z) = (2 pi)^(-d/2) z^(1-d/2) J_{d/2-1}(z):
 *   kappa_1 = cos z / pi,  kappa_2 = J0(z)/(2 pi),  kappa_3 = sin z/(2 pi^2 z),  kappa_4 = J1(z)/(4 pi^2 z),
 * </pre>
 * for d = 1..4 (kappa_d is smooth at z = 0, so r = 0 needs no special case). The oscillating integrand
 * is split at the half periods p = k pi / r and each piece is integrated by adaptive Gauss-Kronrod
 * (relative tolerance 1e-13 per piece); F must be smooth on [0, Lambda].
 */
public final class RadialFourierIntegral {

    private static final double PIECE_RELATIVE_TOLERANCE = 1e-13;

    private RadialFourierIntegral() {
    }

    /**
     * @param d      dimension, 1..4
     * @param cutoff Lambda &gt; 0
     * @param r      |x| &gt;= 0
     * @param radial F(p) for 0 &lt;= p &lt;= Lambda
     */
    public static double integrate(int d, double cutoff, double r, DoubleUnaryOperator radial) {
        requireDimension(d);
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
            throw new IllegalArgumentException("cutoff Lambda must be positive and finite, got " + cutoff);
        }
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("distance r must be non-negative and finite, got " + r);
        }
        DoubleUnaryOperator integrand = p -> Math.pow(p, d - 1) * radial.applyAsDouble(p) * kernel(d, p * r);
        double halfPeriod = r > 0 ? Math.PI / r : cutoff;
        int pieces = (int) Math.min(Math.ceil(cutoff / halfPeriod), 10_000_000L);
        pieces = Math.max(pieces, 1);
        double sum = 0;
        // absolute floor: a tiny fraction of the size of the first (largest) piece
        double floor = 0;
        for (int k = 0; k < pieces; k++) {
            double a = cutoff * k / pieces, b = cutoff * (k + 1) / pieces;
            double piece = GaussKronrod.integrate(integrand, a, b, floor, PIECE_RELATIVE_TOLERANCE);
            if (k == 0) {
                floor = 1e-16 * Math.abs(piece);
            }
            sum += piece;
        }
        return sum;
    }

    /**
     * kappa_d(z) = (2 pi)^(-d/2) z^(1-d/2) J_{d/2-1}(z), the angular average of cos(p.x) over the sphere times its area
     * / (2 pi)^d.
     */
    public static double kernel(int d, double z) {
        return switch (d) {
            case 1 -> Math.cos(z) / Math.PI;
            case 2 -> BesselJ.value(0, z) / (2 * Math.PI);
            case 3 -> (Math.abs(z) < 1e-4 ? 1 - z * z / 6 : Math.sin(z) / z) / (2 * Math.PI * Math.PI);
            case 4 -> (Math.abs(z) < 1e-4 ? 0.5 - z * z / 16 : BesselJ.value(1, z) / z) / (4 * Math.PI * Math.PI);
            default -> throw new IllegalArgumentException("dimension d must be in 1..4, got " + d);
        };
    }

    /**
     * Volume of the ball of radius Lambda in R^d, pi^(d/2) Lambda^d / Gamma(d/2 + 1), written out per d (the
     * cos-net sampler's amplitude is built from it, so its rounding is part of the sampled numbers).
     */
    public static double ballVolume(int d, double cutoff) {
        return switch (d) {
            case 1 -> 2 * cutoff;
            case 2 -> Math.PI * cutoff * cutoff;
            case 3 -> 4.0 / 3.0 * Math.PI * cutoff * cutoff * cutoff;
            case 4 -> 0.5 * Math.PI * Math.PI * Math.pow(cutoff, 4);
            default -> throw new IllegalArgumentException("dimension d must be in 1..4, got " + d);
        };
    }

    /** Throws unless 1 &lt;= d &lt;= 4. */
    public static void requireDimension(int d) {
        if (d < 1 || d > 4) {
            throw new IllegalArgumentException("dimension d must be in 1..4, got " + d);
        }
    }
}
