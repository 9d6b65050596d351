package org.nnft.lattice.learn;

import org.nnft.engine.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Maximum-likelihood training of an {@link Rbm} on visible data with persistent block Gibbs chains (persistent
 * contrastive divergence; docs/learn.md, L.5). Trained are the weights and linear terms
 * {@code theta = [w (nv nh) | r (nv) | s (nh)]}; the quadratic and quartic coefficients stay fixed (for Bernoulli
 * units they are 0, for continuous ones they set the scale). The gradient of the mean negative log-likelihood
 * of the visible marginal is {@code <dS/dtheta>_{data, h | phi} - <dS/dtheta>_model} with
 * {@code dS/dw_ij = -phi_i h_j}, {@code dS/dr_i = phi_i}, {@code dS/ds_j = h_j}. The data phase uses the exact
 * conditional mean of h where it is closed-form (Bernoulli and Gaussian hidden units), else one draw per row
 * (seed {@code seed ^ NetworkTrainer.POSITIVE}); the model phase averages {@code chains} persistent chains
 * (chain c: seed {@code seed + c}, sweeps numbered across steps, started at phi = 0) over {@code sweepsPerStep}
 * sweeps each, run by {@link RbmChains} (the {@link RbmGibbsKernel} on a backend, or its Java body on the host;
 * the same numbers up to the rounding of exp). Plain gradient descent {@code theta -= eta * gradient}; returns
 * the network after every step.
 */
public final class RbmTrainer {
    /** Floor of a learned quadratic coefficient where the quartic is 0, and of a learned quartic coefficient. */
    public static final double MIN_COEFFICIENT = 1e-3;

    private RbmTrainer() {
    }

    /** Number of trained parameters {@code nv nh + nv + nh}. */
    public static int count(Rbm net) {
        return net.visible() * net.hidden() + net.visible() + net.hidden();
    }

    /** Adds {@code weight * dS/dtheta} at (phi, h) to {@code g}. */
    static void accumulate(Rbm net, double[] phi, double[] h, double[] g, double weight) {
        int nv = net.visible();
        int nh = net.hidden();
        for (int i = 0; i < nv; i++) {
            for (int j = 0; j < nh; j++) {
                g[i * nh + j] -= weight * phi[i] * h[j];
            }
            g[nv * nh + i] += weight * phi[i];
        }
        for (int j = 0; j < nh; j++) {
            g[nv * nh + nv + j] += weight * h[j];
        }
    }

    /** {@code <dS/dtheta>_{data, h | phi}}; rows whose hidden mean is not closed-form use one draw (stream = row). */
    public static double[] dataPhase(Rbm net, double[][] data, long seed, long step) {
        double[] g = new double[count(net)];
        double[] h = new double[net.hidden()];
        for (int row = 0; row < data.length; row++) {
            boolean exact = true;
            for (int j = 0; j < h.length && exact; j++) {
                h[j] = net.hiddenMean(data[row], j);
                exact = !Double.isNaN(h[j]);
            }
            if (!exact) {
                net.sampleHidden(data[row], h, seed ^ NetworkTrainer.POSITIVE, step * data.length + row);
            }
            accumulate(net, data[row], h, g, 1.0 / data.length);
        }
        return g;
    }

    /** Trains from {@code start} on {@code data}, the chains starting at phi = h = 0. */
    public static List<Rbm> train(Rbm start, double[][] data, int steps, int chains, int sweepsPerStep, double eta,
                                  long seed) {
        return train(start, data, steps, new double[Math.max(chains, 0)][start.visible()],
                new double[Math.max(chains, 0)][start.hidden()], sweepsPerStep, eta, false, seed, t -> { });
    }

    /**
     * As {@link #train(Rbm, double[][], int, int, int, double, long)} with the persistent chains' states given
     * ({@code phi[c]}, {@code h[c]}, one row per chain) and left at their final values, so sampling can continue
     * them (sweep {@code steps * sweepsPerStep} is the next); {@code onStep} hears each finished step. With
     * {@code visibleShape}, continuous visible units also learn their quadratic coefficient a (gradient
     * {@code <phi_i^2>_data - <phi_i^2>_model}, kept >= {@link #MIN_COEFFICIENT} where b = 0 so the unit stays
     * normalisable) and, where b > 0 at the start (phi^4 units), their quartic b (gradient
     * {@code <phi_i^4>_data - <phi_i^4>_model}, kept >= {@link #MIN_COEFFICIENT}).
     */
    public static List<Rbm> train(Rbm start, double[][] data, int steps, double[][] phi, double[][] h,
                                  int sweepsPerStep, double eta, boolean visibleShape, long seed,
                                  IntConsumer onStep) {
        return train(null, start, data, steps, phi, h, sweepsPerStep, eta, visibleShape, seed, onStep);
    }

    /** As {@link #train(Rbm, double[][], int, int, int, double, long)} with the chains on {@code backend}. */
    public static List<Rbm> train(Backend backend, Rbm start, double[][] data, int steps, int chains,
                                  int sweepsPerStep, double eta, long seed) {
        return train(backend, start, data, steps, new double[Math.max(chains, 0)][start.visible()],
                new double[Math.max(chains, 0)][start.hidden()], sweepsPerStep, eta, false, seed, t -> { });
    }

    /**
     * As {@link #train(Rbm, double[][], int, double[][], double[][], int, double, boolean, long, IntConsumer)}
     * with the model phase's chains on {@code backend} ({@code null}: the host).
     */
    public static List<Rbm> train(Backend backend, Rbm start, double[][] data, int steps, double[][] phi,
                                  double[][] h, int sweepsPerStep, double eta, boolean visibleShape, long seed,
                                  IntConsumer onStep) {
        int chains = phi.length;
        if (steps < 1 || chains < 1 || sweepsPerStep < 1) {
            throw new IllegalArgumentException("steps, chains and sweepsPerStep must be >= 1, got " + steps + ", "
                    + chains + ", " + sweepsPerStep);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be positive and finite, got " + eta);
        }
        int nv = start.visible();
        for (double[] row : data) {
            if (row.length != nv) {
                throw new IllegalArgumentException("data rows must have " + nv + " values, got " + row.length);
            }
        }
        boolean shape = visibleShape && start.visibleUnits() == Rbm.Units.CONTINUOUS;
        double[] p2Data = new double[nv];
        double[] p4Data = new double[nv];
        for (double[] row : data) {
            for (int i = 0; i < nv; i++) {
                double p2 = row[i] * row[i];
                p2Data[i] += p2 / data.length;
                p4Data[i] += p2 * p2 / data.length;
            }
        }
        try (RbmChains model = new RbmChains(backend, phi, h)) {
            return train(model, start, data, steps, phi, h, sweepsPerStep, eta, shape, seed, onStep, p2Data, p4Data);
        }
    }

    private static List<Rbm> train(RbmChains model, Rbm start, double[][] data, int steps, double[][] phi,
                                   double[][] h, int sweepsPerStep, double eta, boolean shape, long seed,
                                   IntConsumer onStep, double[] p2Data, double[] p4Data) {
        int chains = phi.length;
        int nv = start.visible();
        int nh = start.hidden();
        double[] b0 = start.b();
        Rbm net = start;
        List<Rbm> history = new ArrayList<>();
        long sweep = 0;
        for (int t = 0; t < steps; t++) {
            double[] g = dataPhase(net, data, seed, t);
            double[] ga = p2Data.clone();
            double[] gb = p4Data.clone();
            double weight = 1.0 / ((double) chains * sweepsPerStep);
            for (int s = 0; s < sweepsPerStep; s++) {
                model.sweep(net, seed, sweep, 1);
                for (int c = 0; c < chains; c++) {
                    accumulate(net, phi[c], h[c], g, -weight);
                    if (shape) {
                        for (int i = 0; i < nv; i++) {
                            double p2 = phi[c][i] * phi[c][i];
                            ga[i] -= weight * p2;
                            gb[i] -= weight * p2 * p2;
                        }
                    }
                }
                sweep++;
            }
            double[] w = net.w();
            double[] r = net.r();
            double[] sv = net.s();
            for (int k = 0; k < w.length; k++) {
                w[k] -= eta * g[k];
            }
            for (int i = 0; i < nv; i++) {
                r[i] -= eta * g[nv * nh + i];
            }
            for (int j = 0; j < nh; j++) {
                sv[j] -= eta * g[nv * nh + nv + j];
            }
            if (shape) {
                double[] a = net.a();
                double[] b = net.b();
                for (int i = 0; i < nv; i++) {
                    a[i] -= eta * ga[i];
                    if (b0[i] > 0) {
                        b[i] = Math.max(MIN_COEFFICIENT, b[i] - eta * gb[i]);
                    } else {
                        a[i] = Math.max(MIN_COEFFICIENT, a[i]);
                    }
                }
                net = net.with(w, r, a, b, sv);
            } else {
                net = net.withLinear(w, r, sv);
            }
            history.add(net);
            onStep.accept(t + 1);
        }
        return history;
    }
}
