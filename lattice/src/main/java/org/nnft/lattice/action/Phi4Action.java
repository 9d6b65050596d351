package org.nnft.lattice.action;

import org.nnft.lattice.geometry.Lattice;

/**
 * Evaluates the phi^4 action of {@link Couplings} and its derivatives on host arrays.
 * Split by homogeneity degree, used by the integration-by-parts identities: {@code S = S2 + S4 + S1},
 * {@code S2 = -sum_<ij> w phi phi - sum_<<ij>> v phi phi + sum a phi^2}, {@code S4 = sum b phi^4},
 * {@code S1 = -sum h phi}; so {@code sum_x phi_x dS/dphi_x = 2 S2 + 4 S4 + S1} and {@code <2 S2 + 4 S4 + S1> = V}.
 * Local field {@code J_x = sum_{y nn x} w_xy phi_y + sum_{y diagonal to x} v_xy phi_y} (without h);
 * {@code dS/dphi_x = -J_x - h_x + 2 a_x phi_x + 4 b_x phi_x^3}.
 */
public final class Phi4Action {
    private final Lattice lattice;
    private final Couplings couplings;
    private final int[] neighbours;
    private final double[] hopping;
    private final double[] a;
    private final double[] b;
    private final double[] h;
    private final int coordination;

    public Phi4Action(Couplings couplings) {
        this.couplings = couplings;
        this.lattice = couplings.lattice();
        this.neighbours = couplings.neighbourTable();
        this.hopping = couplings.hoppingTable();
        this.coordination = couplings.coordination();
        this.a = couplings.quadratic();
        this.b = couplings.quartic();
        this.h = couplings.hasLinear() ? couplings.linear() : null;
    }

    public Lattice lattice() {
        return lattice;
    }

    public Couplings couplings() {
        return couplings;
    }

    /** {@code sum_<ij> w_ij phi_i phi_j + sum_<<ij>> v_ij phi_i phi_j} over every link and diagonal link once. */
    public double hoppingSum(double[] phi) {
        int d = lattice.dim();
        int c = coordination;
        int p = couplings.hasDiagonal() ? lattice.diagonalsPerSite() : 0;
        double s = 0;
        for (int x = 0; x < phi.length; x++) {
            double acc = 0;
            for (int mu = 0; mu < d; mu++) {
                acc += hopping[x * c + mu] * phi[neighbours[x * c + mu]];
            }
            for (int q = 0; q < p; q++) {
                acc += hopping[x * c + 2 * d + q] * phi[neighbours[x * c + 2 * d + q]];
            }
            s += phi[x] * acc;
        }
        return s;
    }

    /** S2 = -sum w phi phi + sum a phi^2. */
    public double quadraticPart(double[] phi) {
        double s = 0;
        for (int x = 0; x < phi.length; x++) {
            s += a[x] * phi[x] * phi[x];
        }
        return s - hoppingSum(phi);
    }

    /** S4 = sum b phi^4. */
    public double quarticPart(double[] phi) {
        double s = 0;
        for (int x = 0; x < phi.length; x++) {
            double p2 = phi[x] * phi[x];
            s += b[x] * p2 * p2;
        }
        return s;
    }

    /** S1 = -sum h phi (0 without a linear term). */
    public double linearPart(double[] phi) {
        if (h == null) {
            return 0.0;
        }
        double s = 0;
        for (int x = 0; x < phi.length; x++) {
            s += h[x] * phi[x];
        }
        return -s;
    }

    /** The full action S. */
    public double action(double[] phi) {
        double s = quadraticPart(phi) + quarticPart(phi);
        return h == null ? s : s + linearPart(phi);
    }

    /** Local field J_x (nearest and diagonal neighbours; without h). */
    public double localField(double[] phi, int x) {
        int k0 = x * coordination;
        double j = 0;
        for (int k = 0; k < coordination; k++) {
            j += hopping[k0 + k] * phi[neighbours[k0 + k]];
        }
        return j;
    }

    /** dS/dphi_x. */
    public double derivative(double[] phi, int x) {
        double p = phi[x];
        double ds = -localField(phi, x) + 2.0 * a[x] * p + 4.0 * b[x] * p * p * p;
        return h == null ? ds : ds - h[x];
    }

    /** d^2S/dphi_x^2 = 2 a_x + 12 b_x phi_x^2. */
    public double secondDerivative(double[] phi, int x) {
        return 2.0 * a[x] + 12.0 * b[x] * phi[x] * phi[x];
    }

    /** Writes the force {@code F_x = -dS/dphi_x} into {@code out}. */
    public void force(double[] phi, double[] out) {
        for (int x = 0; x < phi.length; x++) {
            out[x] = -derivative(phi, x);
        }
    }
}
