package org.nnft.ensemble.deform;


/**
 * A local even potential {@code V(phi) = c2 phi^2 + c4 phi^4 + c6 phi^6} added to the action of a
 * deformed parameter density, {@code P_V(theta) ~ P(theta) exp(-int_box V(phi_theta(y)) d^dy)}
 * (docs/physics.md A.3). Every deformation the engine knows is of this form, so the kernels evaluate
 * one polynomial (Horner in phi^2): phi^4 with the 1/4! convention, phi^6 with 1/6!, and the mass
 * shift (dm^2/2) phi^2, whose exact effect is the free propagator at m^2 + dm^2 (large N, infinite box).
 *
 * @param quadratic c2, finite
 * @param quartic   c4, finite
 * @param sextic    c6, finite
 */
public record Potential(double quadratic, double quartic, double sextic) {

    public Potential {
        finite("quadratic", quadratic);
        finite("quartic", quartic);
        finite("sextic", sextic);
    }

    /** The phi^4 interaction {@code (lambda / 4!) phi^4}. */
    public static Potential phi4(double lambda) {
        return new Potential(0, finite("lambda", lambda) / 24.0, 0);
    }

    /** The phi^6 interaction {@code (g / 6!) phi^6}. */
    public static Potential phi6(double g) {
        return new Potential(0, 0, finite("g", g) / 720.0);
    }

    /** The mass shift {@code (dm^2 / 2) phi^2}. */
    public static Potential massShift(double deltaMassSquared) {
        return new Potential(finite("deltaMassSquared", deltaMassSquared) / 2.0, 0, 0);
    }

    /** V(phi), evaluated as in the kernels: {@code phi^2 (c2 + phi^2 (c4 + phi^2 c6))}. */
    public double value(double phi) {
        double p2 = phi * phi;
        return p2 * (quadratic + p2 * (quartic + p2 * sextic));
    }

    /** Whether V vanishes identically (the free ensemble). */
    public boolean isZero() {
        return quadratic == 0 && quartic == 0 && sextic == 0;
    }

    private static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
        return v;
    }
}
