package org.nnft.lattice.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximum-likelihood training of a {@link Phi4Network} on visible data (docs/physics.md B.4). The gradient of the
 * negative log-likelihood of the visible marginal is {@code <dS/dtheta>_{data, h ~ p(h|phi)} - <dS/dtheta>_model}:
 * the positive phase draws one h from the exact conditional for every data row (seed {@code seed ^ POSITIVE},
 * stream {@code step * rows + row}, {@link Phi4Network#sampleHidden}); the negative phase averages over
 * {@code sweepsPerStep} sweeps of a persistent block Gibbs chain (seed {@code seed}, sweeps numbered across steps).
 * Trained are the visible-side parameters w, r, a and, when {@code quartic}, b (clipped at 0); the hidden units'
 * s, m, n stay fixed (the scale of h is a redundancy of w and m). Plain gradient descent
 * {@code theta -= eta * gradient}. Returns the network after every step.
 */
public final class NetworkTrainer {
    /** Seed offset of the positive phase. */
    static final long POSITIVE = 0x5DEECE66DL;

    private NetworkTrainer() {
    }

    public static List<Phi4Network> train(Phi4Network start, double[][] data, int steps, int sweepsPerStep, double eta,
                                          boolean quartic, long seed) {
        if (steps < 1 || sweepsPerStep < 1) {
            throw new IllegalArgumentException("steps and sweepsPerStep must be >= 1, got " + steps
                    + ", " + sweepsPerStep);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be positive and finite, got " + eta);
        }
        int nv = start.visible();
        int nh = start.hidden();
        for (double[] row : data) {
            if (row.length != nv) {
                throw new IllegalArgumentException("data rows must have " + nv + " values, got " + row.length);
            }
        }
        Phi4Network net = start;
        double[] phi = new double[nv];
        double[] h = new double[nh];
        long sweep = 0;
        double[] hData = new double[nh];
        List<Phi4Network> history = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double[] gw = new double[nv * nh];
            double[] gr = new double[nv];
            double[] ga = new double[nv];
            double[] gb = new double[nv];
            for (int row = 0; row < data.length; row++) {
                net.sampleHidden(data[row], hData, seed ^ POSITIVE, (long) t * data.length + row);
                accumulate(data[row], hData, gw, gr, ga, gb, 1.0 / data.length);
            }
            for (int s = 0; s < sweepsPerStep; s++) {
                net.gibbsSweep(phi, h, seed, sweep++);
                accumulate(phi, h, gw, gr, ga, gb, -1.0 / sweepsPerStep);
            }
            double[] w = net.w();
            double[] r = net.r();
            double[] a = net.a();
            double[] b = net.b();
            for (int k = 0; k < w.length; k++) {
                w[k] -= eta * gw[k];
            }
            for (int i = 0; i < nv; i++) {
                r[i] -= eta * gr[i];
                a[i] -= eta * ga[i];
                if (quartic) {
                    b[i] = Math.max(0.0, b[i] - eta * gb[i]);
                }
            }
            net = net.withVisible(w, r, a, b);
            history.add(net);
        }
        return history;
    }

    /** Adds {@code weight * dS/dtheta} of (phi, h): -phi_i h_j, phi_i, phi_i^2, phi_i^4. */
    private static void accumulate(double[] phi, double[] h, double[] gw, double[] gr, double[] ga, double[] gb,
                                   double weight) {
        int nh = h.length;
        for (int i = 0; i < phi.length; i++) {
            double p = phi[i];
            double p2 = p * p;
            for (int j = 0; j < nh; j++) {
                gw[i * nh + j] -= weight * p * h[j];
            }
            gr[i] += weight * p;
            ga[i] += weight * p2;
            gb[i] += weight * p2 * p2;
        }
    }
}
