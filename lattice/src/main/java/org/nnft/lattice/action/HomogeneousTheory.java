package org.nnft.lattice.action;

import org.nnft.lattice.geometry.Lattice;

/**
 * Homogeneous phi^4 theory in the engine convention
 * {@code S = -kappa sum_<ij> phi_i phi_j + a sum_i phi_i^2 + b sum_i phi_i^4} (docs/physics.md Part B),
 * with the converters from the other conventions of the literature.
 */
public record HomogeneousTheory(double kappa, double a, double b) {
    public HomogeneousTheory {
        Couplings.requireFinite("kappa", kappa);
        Couplings.requireFinite("a", a);
        Couplings.requireFinite("b", b);
    }

    /**
     * Continuum-like form {@code (1/2)(d phi)^2 + (mu^2/2) phi^2 + (lambda/4) phi^4} with kappa = 1:
     * {@code a = (mu^2 + 2d)/2, b = lambda/4}.
     */
    public static HomogeneousTheory fromMassAndLambda(int dim, double mu2, double lambda) {
        requireDim(dim);
        Couplings.requireFinite("mu2", mu2);
        Couplings.requireFinite("lambda", lambda);
        return new HomogeneousTheory(1.0, (mu2 + 2.0 * dim) / 2.0, lambda / 4.0);
    }

    /**
     * Hopping form {@code -beta sum phi phi + phi^2 + lam (phi^2 - 1)^2}: kappa = beta, a = 1 - 2 lam, b = lam
     * (constant dropped).
     */
    public static HomogeneousTheory fromHopping(double beta, double lam) {
        Couplings.requireFinite("beta", beta);
        Couplings.requireFinite("lam", lam);
        return new HomogeneousTheory(beta, 1.0 - 2.0 * lam, lam);
    }

    /**
     * Normalizing-flow tutorial form (arXiv:2101.08176) {@code sum_mu (phi_{x+mu} - phi_x)^2 + M2 phi^2 + lam phi^4}
     * in its field phi_T; our field is {@code phi = sqrt(2) phi_T}, so mu^2 = M2, lambda = lam and
     * {@code chi_ours = 2 chi_T}.
     */
    public static HomogeneousTheory fromFlowConvention(int dim, double m2, double lam) {
        Couplings.requireFinite("M2", m2);
        Couplings.requireFinite("lam", lam);
        return fromMassAndLambda(dim, m2, lam);
    }

    /**
     * Approach to the Ising model with {@code phi = +-v}: {@code a = -2 b v^2}, {@code kappa = betaIsing / v^2};
     * the Ising model is the limit b -> infinity.
     */
    public static HomogeneousTheory isingLimit(double betaIsing, double b, double v) {
        Couplings.requireFinite("betaIsing", betaIsing);
        Couplings.requireFinite("b", b);
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("v must be positive and finite, got " + v);
        }
        return new HomogeneousTheory(betaIsing / (v * v), -2.0 * b * v * v, b);
    }

    /**
     * Refuses couplings whose action is unbounded below in {@code dim} dimensions, so that no chain is started
     * that can only run away: {@code b < 0}, or {@code b = 0} with {@code a <= d |kappa|} (the Gaussian action
     * {@code a phi^2 - kappa phi A phi} then has a flat or negative mode; {@code mu^2 <= 0} for kappa > 0).
     */
    public HomogeneousTheory requireBoundedBelow(int dim) {
        requireDim(dim);
        if (b < 0) {
            throw new IllegalArgumentException("the action is unbounded below: b = lambda/4 = " + b
                    + " < 0 (the phi^4 coupling must be >= 0)");
        }
        if (b == 0 && !(a > dim * Math.abs(kappa))) {
            throw new IllegalArgumentException("the action is unbounded below: b = lambda/4 = 0 needs a > d |kappa| = "
                    + dim * Math.abs(kappa) + " (mu2 > 0), got a = " + a + " (mu2 = " + mu2(dim) + ")");
        }
        return this;
    }

    /** {@code mu^2 = 2a - 2d kappa}, the inverse of {@code a = (mu^2 + 2d kappa)/2}. */
    public double mu2(int dim) {
        requireDim(dim);
        return 2.0 * a - 2.0 * dim * kappa;
    }

    /** The same couplings on every site and link of {@code lattice}. */
    public Couplings couplings(Lattice lattice) {
        return Couplings.homogeneous(lattice, kappa, a, b);
    }

    private static void requireDim(int dim) {
        if (dim < 2 || dim > 4) {
            throw new IllegalArgumentException("dim must be 2, 3 or 4, got " + dim);
        }
    }
}
