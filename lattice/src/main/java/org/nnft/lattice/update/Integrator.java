package org.nnft.lattice.update;

/** Symplectic, time-reversible integrators for {@code H = p^2/2 + S(phi)}. */
public enum Integrator {
    /** Leapfrog (kick-drift-kick). */
    LEAPFROG,
    /** Omelyan second-order minimum-norm, lambda = 0.1931833275037836 (two force evaluations per step). */
    OMELYAN;

    static final double OMELYAN_LAMBDA = 0.1931833275037836;
}
