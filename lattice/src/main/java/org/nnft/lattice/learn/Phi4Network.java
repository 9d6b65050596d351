package org.nnft.lattice.learn;

/**
 * The phi^4 neural network of docs/physics.md B.4: visible units phi_i (i < nv) and hidden units h_j (j < nh), both
 * continuous, coupled bipartitely,
 * {@code S(phi, h) = -sum_ij w_ij phi_i h_j + sum_i (r_i phi_i + a_i phi_i^2 + b_i phi_i^4)
 * + sum_j (s_j h_j + m_j h_j^2 + n_j h_j^4)}, with {@code w[i * nh + j]}. The conditionals factorise into
 * one-dimensional densities {@code exp(-c x^4 - q x^2 + J x)} ({@link QuarticDensity}), so block Gibbs sampling
 * ({@link #gibbsSweep}) is exact and parallel. Special cases: Gaussian-Gaussian RBM (b = n = 0). Every unit must
 * be normalisable: b, n >= 0, and a > 0 where b = 0, m > 0 where n = 0. Arrays are copied; immutable.
 */
public final class Phi4Network {
    /** Rejection-sampling attempts per unit and sweep before the old value is kept. */
    static final int TRIES = 64;
    private final int nv;
    private final int nh;
    private final double[] w;
    private final double[] r;
    private final double[] a;
    private final double[] b;
    private final double[] s;
    private final double[] m;
    private final double[] n;

    public Phi4Network(double[] w, double[] r, double[] a, double[] b, double[] s, double[] m, double[] n) {
        this.nv = r.length;
        this.nh = s.length;
        if (nv < 1 || nh < 1) {
            throw new IllegalArgumentException("need at least one visible and one hidden unit");
        }
        if (w.length != nv * nh || a.length != nv || b.length != nv || m.length != nh || n.length != nh) {
            throw new IllegalArgumentException("w must have nv*nh entries, a and b nv = r.length, "
                    + "m and n nh = s.length");
        }
        for (int i = 0; i < nv; i++) {
            requireNormalisable("visible", i, a[i], b[i]);
        }
        for (int j = 0; j < nh; j++) {
            requireNormalisable("hidden", j, m[j], n[j]);
        }
        this.w = w.clone();
        this.r = r.clone();
        this.a = a.clone();
        this.b = b.clone();
        this.s = s.clone();
        this.m = m.clone();
        this.n = n.clone();
    }

    private static void requireNormalisable(String kind, int i, double quadratic, double quartic) {
        if (!Double.isFinite(quadratic) || !(quartic >= 0) || !Double.isFinite(quartic)
                || (quartic == 0 && !(quadratic > 0))) {
            throw new IllegalArgumentException(kind + " unit " + i + ": need quartic >= 0 and quadratic > 0 where the"
                    + " quartic is 0; got " + quadratic + ", " + quartic);
        }
    }

    public int visible() {
        return nv;
    }

    public int hidden() {
        return nh;
    }

    /** The joint action S(phi, h). */
    public double action(double[] phi, double[] h) {
        double sum = 0;
        for (int i = 0; i < nv; i++) {
            double p = phi[i];
            double p2 = p * p;
            double acc = 0;
            for (int j = 0; j < nh; j++) {
                acc += w[i * nh + j] * h[j];
            }
            sum += -p * acc + r[i] * p + a[i] * p2 + b[i] * p2 * p2;
        }
        for (int j = 0; j < nh; j++) {
            double x = h[j];
            double x2 = x * x;
            sum += s[j] * x + m[j] * x2 + n[j] * x2 * x2;
        }
        return sum;
    }

    /**
     * One block Gibbs sweep in place: every h_j from {@code p(h_j | phi)} (stream {@code 2 sweep}, block j), then
     * every phi_i from {@code p(phi_i | h)} (stream {@code 2 sweep + 1}, block i).
     */
    public void gibbsSweep(double[] phi, double[] h, long seed, long sweep) {
        sampleHidden(phi, h, seed, 2 * sweep);
        for (int i = 0; i < nv; i++) {
            double field = -r[i];
            for (int j = 0; j < nh; j++) {
                field += w[i * nh + j] * h[j];
            }
            phi[i] = QuarticDensity.sample(b[i], a[i], field, phi[i], seed, 2 * sweep + 1, i, TRIES);
        }
    }

    /** Draws every h_j from {@code p(h_j | phi)} in place, unit j from block j of {@code stream}. */
    public void sampleHidden(double[] phi, double[] h, long seed, long stream) {
        for (int j = 0; j < nh; j++) {
            double field = -s[j];
            for (int i = 0; i < nv; i++) {
                field += w[i * nh + j] * phi[i];
            }
            h[j] = QuarticDensity.sample(n[j], m[j], field, h[j], seed, stream, j, TRIES);
        }
    }

    public double[] w() {
        return w.clone();
    }

    public double[] r() {
        return r.clone();
    }

    public double[] a() {
        return a.clone();
    }

    public double[] b() {
        return b.clone();
    }

    public double[] s() {
        return s.clone();
    }

    public double[] m() {
        return m.clone();
    }

    public double[] n() {
        return n.clone();
    }

    /** The same hidden units with new visible-side parameters w, r, a, b. */
    public Phi4Network withVisible(double[] w, double[] r, double[] a, double[] b) {
        return new Phi4Network(w, r, a, b, s, m, n);
    }
}
