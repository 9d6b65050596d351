package org.nnft.lattice.learn;

import org.nnft.lattice.geometry.Lattice;

/**
 * Exact Gaussian (b = 0) results for the quadratic action
 * {@code A = -kappa sum_<ij> phi_i phi_j - g sum_<<ij>> phi_i phi_j + (a + i h) sum_i phi_i^2} on a periodic
 * {@link Lattice} (nearest neighbours {@code <ij>}, next-nearest (diagonal) neighbours {@code <<ij>>} at
 * {@code x + e_mu +- e_nu}), the check of the complex-mass reweighting (docs/learn.md, L.3).
 *
 * <p>{@code A = (1/2) phi^T (M + 2 i h) phi} with the translation-invariant matrix M, diagonal in momentum space:
 * {@code M(k) = 2a - 2 kappa sum_mu cos k_mu - 2 g sum_{mu<nu} [cos(k_mu + k_nu) + cos(k_mu - k_nu)]},
 * {@code k_mu = 2 pi n_mu / L}. Hence {@code <phi_x^2> = (1/V) sum_k 1/(M(k) + 2ih)},
 * {@code <m^2> = <(sum_x phi_x / V)^2> = 1/(V (M(0) + 2ih))}, and the average phase of reweighting from h = 0,
 * {@code |Z(h)/Z(0)| = prod_k (M(k)^2 / (M(k)^2 + 4h^2))^(1/4)}. Requires every M(k) > 0.
 */
public final class ComplexFreeField {
    private final double[] modes;

    /** The spectrum M(k) of {@code kappa, g, a} on {@code lattice}; throws unless it is positive. */
    public ComplexFreeField(Lattice lattice, double kappa, double g, double a) {
        int v = lattice.volume();
        int d = lattice.dim();
        int[] n = new int[d];
        modes = new double[v];
        for (int x = 0; x < v; x++) {
            lattice.coordinates(x, n);
            double m = 2 * a;
            for (int mu = 0; mu < d; mu++) {
                double kmu = 2 * Math.PI * n[mu] / lattice.size();
                m -= 2 * kappa * Math.cos(kmu);
                for (int nu = mu + 1; nu < d; nu++) {
                    double knu = 2 * Math.PI * n[nu] / lattice.size();
                    m -= 2 * g * (Math.cos(kmu + knu) + Math.cos(kmu - knu));
                }
            }
            if (!(m > 0)) {
                throw new IllegalArgumentException("the free field is unstable: M(k) = " + m + " at mode " + x);
            }
            modes[x] = m;
        }
    }

    /** {@code <phi_x^2>} at imaginary mass h as {real, imaginary}. */
    public double[] phi2(double h) {
        double re = 0;
        double im = 0;
        for (double m : modes) {
            double den = m * m + 4 * h * h;
            re += m / den;
            im -= 2 * h / den;
        }
        return new double[]{re / modes.length, im / modes.length};
    }

    /** {@code <m^2>}, m the lattice average of phi, at imaginary mass h as {real, imaginary}. */
    public double[] m2(double h) {
        double m = modes[0];
        double den = modes.length * (m * m + 4 * h * h);
        return new double[]{m / den, -2 * h / den};
    }

    /** The average phase {@code |Z(h)/Z(0)|}. */
    public double averagePhase(double h) {
        double log = 0;
        for (double m : modes) {
            log += 0.25 * Math.log(m * m / (m * m + 4 * h * h));
        }
        return Math.exp(log);
    }
}
