package org.nnft.lattice.support;

import org.nnft.lattice.geometry.Lattice;

/**
 * Exact free-field (b = 0) results on the periodic lattice: M(k) = 2a - 2 kappa sum_mu cos k_mu
 * - 2 kappaDiag sum_{mu<nu} [cos(k_mu + k_nu) + cos(k_mu - k_nu)] (diagonal weight kappaDiag on every pair
 * x, x + e_mu +- e_nu). A uniform linear term h only shifts the mean to h / M(0).
 */
public final class FreeField {
    private final Lattice lattice;
    private final double kappa;
    private final double kappaDiag;
    private final double a;

    public FreeField(Lattice lattice, double kappa, double a) {
        this(lattice, kappa, 0.0, a);
    }

    public FreeField(Lattice lattice, double kappa, double kappaDiag, double a) {
        this.lattice = lattice;
        this.kappa = kappa;
        this.kappaDiag = kappaDiag;
        this.a = a;
    }

    private double m(int[] n) {
        double s = 0;
        double diag = 0;
        double k = 2 * Math.PI / lattice.size();
        for (int mu = 0; mu < n.length; mu++) {
            s += Math.cos(2 * Math.PI * n[mu] / lattice.size());
            for (int nu = mu + 1; nu < n.length; nu++) {
                diag += Math.cos(k * (n[mu] + n[nu])) + Math.cos(k * (n[mu] - n[nu]));
            }
        }
        return 2 * a - 2 * kappa * s - 2 * kappaDiag * diag;
    }

    /** {@code <phi_x> = h / M(0)} for a uniform linear term h. */
    public double mean(double h) {
        return h / m(new int[lattice.dim()]);
    }

    /** {@code <phi_x^2> = (1/V) sum_k 1/M(k)}. */
    public double phi2() {
        int[] n = new int[lattice.dim()];
        double s = 0;
        for (int k = 0; k < lattice.volume(); k++) {
            lattice.coordinates(k, n);
            s += 1 / m(n);
        }
        return s / lattice.volume();
    }

    /** {@code <phi_x phi_{x+e_mu}> = (1/V) sum_k cos(k_mu) / M(k)} (any mu by symmetry). */
    public double nearestNeighbour() {
        int[] n = new int[lattice.dim()];
        double s = 0;
        for (int k = 0; k < lattice.volume(); k++) {
            lattice.coordinates(k, n);
            s += Math.cos(2 * Math.PI * n[0] / lattice.size()) / m(n);
        }
        return s / lattice.volume();
    }

    /** {@code C(t) = (1/L) sum_{k_t} cos(k_t t) / M(0,..,0,k_t)}, time = direction d-1. */
    public double correlator(int t) {
        int l = lattice.size();
        int[] n = new int[lattice.dim()];
        double s = 0;
        for (int kt = 0; kt < l; kt++) {
            n[lattice.dim() - 1] = kt;
            s += Math.cos(2 * Math.PI * kt * t / l) / m(n);
        }
        return s / l;
    }

    /**
     * Zero-spatial-momentum energy: {@code cosh m = (2a - 2 kappa (d-1)) / (2 kappa)}, the exact effective mass
     * of {@link #correlator} at every t (the 1-d lattice propagator is a pure cosh).
     */
    public double effectiveMass() {
        double c = (2 * a - 2 * kappa * (lattice.dim() - 1)) / (2 * kappa);
        return Math.log(c + Math.sqrt(c * c - 1));
    }

    /** {@code <m^2> = 1/(V M(0))}. */
    public double m2() {
        return 1 / (lattice.volume() * m(new int[lattice.dim()]));
    }
}
