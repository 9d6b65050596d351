package org.nnft.lattice.learn;

/**
 * The phi^4 neural network of docs/physics.md B.4: visible units phi_i (i < nv) and hidden units h_j (j < nh), both
 * continuous, coupled bipartitely,
 * {@code S(phi, h) = -sum_ij w_ij phi_i h_j + sum_i (r_i phi_i + a_i phi_i^2 + b_i phi_i^4)
 * + sum_j (s_j h_j + m_j h_j^2 + n_j h_j^4)}, with {@code w[i * nh + j]}: the {@link Rbm} with continuous units on
 * both sides, to which every method delegates (same streams, so the same chains bit for bit). The conditionals
 * factorise into one-dimensional densities {@code exp(-c x^4 - q x^2 + J x)} ({@link QuarticDensity}), so block
 * Gibbs sampling ({@link #gibbsSweep}) is exact and parallel. Special case: Gaussian-Gaussian RBM (b = n = 0).
 * Every unit must be normalisable: b, n >= 0, and a > 0 where b = 0, m > 0 where n = 0. Immutable.
 */
public final class Phi4Network {
    /** Rejection-sampling attempts per unit and sweep before the old value is kept. */
    static final int TRIES = 64;
    private final Rbm net;

    public Phi4Network(double[] w, double[] r, double[] a, double[] b, double[] s, double[] m, double[] n) {
        this.net = new Rbm(Rbm.Units.CONTINUOUS, Rbm.Units.CONTINUOUS, w, r, a, b, s, m, n);
    }

    /** This network as an {@link Rbm} with continuous units. */
    public Rbm rbm() {
        return net;
    }

    public int visible() {
        return net.visible();
    }

    public int hidden() {
        return net.hidden();
    }

    /** The joint action S(phi, h). */
    public double action(double[] phi, double[] h) {
        return net.action(phi, h);
    }

    /**
     * One block Gibbs sweep in place: every h_j from {@code p(h_j | phi)} (stream {@code 2 sweep}, block j), then
     * every phi_i from {@code p(phi_i | h)} (stream {@code 2 sweep + 1}, block i).
     */
    public void gibbsSweep(double[] phi, double[] h, long seed, long sweep) {
        net.gibbsSweep(phi, h, seed, sweep);
    }

    /** Draws every h_j from {@code p(h_j | phi)} in place, unit j from block j of {@code stream}. */
    public void sampleHidden(double[] phi, double[] h, long seed, long stream) {
        net.sampleHidden(phi, h, seed, stream);
    }

    public double[] w() {
        return net.w();
    }

    public double[] r() {
        return net.r();
    }

    public double[] a() {
        return net.a();
    }

    public double[] b() {
        return net.b();
    }

    public double[] s() {
        return net.s();
    }

    public double[] m() {
        return net.m();
    }

    public double[] n() {
        return net.n();
    }

    /** The same hidden units with new visible-side parameters w, r, a, b. */
    public Phi4Network withVisible(double[] w, double[] r, double[] a, double[] b) {
        return new Phi4Network(w, r, a, b, net.s(), net.m(), net.n());
    }
}
