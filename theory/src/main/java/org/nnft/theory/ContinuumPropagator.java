package org.nnft.theory;

/**
 * The free scalar propagator without cutoff, int d^dp/(2pi)^d exp(ip.x)/(p^2+m^2) at r = |x| &gt; 0:
 * d=1 exp(-m r)/(2m), d=2 K0(m r)/(2 pi), d=3 exp(-m r)/(4 pi r), d=4 m K1(m r)/(4 pi^2 r).
 * The Lambda -&gt; infinity limit of {@link CutoffPropagator#g(double)}.
 */
public final class ContinuumPropagator {

    private ContinuumPropagator() {
    }

    public static double value(int d, double mass, double r) {
        RadialFourierIntegral.requireDimension(d);
        if (!(mass > 0) || Double.isInfinite(mass)) {
            throw new IllegalArgumentException("mass m must be positive and finite, got " + mass);
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("distance r must be positive (divergent at 0 for d >= 2), got " + r);
        }
        return switch (d) {
            case 1 -> Math.exp(-mass * r) / (2 * mass);
            case 2 -> ModifiedBesselK.k0(mass * r) / (2 * Math.PI);
            case 3 -> Math.exp(-mass * r) / (4 * Math.PI * r);
            default -> mass * ModifiedBesselK.k1(mass * r) / (4 * Math.PI * Math.PI * r);
        };
    }
}
