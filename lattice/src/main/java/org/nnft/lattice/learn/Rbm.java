package org.nnft.lattice.learn;

/**
 * The phi^4 neural network family (docs/learn.md, L.5): visible units phi_i (i < nv) and hidden units h_j
 * (j < nh) coupled bipartitely,
 * {@code S(phi, h) = -sum_ij w_ij phi_i h_j + sum_i (r_i phi_i + a_i phi_i^2 + b_i phi_i^4)
 * + sum_j (s_j h_j + m_j h_j^2 + n_j h_j^4)}, {@code w[i * nh + j]}, where each layer's units are either
 * {@link Units#CONTINUOUS} (real; Gaussian where the quartic coefficient is 0, phi^4 otherwise) or
 * {@link Units#BERNOULLI} (values 0 and 1; then x^2 = x^4 = x, so the quadratic and quartic coefficients must be 0
 * and the linear one carries the bias). Special cases of the seed: Gaussian-Gaussian (both continuous, b = n = 0),
 * Gaussian-Bernoulli (b = 0, hidden Bernoulli), Bernoulli-Bernoulli, phi^4-Bernoulli (b > 0, hidden Bernoulli);
 * both continuous is also available as {@link Phi4Network} (a view of this class).
 *
 * <p>Given the other layer the units are independent, with the field {@code J} of a unit
 * ({@link #hiddenField}, {@link #visibleField}): a continuous unit has density ~ {@code exp(-c x^4 - q x^2 + J x)}
 * ({@link QuarticDensity}), a Bernoulli unit {@code p(x = 1) = 1 / (1 + e^{-J})}. Block Gibbs sampling
 * ({@link #gibbsSweep}) is therefore exact and parallel. Continuous units must be normalisable (quartic >= 0,
 * quadratic > 0 where the quartic is 0). Arrays are copied; immutable.
 */
public final class Rbm {
    /** The kind of the units of one layer. */
    public enum Units {
        CONTINUOUS,
        BERNOULLI
    }

    private final Units visibleUnits;
    private final Units hiddenUnits;
    private final int nv;
    private final int nh;
    private final double[] w;
    private final double[] r;
    private final double[] a;
    private final double[] b;
    private final double[] s;
    private final double[] m;
    private final double[] n;

    public Rbm(Units visibleUnits, Units hiddenUnits, double[] w, double[] r, double[] a, double[] b, double[] s,
               double[] m, double[] n) {
        this.visibleUnits = visibleUnits;
        this.hiddenUnits = hiddenUnits;
        this.nv = r.length;
        this.nh = s.length;
        if (nv < 1 || nh < 1) {
            throw new IllegalArgumentException("need at least one visible and one hidden unit");
        }
        if (w.length != nv * nh || a.length != nv || b.length != nv || m.length != nh || n.length != nh) {
            throw new IllegalArgumentException("w must have nv*nh entries, a and b nv = r.length, m and n"
                    + " nh = s.length");
        }
        for (double x : w) {
            requireFinite("w", x);
        }
        for (int i = 0; i < nv; i++) {
            requireFinite("r", r[i]);
            check(visibleUnits, "visible", i, a[i], b[i]);
        }
        for (int j = 0; j < nh; j++) {
            requireFinite("s", s[j]);
            check(hiddenUnits, "hidden", j, m[j], n[j]);
        }
        this.w = w.clone();
        this.r = r.clone();
        this.a = a.clone();
        this.b = b.clone();
        this.s = s.clone();
        this.m = m.clone();
        this.n = n.clone();
    }

    /** A Bernoulli-Bernoulli RBM with weights w and biases r, s (S = -phi.w.h + r.phi + s.h). */
    public static Rbm bernoulli(double[] w, double[] r, double[] s) {
        return new Rbm(Units.BERNOULLI, Units.BERNOULLI, w, r, new double[r.length], new double[r.length], s,
                new double[s.length], new double[s.length]);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }

    private static void check(Units units, String layer, int i, double quadratic, double quartic) {
        if (units == Units.BERNOULLI) {
            if (quadratic != 0 || quartic != 0) {
                throw new IllegalArgumentException(layer + " unit " + i + " is Bernoulli: quadratic and quartic"
                        + " coefficients must be 0 (x^2 = x^4 = x), got " + quadratic + ", " + quartic);
            }
        } else if (!Double.isFinite(quadratic) || !(quartic >= 0) || !Double.isFinite(quartic)
                || (quartic == 0 && !(quadratic > 0))) {
            throw new IllegalArgumentException(layer + " unit " + i + ": need quartic >= 0 and quadratic > 0 where"
                    + " the quartic is 0; got " + quadratic + ", " + quartic);
        }
    }

    public Units visibleUnits() {
        return visibleUnits;
    }

    public Units hiddenUnits() {
        return hiddenUnits;
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

    /** Field of hidden unit j given phi: {@code J_j = sum_i w_ij phi_i - s_j}. */
    public double hiddenField(double[] phi, int j) {
        return RbmGibbsKernel.field(w, nh, 1, phi, 0, nv, s, j);
    }

    /** Field of visible unit i given h: {@code J_i = sum_j w_ij h_j - r_i}. */
    public double visibleField(double[] h, int i) {
        return RbmGibbsKernel.field(w, 1, nh, h, 0, nh, r, i);
    }

    /**
     * {@code E[h_j | phi]} where it is closed-form (Bernoulli: the logistic function of the field; Gaussian:
     * {@code J / (2 m)}), else NaN (phi^4 hidden units).
     */
    public double hiddenMean(double[] phi, int j) {
        double field = hiddenField(phi, j);
        if (hiddenUnits == Units.BERNOULLI) {
            return logistic(field);
        }
        return n[j] == 0 ? field / (2 * m[j]) : Double.NaN;
    }

    /**
     * {@code E[phi_i | h]}: Bernoulli the logistic function of the field, continuous units the mean of
     * {@code exp(-b x^4 - a x^2 + J x)} ({@code J / (2 a)} where b = 0, else {@link QuarticDensity#mean}).
     */
    public double visibleMean(double[] h, int i) {
        double field = visibleField(h, i);
        if (visibleUnits == Units.BERNOULLI) {
            return logistic(field);
        }
        return b[i] == 0 ? field / (2 * a[i]) : QuarticDensity.mean(b[i], a[i], field);
    }

    /** Draws every phi_i from {@code p(phi_i | h)} in place, unit i from block i of {@code stream}. */
    public void sampleVisible(double[] h, double[] phi, long seed, long stream) {
        RbmGibbsKernel.half(w, 1, nh, h, 0, nh, r, a, b, visibleUnits == Units.BERNOULLI, phi, 0, nv, seed, stream,
                Phi4Network.TRIES);
    }

    /**
     * One block Gibbs sweep in place: every h_j from {@code p(h_j | phi)} (stream {@code 2 sweep}, block j), then
     * every phi_i from {@code p(phi_i | h)} (stream {@code 2 sweep + 1}, block i); the Java body of
     * {@link RbmGibbsKernel} for one chain.
     */
    public void gibbsSweep(double[] phi, double[] h, long seed, long sweep) {
        sampleHidden(phi, h, seed, 2 * sweep);
        sampleVisible(h, phi, seed, 2 * sweep + 1);
    }

    /** Draws every h_j from {@code p(h_j | phi)} in place, unit j from block j of {@code stream}. */
    public void sampleHidden(double[] phi, double[] h, long seed, long stream) {
        RbmGibbsKernel.half(w, nh, 1, phi, 0, nv, s, m, n, hiddenUnits == Units.BERNOULLI, h, 0, nh, seed, stream,
                Phi4Network.TRIES);
    }

    /** {@code 1 / (1 + e^{-x})}, without overflow. */
    static double logistic(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
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

    /** The same units with new w, r, a, b, s (the hidden quadratic and quartic coefficients kept). */
    public Rbm with(double[] w, double[] r, double[] a, double[] b, double[] s) {
        return new Rbm(visibleUnits, hiddenUnits, w, r, a, b, s, m, n);
    }

    /** The same units with new w, r, s. */
    public Rbm withLinear(double[] w, double[] r, double[] s) {
        return new Rbm(visibleUnits, hiddenUnits, w, r, a, b, s, m, n);
    }
}
