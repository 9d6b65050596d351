package org.nnft.lattice.learn;

import org.nnft.lattice.measure.Estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The inverse renormalization group at the 2D Ising critical point (Bachtis, Aarts, Di Renzo, Lucini,
 * arXiv:2107.00466; docs/learn.md L.7). Wolff configurations at L0 and beta_c teach a stride-2 transposed-convolution
 * inverse of the majority-rule block spin ({@link InverseBlockSpin}); the inverse is applied {@code steps}
 * times to every configuration, giving ensembles at 2 L0, ..., 2^steps L0 with no Monte Carlo there. The
 * susceptibility at criticality, chi = L^2 &lt;m^2&gt; (m = sum s / L^2), is measured per size and
 * gamma/nu is the least-squares slope of ln chi against ln L. Errors: jackknife over blocks of
 * configurations, the fit jackknifed as a whole since all sizes grow from the same configurations. With
 * {@code direct}, the same sizes are also simulated by Wolff, for the finite-size check and the timing.
 */
public final class InverseRg {
    /** Jackknife blocks. */
    static final int BLOCKS = 20;

    /** Settings: L0 (even), doublings, configurations, Wolff sweeps between them, seed, direct check. */
    public record Config(int size, int steps, int configs, double sweepsBetween, int thermalize, long seed,
                         boolean direct) {
        /** Checks the ranges. */
        public Config {
            if (size < 4 || size % 2 != 0 || size > 256) {
                throw new IllegalArgumentException("--size must be even, 4..256, got " + size);
            }
            if (steps < 1 || steps > 6 || (long) size << steps > 2048) {
                throw new IllegalArgumentException("--steps must be 1..6 with L0 2^steps <= 2048, got " + steps);
            }
            if (configs < 2 * BLOCKS || configs > 1_000_000) {
                throw new IllegalArgumentException("--configs must be " + 2 * BLOCKS + "..1000000, got " + configs);
            }
            if (!(sweepsBetween > 0) || thermalize < 0) {
                throw new IllegalArgumentException("sweeps between configurations must be > 0, thermalization >= 0");
            }
        }
    }

    /** One lattice size: chi from the inverse RG, from direct Wolff (null without), and the seconds of each. */
    public record Size(int size, Estimate chi, Estimate direct, double inverseSeconds, double directSeconds) {
    }

    /** A fitted slope of ln chi in ln L with its jackknife error. */
    public record Slope(double value, double error) {
    }

    /**
     * Everything measured: the learned filter, its distance D, the sizes, gamma/nu from the inverse ensembles
     * (all sizes) and from direct Wolff (null without), and the Monte Carlo seconds at L0.
     */
    public record Result(double[][] filter, double distance, List<Size> sizes, Slope gammaOverNu,
                         Slope directGammaOverNu, double sourceSeconds) {
    }

    private InverseRg() {
    }

    /** Runs the experiment; {@code progress} receives the number of finished stages (1 + steps, + direct). */
    public static Result run(Config c, LongConsumer progress) {
        SplittableRandom random = new SplittableRandom(c.seed());
        long t0 = System.nanoTime();
        double[][] source = sample(c.size(), c, random.nextLong());
        double sourceSeconds = (System.nanoTime() - t0) * 1e-9;
        InverseBlockSpin inverse = InverseBlockSpin.learn(source, c.size(), 2000, 1.0, random.split());
        double distance = inverse.distance(source, c.size(), random.split());
        progress.accept(1);
        int levels = c.steps() + 1;
        double[][] m2 = new double[levels][];
        double[] seconds = new double[levels];
        m2[0] = magnetisationSquared(source);
        seconds[0] = sourceSeconds;
        double[][] current = source;
        int size = c.size();
        for (int j = 1; j < levels; j++) {
            long t = System.nanoTime();
            double[][] next = new double[current.length][];
            for (int n = 0; n < current.length; n++) {
                next[n] = inverse.grow(current[n], size, random);
            }
            seconds[j] = (System.nanoTime() - t) * 1e-9;
            current = next;
            size *= 2;
            m2[j] = magnetisationSquared(current);
            progress.accept(1 + j);
        }
        double[][] directM2 = null;
        double[] directSeconds = new double[levels];
        if (c.direct()) {
            directM2 = new double[levels][];
            directM2[0] = m2[0];
            directSeconds[0] = sourceSeconds;
            for (int j = 1; j < levels; j++) {
                long t = System.nanoTime();
                directM2[j] = magnetisationSquared(sample(c.size() << j, c, random.nextLong()));
                directSeconds[j] = (System.nanoTime() - t) * 1e-9;
                progress.accept(levels + j);
            }
        }
        List<Size> sizes = new ArrayList<>();
        for (int j = 0; j < levels; j++) {
            int l = c.size() << j;
            sizes.add(new Size(l, chi(m2[j], l), directM2 == null ? null : chi(directM2[j], l),
                    j == 0 ? 0 : seconds[j], directSeconds[j]));
        }
        return new Result(inverse.filter(), distance, sizes, slope(m2, c.size()),
                directM2 == null ? null : slope(directM2, c.size()), sourceSeconds);
    }

    /** Number of progress stages of {@link #run}. */
    public static long progressUnits(Config c) {
        return c.direct() ? 1 + 2L * c.steps() : 1 + c.steps();
    }

    /** {@code configs} Wolff configurations at beta_c of extent {@code size}, after thermalization. */
    static double[][] sample(int size, Config c, long seed) {
        IsingWolff wolff = new IsingWolff(size, IsingWolff.BETA_C, seed);
        wolff.sweeps(c.thermalize());
        double[][] out = new double[c.configs()][];
        for (int n = 0; n < out.length; n++) {
            wolff.sweeps(c.sweepsBetween());
            out[n] = wolff.configuration();
        }
        return out;
    }

    private static double[] magnetisationSquared(double[][] configurations) {
        double[] m2 = new double[configurations.length];
        for (int n = 0; n < m2.length; n++) {
            double m = 0;
            for (double s : configurations[n]) {
                m += s;
            }
            m /= configurations[n].length;
            m2[n] = m * m;
        }
        return m2;
    }

    /** chi = L^2 &lt;m^2&gt; with its blocked-jackknife error. */
    static Estimate chi(double[] m2, int size) {
        double[] jack = new double[BLOCKS];
        double full = 0;
        for (double v : m2) {
            full += v;
        }
        int per = m2.length / BLOCKS;
        for (int b = 0; b < BLOCKS; b++) {
            double s = full;
            for (int n = b * per; n < (b + 1) * per; n++) {
                s -= m2[n];
            }
            jack[b] = s / (m2.length - per);
        }
        double mean = full / m2.length;
        double var = 0;
        for (double j : jack) {
            var += (j - mean) * (j - mean);
        }
        double v = (double) size * size;
        return new Estimate(v * mean, v * Math.sqrt(var * (BLOCKS - 1) / BLOCKS), Double.NaN);
    }

    /** Slope of ln chi in ln L over all levels, blocked jackknife over configurations (common to all sizes). */
    static Slope slope(double[][] m2, int size0) {
        int per = m2[0].length / BLOCKS;
        double full = fit(m2, size0, -1, per);
        double var = 0;
        for (int b = 0; b < BLOCKS; b++) {
            double d = fit(m2, size0, b, per) - full;
            var += d * d;
        }
        return new Slope(full, Math.sqrt(var * (BLOCKS - 1) / BLOCKS));
    }

    private static double fit(double[][] m2, int size0, int leftOut, int per) {
        int levels = m2.length;
        double[] x = new double[levels];
        double[] y = new double[levels];
        for (int j = 0; j < levels; j++) {
            double s = 0;
            int n = 0;
            for (int i = 0; i < m2[j].length; i++) {
                if (leftOut < 0 || i < leftOut * per || i >= (leftOut + 1) * per) {
                    s += m2[j][i];
                    n++;
                }
            }
            double l = (double) size0 * (1 << j);
            x[j] = Math.log(l);
            y[j] = Math.log(l * l * s / n);
        }
        double mx = 0;
        double my = 0;
        for (int j = 0; j < levels; j++) {
            mx += x[j] / levels;
            my += y[j] / levels;
        }
        double sxy = 0;
        double sxx = 0;
        for (int j = 0; j < levels; j++) {
            sxy += (x[j] - mx) * (y[j] - my);
            sxx += (x[j] - mx) * (x[j] - mx);
        }
        return sxy / sxx;
    }
}
