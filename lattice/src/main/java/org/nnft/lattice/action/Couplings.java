package org.nnft.lattice.action;

import org.nnft.lattice.geometry.Lattice;

/**
 * Inhomogeneous phi^4 couplings on a {@link Lattice}:
 * {@code S = - sum_<ij> w_ij phi_i phi_j + sum_i a_i phi_i^2 + sum_i b_i phi_i^4}.
 *
 * <p>{@code w[x * d + mu]} is the weight of the link from {@code x} to {@code x + e_mu};
 * {@code a[x]}, {@code b[x]} the site couplings. The homogeneous theory (kappa, a, b) is the special case
 * built by {@link HomogeneousTheory#couplings}. Arrays are copied in and out; instances are immutable.
 */
public final class Couplings {
    private final Lattice lattice;
    private final double[] linkWeights;
    private final double[] quadratic;
    private final double[] quartic;

    public Couplings(Lattice lattice, double[] linkWeights, double[] quadratic, double[] quartic) {
        this.lattice = lattice;
        this.linkWeights = checked("w", linkWeights, lattice.links());
        this.quadratic = checked("a", quadratic, lattice.volume());
        this.quartic = checked("b", quartic, lattice.volume());
    }

    /** Every link weight kappa, every site (a, b). */
    public static Couplings homogeneous(Lattice lattice, double kappa, double a, double b) {
        double[] w = new double[lattice.links()];
        double[] as = new double[lattice.volume()];
        double[] bs = new double[lattice.volume()];
        java.util.Arrays.fill(w, requireFinite("kappa", kappa));
        java.util.Arrays.fill(as, requireFinite("a", a));
        java.util.Arrays.fill(bs, requireFinite("b", b));
        return new Couplings(lattice, w, as, bs);
    }

    private static double[] checked(String name, double[] v, int length) {
        if (v.length != length) {
            throw new IllegalArgumentException(name + " must have " + length + " entries, got " + v.length);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + v[i]);
            }
        }
        return v.clone();
    }

    static double requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
        return v;
    }

    public Lattice lattice() {
        return lattice;
    }

    /** Weight of link {@code x * d + mu}. */
    public double linkWeight(int link) {
        return linkWeights[link];
    }

    public double a(int x) {
        return quadratic[x];
    }

    public double b(int x) {
        return quartic[x];
    }

    public double[] linkWeights() {
        return linkWeights.clone();
    }

    public double[] quadratic() {
        return quadratic.clone();
    }

    public double[] quartic() {
        return quartic.clone();
    }

    /**
     * Per-site weights aligned with the neighbour table: entry {@code x * 2d + k} is the weight of the link
     * joining {@code x} and {@code lattice.neighbour(x, k)}, so {@code J_x = sum_k hop[x*2d+k] phi[nbr[x*2d+k]]}.
     */
    public double[] hoppingTable() {
        int d = lattice.dim();
        double[] hop = new double[lattice.volume() * 2 * d];
        for (int x = 0; x < lattice.volume(); x++) {
            for (int mu = 0; mu < d; mu++) {
                hop[x * 2 * d + mu] = linkWeights[x * d + mu];
                hop[x * 2 * d + d + mu] = linkWeights[lattice.neighbour(x, d + mu) * d + mu];
            }
        }
        return hop;
    }

    /** Smallest a_i (heat bath needs it positive). */
    public double minQuadratic() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : quadratic) {
            m = Math.min(m, v);
        }
        return m;
    }
}
