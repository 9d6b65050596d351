package org.nnft.theory;

/**
 * The free scalar propagator with a sharp momentum cutoff (docs/physics.md A.2), which is the exact G2 of
 * the cos-net at every width:
 * <pre>
 *   G_Lambda(r) = int_{|p| &lt; Lambda} d^dp/(2pi)^d  cos(p.x) / (p^2 + m^2)
 *   H_Lambda(r) = int_{|p| &lt; Lambda} d^dp/(2pi)^d  cos(p.x) / (p^2 + m^2)^2
 * </pre>
 * (H enters the finite-N 4-point function), r = |x|, d = 1..4, by {@link RadialFourierIntegral}.
 */
public final class CutoffPropagator {

    private final int dimension;
    private final double mass;
    private final double cutoff;

    /**
     * @param dimension d in 1..4
     * @param mass      m &gt; 0
     * @param cutoff    Lambda &gt; 0
     */
    public CutoffPropagator(int dimension, double mass, double cutoff) {
        RadialFourierIntegral.requireDimension(dimension);
        if (!(mass > 0) || Double.isInfinite(mass)) {
            throw new IllegalArgumentException("mass m must be positive and finite, got " + mass);
        }
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
            throw new IllegalArgumentException("cutoff Lambda must be positive and finite, got " + cutoff);
        }
        this.dimension = dimension;
        this.mass = mass;
        this.cutoff = cutoff;
    }

    public int dimension() {
        return dimension;
    }

    public double mass() {
        return mass;
    }

    public double cutoff() {
        return cutoff;
    }

    /** G_Lambda(r). */
    public double g(double r) {
        double m2 = mass * mass;
        return RadialFourierIntegral.integrate(dimension, cutoff, r, p -> 1 / (p * p + m2));
    }

    /** H_Lambda(r), the 1/(p^2+m^2)^2 integral. */
    public double h(double r) {
        double m2 = mass * mass;
        return RadialFourierIntegral.integrate(dimension, cutoff, r, p -> {
            double inv = 1 / (p * p + m2);
            return inv * inv;
        });
    }

    /** vol(B_Lambda^d). */
    public double ballVolume() {
        return RadialFourierIntegral.ballVolume(dimension, cutoff);
    }
}
