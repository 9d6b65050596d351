package org.nnft.lattice.action;

import org.nnft.lattice.geometry.Lattice;

/**
 * Evaluates the phi^4 action of {@link Couplings} and its derivatives on host arrays.
 * Split used by the integration-by-parts identities: {@code S = S2 + S4},
 * {@code S2 = -sum w phi phi + sum a phi^2}, {@code S4 = sum b phi^4}.
 * Local field {@code J_x = sum_{y nn x} w_xy phi_y}; {@code dS/dphi_x = -J_x + 2 a_x phi_x + 4 b_x phi_x^3}.
 */
public final class Phi4Action {
    private final Lattice lattice;
    private final Couplings couplings;
    private final int[] neighbours;
    private final double[] hopping;
    private final double[] a;
    private final double[] b;

    public Phi4Action(Couplings couplings) {
        this.couplings = couplings;
        this.lattice = couplings.lattice();
        this.neighbours = lattice.neighbourTable();
        this.hopping = couplings.hoppingTable();
        this.a = couplings.quadratic();
        this.b = couplings.quartic();
    }

    public Lattice lattice() {
        return lattice;
    }

    public Couplings couplings() {
        return couplings;
    }

    /** {@code sum_<ij> w_ij phi_i phi_j} over every link once. */
    public double hoppingSum(double[] phi) {
        int d = lattice.dim();
        double s = 0;
        for (int x = 0; x < phi.length; x++) {
            double acc = 0;
            for (int mu = 0; mu < d; mu++) {
                acc += hopping[x * 2 * d + mu] * phi[neighbours[x * 2 * d + mu]];
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

    /** The full action S. */
    public double action(double[] phi) {
        return quadraticPart(phi) + quarticPart(phi);
    }

    /** Local field J_x. */
    public double localField(double[] phi, int x) {
        int k0 = x * lattice.coordination();
        double j = 0;
        for (int k = 0; k < lattice.coordination(); k++) {
            j += hopping[k0 + k] * phi[neighbours[k0 + k]];
        }
        return j;
    }

    /** dS/dphi_x. */
    public double derivative(double[] phi, int x) {
        double p = phi[x];
        return -localField(phi, x) + 2.0 * a[x] * p + 4.0 * b[x] * p * p * p;
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
