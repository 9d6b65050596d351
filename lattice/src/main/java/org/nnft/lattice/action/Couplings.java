package org.nnft.lattice.action;

import org.nnft.lattice.geometry.Lattice;

import java.util.Arrays;

/**
 * Inhomogeneous phi^4 couplings on a {@link Lattice}:
 * {@code S = - sum_<ij> w_ij phi_i phi_j - sum_<<ij>> v_ij phi_i phi_j + sum_i (a_i phi_i^2 + b_i phi_i^4 - h_i
 * phi_i)}.
 *
 * <p>{@code w[x * d + mu]} is the weight of the link from {@code x} to {@code x + e_mu};
 * {@code v[x * P + p]} the weight of diagonal link p of x (next-nearest neighbour {@code x + e_mu +- e_nu},
 * numbering of {@link Lattice}); {@code a[x]}, {@code b[x]} the site couplings and {@code h[x]} the linear
 * term (an external field). v and h are optional (zero by default). The homogeneous theory (kappa, a, b) is
 * the special case built by {@link HomogeneousTheory#couplings}; with all v zero the interaction tables are
 * exactly the nearest-neighbour ones, so such couplings run the same code paths bit for bit.
 * Arrays are copied in and out; instances are immutable.
 */
public final class Couplings {
    private final Lattice lattice;
    private final double[] linkWeights;
    private final double[] quadratic;
    private final double[] quartic;
    private final double[] linear;
    private final double[] diagonalWeights;
    private final boolean hasLinear;
    private final boolean hasDiagonal;

    public Couplings(Lattice lattice, double[] linkWeights, double[] quadratic, double[] quartic) {
        this(lattice, linkWeights, quadratic, quartic, null, null);
    }

    /**
     * All couplings: link weights w, a, b, the linear term h (per site) and the diagonal weights v
     * ({@code P V} entries, {@code P = d(d-1)}); null h or v means zero (not stored).
     */
    public Couplings(Lattice lattice, double[] linkWeights, double[] quadratic, double[] quartic,
                     double[] linear, double[] diagonalWeights) {
        this.lattice = lattice;
        this.linkWeights = checked("w", linkWeights, lattice.links());
        this.quadratic = checked("a", quadratic, lattice.volume());
        this.quartic = checked("b", quartic, lattice.volume());
        this.linear = linear == null ? null : nullIfZero(checked("h", linear, lattice.volume()));
        this.diagonalWeights = diagonalWeights == null ? null
                : nullIfZero(checked("v", diagonalWeights, lattice.volume() * lattice.diagonalsPerSite()));
        this.hasLinear = this.linear != null;
        this.hasDiagonal = this.diagonalWeights != null;
    }

    /** These couplings with the linear term h replaced. */
    public Couplings withLinear(double[] h) {
        return new Couplings(lattice, linkWeights, quadratic, quartic, h, hasDiagonal ? diagonalWeights : null);
    }

    /** These couplings with the diagonal (next-nearest-neighbour) weights v replaced. */
    public Couplings withDiagonal(double[] v) {
        return new Couplings(lattice, linkWeights, quadratic, quartic, hasLinear ? linear : null, v);
    }

    /** These couplings with every h_x = h and every diagonal weight v. */
    public Couplings withUniform(double h, double v) {
        double[] hs = new double[lattice.volume()];
        double[] vs = new double[lattice.volume() * lattice.diagonalsPerSite()];
        Arrays.fill(hs, requireFinite("h", h));
        Arrays.fill(vs, requireFinite("v", v));
        return new Couplings(lattice, linkWeights, quadratic, quartic, hs, vs);
    }

    private static double[] nullIfZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return v;
            }
        }
        return null;
    }

    /** Every link weight kappa, every site (a, b). */
    public static Couplings homogeneous(Lattice lattice, double kappa, double a, double b) {
        double[] w = new double[lattice.links()];
        double[] as = new double[lattice.volume()];
        double[] bs = new double[lattice.volume()];
        Arrays.fill(w, requireFinite("kappa", kappa));
        Arrays.fill(as, requireFinite("a", a));
        Arrays.fill(bs, requireFinite("b", b));
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

    /** Linear term h_x. */
    public double h(int x) {
        return hasLinear ? linear[x] : 0.0;
    }

    public double[] linear() {
        return hasLinear ? linear.clone() : new double[lattice.volume()];
    }

    /** Weight of diagonal link {@code x * P + p}. */
    public double diagonalWeight(int link) {
        return hasDiagonal ? diagonalWeights[link] : 0.0;
    }

    public double[] diagonalWeights() {
        return hasDiagonal ? diagonalWeights.clone() : new double[lattice.volume() * lattice.diagonalsPerSite()];
    }

    /** Whether some h_x is non-zero. */
    public boolean hasLinear() {
        return hasLinear;
    }

    /** Whether some diagonal weight is non-zero (then the interaction tables include the diagonals). */
    public boolean hasDiagonal() {
        return hasDiagonal;
    }

    /**
     * Entries per site of the interaction tables: {@code 2d} (nearest neighbours), plus {@code 2P} diagonal
     * neighbours when {@link #hasDiagonal()}.
     */
    public int coordination() {
        return lattice.coordination() + (hasDiagonal ? 2 * lattice.diagonalsPerSite() : 0);
    }

    /** Number of interacting pairs: the dV links, plus the PV diagonal links when {@link #hasDiagonal()}. */
    public long pairs() {
        return lattice.links() + (hasDiagonal ? (long) lattice.volume() * lattice.diagonalsPerSite() : 0L);
    }

    /**
     * Interaction neighbour table {@code [x * coordination() + k]}: the nearest-neighbour table of the
     * {@link Lattice} ({@code k < 2d}), followed by the diagonal table ({@code k = 2d + k'}) when
     * {@link #hasDiagonal()}. Without diagonals it is {@link Lattice#neighbourTable()}.
     */
    public int[] neighbourTable() {
        int[] nn = lattice.neighbourTable();
        if (!hasDiagonal) {
            return nn;
        }
        int c = lattice.coordination();
        int p2 = 2 * lattice.diagonalsPerSite();
        int[] diag = lattice.diagonalTable();
        int[] t = new int[lattice.volume() * (c + p2)];
        for (int x = 0; x < lattice.volume(); x++) {
            System.arraycopy(nn, x * c, t, x * (c + p2), c);
            System.arraycopy(diag, x * p2, t, x * (c + p2) + c, p2);
        }
        return t;
    }

    /**
     * Per-site weights aligned with {@link #neighbourTable()}: entry {@code x * coordination() + k} is the weight
     * of the pair joining {@code x} and its table neighbour k, so
     * {@code J_x = sum_k hop[x*c+k] phi[nbr[x*c+k]]} (nearest and, when present, diagonal neighbours).
     */
    public double[] hoppingTable() {
        int d = lattice.dim();
        int c = coordination();
        int p = lattice.diagonalsPerSite();
        int[] diag = hasDiagonal ? lattice.diagonalTable() : null;
        double[] hop = new double[lattice.volume() * c];
        for (int x = 0; x < lattice.volume(); x++) {
            for (int mu = 0; mu < d; mu++) {
                hop[x * c + mu] = linkWeights[x * d + mu];
                hop[x * c + d + mu] = linkWeights[lattice.neighbour(x, d + mu) * d + mu];
            }
            if (hasDiagonal) {
                for (int q = 0; q < p; q++) {
                    hop[x * c + 2 * d + q] = diagonalWeights[x * p + q];
                    hop[x * c + 2 * d + p + q] = diagonalWeights[diag[x * 2 * p + p + q] * p + q];
                }
            }
        }
        return hop;
    }

    /**
     * Index in [0, {@link #pairs()}) of the pair joining {@code x} and its table neighbour {@code y} at entry
     * {@code k} of {@link #neighbourTable()}: link {@code x d + mu} for nearest neighbours, {@code dV + x P + p}
     * for diagonal link p; the same pair gets the same index from both of its ends.
     */
    public long pairIndex(int x, int k, int y) {
        int d = lattice.dim();
        int p = lattice.diagonalsPerSite();
        if (k < d) {
            return (long) x * d + k;
        }
        if (k < 2 * d) {
            return (long) y * d + (k - d);
        }
        long base = lattice.links();
        int q = k - 2 * d;
        return q < p ? base + (long) x * p + q : base + (long) y * p + (q - p);
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
