package org.nnft.lattice.learn;

import org.nnft.engine.Backend;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Maximum-likelihood learning of a stack of {@link Rbm}s from data, end to end (docs/learn.md, L.8). Layer 0 has
 * the data as visible units; layer k + 1 is trained on the hidden layer of layer k: one draw
 * {@code h ~ p(h | v)} of the trained layer k per data row (seed {@code layerSeed(k) ^ HIDDEN_SALT}, stream =
 * row), so its visible units are of layer k's hidden kind with the same quadratic and quartic coefficients.
 * Each layer is trained by {@link RbmTrainer} (persistent block Gibbs, seed {@link #layerSeed}; continuous
 * visible units also learn their quadratic and, for phi^4 units, quartic coefficients; the hidden ones stay
 * fixed, as they only set the scale of h); the trained layer is the average of the parameters over the second
 * half of the steps (Polyak averaging, which damps the oscillation of persistent-chain training). Layer 0 with
 * seed {@code seed} is exactly the single-layer run. The start: weights {@code 0.01 N(0, 1)} (stream
 * {@link #START_SALT}; w = 0 would leave the hidden units identical forever), visible biases fitted to the data's
 * means of independent units (Bernoulli {@code r = -logit(p)}, p clipped to [0.01, 0.99]; continuous
 * {@code r = -2 a mean}), hidden biases 0.
 *
 * <p>New samples: the top layer's persistent chains continue ({@code thermalize} sweeps, then one sample per chain
 * every {@code every} sweeps); each sample goes down the stack by one draw {@code v ~ p(v | h)} per layer (seed {@code
 * layerSeed(k) ^ DOWN_SALT}, stream = sample). The samples are in chain-major order (all of chain 0, then chain 1,
 * ...), so a time-series error analysis sees each chain's autocorrelation. The training curve is the reconstruction
 * error {@code (1/nv) sum_i (v_i - E[v_i | h])^2} averaged over the first 500 data rows, with h the conditional mean
 * {@code E[h | v]} (one draw for phi^4 hidden units, seed {@code layerSeed ^ HIDDEN_SALT ^ 1}), its error the standard
 * error over those rows; measured at up to 50 steps.
 */
public final class RbmLearning {
    /** Mixed into a layer's seed for its start weights. */
    public static final long START_SALT = 0x57A2_7EEDL;
    /** Mixed into a layer's seed for the hidden draws that become the next layer's data. */
    public static final long HIDDEN_SALT = 0x41DD_E4L;
    /** Mixed into a layer's seed for the downward draws of new samples. */
    public static final long DOWN_SALT = 0xD0_3EL;
    /** Data rows of the reconstruction error. */
    public static final int RECONSTRUCTION_ROWS = 500;
    /** Largest number of points of the training curve. */
    public static final int CURVE_POINTS = 50;

    /** One kind of unit with its fixed coefficients: {@code quadratic x^2 + quartic x^4} in the action. */
    public record Units(Kind kind, double quadratic, double quartic) {
        public Units {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.BERNOULLI && (quadratic != 0 || quartic != 0)) {
                throw new IllegalArgumentException("Bernoulli units have no quadratic or quartic coefficient");
            }
            if (kind == Kind.GAUSSIAN && (quartic != 0 || !(quadratic > 0) || !Double.isFinite(quadratic))) {
                throw new IllegalArgumentException("Gaussian units need quadratic > 0 and quartic 0, got " + quadratic
                        + ", " + quartic);
            }
            if (kind == Kind.PHI4 && (!(quartic > 0) || !Double.isFinite(quartic) || !Double.isFinite(quadratic))) {
                throw new IllegalArgumentException("phi^4 units need quartic > 0 and a finite quadratic, got "
                        + quadratic + ", " + quartic);
            }
        }

        Rbm.Units rbm() {
            return kind == Kind.BERNOULLI ? Rbm.Units.BERNOULLI : Rbm.Units.CONTINUOUS;
        }
    }

    /** The unit kinds of the seed's network family. */
    public enum Kind {
        GAUSSIAN,
        PHI4,
        BERNOULLI
    }

    /**
     * @param data       the data, one row of visible values per configuration (Bernoulli: 0 or 1)
     * @param visible    the data's units
     * @param hidden     the hidden units of every layer
     * @param layers     hidden units per layer (one entry: a single RBM)
     * @param steps      training steps per layer
     * @param chains     persistent chains
     * @param sweeps     sweeps of every chain per step
     * @param eta        learning rate
     * @param newSamples new samples (a multiple of chains is not needed: the last round is cut)
     * @param thermalize sweeps of the top layer's chains before the new samples
     * @param every      sweeps between them
     * @param seed       seed of layer 0
     */
    public record Config(double[][] data, Units visible, Units hidden, int[] layers, int steps, int chains,
                         int sweeps, double eta, int newSamples, int thermalize, int every, long seed) {
        public Config {
            Objects.requireNonNull(visible, "visible");
            Objects.requireNonNull(hidden, "hidden");
            if (data.length < 1 || data[0].length < 1) {
                throw new IllegalArgumentException("need at least one data row of at least one value");
            }
            for (double[] row : data) {
                if (row.length != data[0].length) {
                    throw new IllegalArgumentException("data rows must have equal length");
                }
                for (double v : row) {
                    if (visible.kind() == Kind.BERNOULLI ? v != 0 && v != 1 : !Double.isFinite(v)) {
                        throw new IllegalArgumentException("data must be " + (visible.kind() == Kind.BERNOULLI
                                ? "0 or 1 for Bernoulli visible units" : "finite") + ", got " + v);
                    }
                }
            }
            layers = layers.clone();
            if (layers.length < 1) {
                throw new IllegalArgumentException("need at least one layer");
            }
            for (int n : layers) {
                if (n < 1) {
                    throw new IllegalArgumentException("hidden units per layer must be >= 1, got " + n);
                }
            }
            if (steps < 1 || chains < 1 || sweeps < 1 || newSamples < 1 || thermalize < 0 || every < 1) {
                throw new IllegalArgumentException("need steps, chains, sweeps, new samples, every >= 1 and"
                        + " thermalize >= 0");
            }
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("eta must be positive and finite, got " + eta);
            }
        }

        /** The units of layer k's visible side. */
        public Units visibleOf(int k) {
            return k == 0 ? visible : hidden;
        }
    }

    /** The reconstruction error at the given training steps (0: the start). */
    public record Curve(int[] step, double[] value, double[] error) {
    }

    /** One trained layer: its network and training curve. */
    public record Layer(Rbm net, Curve curve) {
    }

    /**
     * @param layers  the trained layers, bottom first
     * @param samples the new samples of the visible units
     * @param moments data against new samples: mean (per configuration, of v_i over units), second (of v_i^2) and
     *                m2 (the square of mean)
     */
    public record Result(List<Layer> layers, double[][] samples, Map<String, DataLearning.Comparison> moments) {
    }

    private RbmLearning() {
    }

    /** The seed of layer k: {@code seed} for k = 0. */
    public static long layerSeed(long seed, int k) {
        return k == 0 ? seed : seed ^ (0x9E37_79B9_7F4A_7C15L * k);
    }

    /** The start network of a layer with the given units on {@code data}. */
    public static Rbm start(double[][] data, Units visible, Units hidden, int nh, long seed) {
        int nv = data[0].length;
        double[] w = new double[nv * nh];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.01 * RandomStreams.normal(seed ^ START_SALT, 0, k);
        }
        double[] r = new double[nv];
        for (int i = 0; i < nv; i++) {
            double mean = 0;
            for (double[] row : data) {
                mean += row[i] / data.length;
            }
            if (visible.kind() == Kind.BERNOULLI) {
                double p = Math.min(0.99, Math.max(0.01, mean));
                r[i] = -Math.log(p / (1 - p));
            } else {
                r[i] = -2 * visible.quadratic() * mean;
            }
        }
        double[] a = new double[nv];
        double[] b = new double[nv];
        Arrays.fill(a, visible.quadratic());
        Arrays.fill(b, visible.quartic());
        double[] m = new double[nh];
        double[] n = new double[nh];
        Arrays.fill(m, hidden.quadratic());
        Arrays.fill(n, hidden.quartic());
        return new Rbm(visible.rbm(), hidden.rbm(), w, r, a, b, new double[nh], m, n);
    }

    /** Total progress units of {@link #run}: the training steps of all layers, then one for the samples. */
    public static long progressUnits(Config c) {
        return (long) c.steps() * c.layers().length + 1;
    }

    /**
     * Trains the stack and draws the new samples; {@code progress} hears finished units. A layer whose chains or
     * parameters leave the finite numbers (continuous units with couplings too strong for their quadratic terms)
     * ends the run with an {@link IllegalStateException}.
     */
    public static Result run(Config c, LongConsumer progress) {
        return run(c, null, progress);
    }

    /**
     * As {@link #run(Config, LongConsumer)} with the persistent chains (training and new samples) on {@code backend}
     * ({@link RbmChains}; {@code null}: the host, the same numbers up to the rounding of exp).
     */
    public static Result run(Config c, Backend backend, LongConsumer progress) {
        List<Layer> layers = new ArrayList<>();
        double[][] data = c.data();
        double[][] phi = null;
        double[][] h = null;
        for (int k = 0; k < c.layers().length; k++) {
            long seed = layerSeed(c.seed(), k);
            int nh = c.layers()[k];
            Rbm start = start(data, c.visibleOf(k), c.hidden(), nh, seed);
            phi = new double[c.chains()][data[0].length];
            h = new double[c.chains()][nh];
            long done = (long) k * c.steps();
            List<Rbm> history;
            try {
                history = RbmTrainer.train(backend, start, data, c.steps(), phi, h, c.sweeps(), c.eta(), true, seed,
                        t -> progress.accept(done + t));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("training of layer " + (k + 1) + " diverged (" + e.getMessage()
                        + "); a smaller eta or larger quadratic coefficients keep the units normalisable", e);
            }
            Rbm net = average(history.subList(history.size() / 2, history.size()));
            layers.add(new Layer(net, curve(start, history, data, seed)));
            if (k + 1 < c.layers().length) {
                data = hiddenDraws(net, data, seed);
            }
        }
        double[][] samples;
        try (RbmChains chains = new RbmChains(backend, phi, h)) {
            samples = sample(c, layers, chains, phi);
        }
        progress.accept(progressUnits(c));
        return new Result(layers, samples, moments(c.data(), samples));
    }

    /** The network with w, r, a, b and s averaged over {@code nets} (same units and sizes). */
    public static Rbm average(List<Rbm> nets) {
        Rbm first = nets.getFirst();
        double[] w = new double[first.w().length];
        double[] r = new double[first.visible()];
        double[] a = new double[first.visible()];
        double[] b = new double[first.visible()];
        double[] s = new double[first.hidden()];
        for (Rbm net : nets) {
            add(w, net.w(), nets.size());
            add(r, net.r(), nets.size());
            add(a, net.a(), nets.size());
            add(b, net.b(), nets.size());
            add(s, net.s(), nets.size());
        }
        return first.with(w, r, a, b, s);
    }

    private static void add(double[] sum, double[] x, int n) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += x[k] / n;
        }
    }

    /** One draw {@code h ~ p(h | v)} per row: the next layer's data. */
    public static double[][] hiddenDraws(Rbm net, double[][] data, long seed) {
        double[][] out = new double[data.length][net.hidden()];
        for (int row = 0; row < data.length; row++) {
            net.sampleHidden(data[row], out[row], seed ^ HIDDEN_SALT, row);
        }
        return out;
    }

    private static double[][] sample(Config c, List<Layer> layers, RbmChains chains, double[][] phi) {
        int top = layers.size() - 1;
        Rbm net = layers.get(top).net();
        long seed = layerSeed(c.seed(), top);
        long sweep = (long) c.steps() * c.sweeps();
        if (c.thermalize() > 0) {
            chains.sweep(net, seed, sweep, c.thermalize());
            sweep += c.thermalize();
        }
        int rounds = (c.newSamples() + phi.length - 1) / phi.length;
        double[][] all = new double[rounds * phi.length][];
        for (int round = 0; round < rounds; round++) {
            chains.sweep(net, seed, sweep, c.every());
            sweep += c.every();
            for (int ch = 0; ch < phi.length; ch++) {
                all[ch * rounds + round] = phi[ch].clone();
            }
        }
        double[][] out = Arrays.copyOf(all, c.newSamples());
        for (int k = top - 1; k >= 0; k--) {
            Rbm below = layers.get(k).net();
            long down = layerSeed(c.seed(), k) ^ DOWN_SALT;
            for (int i = 0; i < out.length; i++) {
                double[] v = new double[below.visible()];
                below.sampleVisible(out[i], v, down, i);
                out[i] = v;
            }
        }
        return out;
    }

    /** The reconstruction error of {@code net} on the first {@link #RECONSTRUCTION_ROWS} rows. */
    public static Estimate reconstruction(Rbm net, double[][] data, long seed) {
        int rows = Math.min(RECONSTRUCTION_ROWS, data.length);
        double[] err = new double[rows];
        double[] h = new double[net.hidden()];
        for (int row = 0; row < rows; row++) {
            double[] v = data[row];
            boolean exact = true;
            for (int j = 0; j < h.length && exact; j++) {
                h[j] = net.hiddenMean(v, j);
                exact = !Double.isNaN(h[j]);
            }
            if (!exact) {
                net.sampleHidden(v, h, seed ^ HIDDEN_SALT ^ 1, row);
            }
            double e = 0;
            for (int i = 0; i < v.length; i++) {
                double d = v[i] - net.visibleMean(h, i);
                e += d * d;
            }
            err[row] = e / v.length;
        }
        double mean = 0;
        for (double e : err) {
            mean += e / rows;
        }
        double var = 0;
        for (double e : err) {
            var += (e - mean) * (e - mean);
        }
        double error = rows > 1 ? Math.sqrt(var / ((double) rows * (rows - 1))) : Double.NaN;
        return new Estimate(mean, error, 0.5);
    }

    private static Curve curve(Rbm start, List<Rbm> history, double[][] data, long seed) {
        int steps = history.size();
        int stride = Math.max(1, (steps + CURVE_POINTS - 1) / CURVE_POINTS);
        List<Integer> at = new ArrayList<>();
        at.add(0);
        for (int t = stride; t < steps; t += stride) {
            at.add(t);
        }
        at.add(steps);
        int[] step = new int[at.size()];
        double[] value = new double[step.length];
        double[] error = new double[step.length];
        for (int p = 0; p < step.length; p++) {
            step[p] = at.get(p);
            Estimate e = reconstruction(step[p] == 0 ? start : history.get(step[p] - 1), data, seed);
            value[p] = e.value();
            error[p] = e.error();
        }
        return new Curve(step, value, error);
    }

    /** Data against samples: the per-configuration mean, second moment and squared mean over units. */
    public static Map<String, DataLearning.Comparison> moments(double[][] data, double[][] samples) {
        double[][] d = series(data);
        double[][] s = series(samples);
        Map<String, DataLearning.Comparison> out = new LinkedHashMap<>();
        String[] names = {"mean", "second", "m2"};
        for (int k = 0; k < names.length; k++) {
            out.put(names[k], new DataLearning.Comparison(estimate(d[k]), estimate(s[k])));
        }
        return out;
    }

    /** The mean with its Gamma-method error; one value (a single image) has no error (NaN). */
    static Estimate estimate(double[] series) {
        return series.length < 2 ? new Estimate(series[0], Double.NaN, Double.NaN) : ErrorAnalysis.mean(series);
    }

    private static double[][] series(double[][] rows) {
        double[][] out = new double[3][rows.length];
        for (int n = 0; n < rows.length; n++) {
            double m = 0;
            double q = 0;
            for (double v : rows[n]) {
                m += v / rows[n].length;
                q += v * v / rows[n].length;
            }
            out[0][n] = m;
            out[1][n] = q;
            out[2][n] = m * m;
        }
        return out;
    }
}
