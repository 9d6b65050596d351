package org.nnft.lattice.learn;

import org.nnft.engine.Backend;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
import org.nnft.lattice.update.Overrelaxation;
import org.nnft.lattice.update.Update;
import org.nnft.lattice.update.WolffClusters;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The inverse renormalization group of the 2D lattice phi^4 theory (Bachtis, Aarts, Di Renzo, Lucini,
 * arXiv:2107.00466; docs/learn.md L.8). Configurations at L0 and (mu^2, lambda) near the critical line teach a
 * stride-2 transposed-convolution inverse of the block average ({@link FieldBlockInverse}) with the field
 * normalisation zeta fixed by two-lattice matching to a direct ensemble at L0/2,
 * {@code zeta^2 = <m^2>_{L0/2} / <m^2>_{L0}}; the inverse is applied {@code steps} times.
 * Per size: chi = L^2 &lt;m^2&gt; and the Binder cumulant U = 1 - &lt;m^4&gt;/(3 &lt;m^2&gt;^2) (m the site mean of
 * phi), gamma/nu the slope of ln chi in ln L. With {@code direct} every grown size is also simulated; with
 * {@code offset > 0} as well, sources at mu^2 +- offset are grown with the same inverse and matched to direct
 * runs at mu^2 +- offset, which gives nu from the inverse flow of the coupling. Errors: blocked jackknife.
 */
public final class Phi4InverseRg {
    /** Wolff clusters per sweep. */
    static final int CLUSTERS = 4;
    /** Configurations of the L0/2 matching run per source configuration (it costs about one L0 run). */
    static final int HALF_FACTOR = 4;
    /** Most source field values kept in memory (configs x L0^2 doubles, 1 GiB). */
    static final long MAX_KEPT = 1L << 27;

    /**
     * Settings: L0, doublings, configurations, sweeps between them, thermalization sweeps, the theory
     * (kappa, a, b of docs/physics.md Part B; mu^2 = 2a - 4 kappa), the offset in mu^2 for nu (0: none), seed and
     * the direct check.
     */
    public record Config(int size, int steps, int configs, int every, int thermalize, HomogeneousTheory theory,
                         double offset, long seed, boolean direct) {
        /** Checks the ranges. */
        public Config {
            if (size < 8 || size % 4 != 0 || size > 256) {
                throw new IllegalArgumentException("--size must be a multiple of 4, 8..256, got " + size);
            }
            if (steps < 1 || steps > 5 || (long) size << steps > 1024) {
                throw new IllegalArgumentException("--steps must be 1..5 with L0 2^steps <= 1024, got " + steps);
            }
            if (configs < 2 * InverseRg.BLOCKS || configs > 1_000_000) {
                throw new IllegalArgumentException("--configs must be " + 2 * InverseRg.BLOCKS + "..1000000, got "
                        + configs);
            }
            if ((long) configs * size * size > MAX_KEPT) {
                throw new IllegalArgumentException("--configs x --size^2 must be <= " + MAX_KEPT
                        + " (the source fields are kept: 1 GiB), got " + (long) configs * size * size);
            }
            if (every < 1 || thermalize < 0) {
                throw new IllegalArgumentException("sweeps between configurations must be >= 1, thermalization >= 0");
            }
            if (!(theory.kappa() > 0)) {
                throw new IllegalArgumentException("--kappa must be > 0 (the Wolff clusters need ferromagnetic links)");
            }
            theory.requireBoundedBelow(2);
            if (!(offset >= 0) || offset > 0 && !direct) {
                throw new IllegalArgumentException("--nu-offset must be >= 0 and needs the direct simulations");
            }
        }

        /** The theory at mu^2 + shift (a + shift/2). */
        HomogeneousTheory theory(double shift) {
            return new HomogeneousTheory(theory.kappa(), theory.a() + shift / 2, theory.b());
        }
    }

    /** One size: chi and U of the grown ensembles, of the direct ones (null without), and the seconds of each. */
    public record Level(int size, Estimate chi, Estimate binder, Estimate chiDirect, Estimate binderDirect,
                        double inverseSeconds, double directSeconds) {
    }

    /**
     * nu from the inverse flow: per grown size the Binder cumulants of the ensembles grown from mu^2 +- offset and
     * of direct runs there, {@code log2} of the ratio of their differences ({@code = j / nu} at doubling j), and the
     * fit through the origin.
     */
    public record Nu(double offset, double[] binderGrownPlus, double[] binderGrownMinus, double[] binderDirectPlus,
                     double[] binderDirectMinus, double[] inverseNuPerLevel, double[] inverseNuErrors, double value,
                     double error) {
    }

    /** Everything measured. */
    public record Result(double zeta, double zetaError, double[][] filter, double[] sigma, double distance,
                         List<Level> levels, InverseRg.Slope gammaOverNu, InverseRg.Slope directGammaOverNu, Nu nu,
                         double sourceSeconds) {
    }

    private Phi4InverseRg() {
    }

    /** Number of progress stages of {@link #run}. */
    public static long progressUnits(Config c) {
        long units = 2;
        if (c.direct()) {
            units += c.steps();
        }
        if (c.offset() > 0) {
            units += 2 + 2L * c.steps();
        }
        return units;
    }

    /** Runs the experiment on {@code backend}; {@code progress} receives the number of finished stages. */
    public static Result run(Config c, Backend backend, LongConsumer progress) {
        SplittableRandom random = new SplittableRandom(c.seed());
        long stage = 0;
        long t0 = System.nanoTime();
        double[][] source = new double[c.configs()][];
        double[][] sourceMoments = chain(backend, c.size(), c.theory(0), c, random.nextLong(), c.configs(), source);
        double[][] half = chain(backend, c.size() / 2, c.theory(0), c, random.nextLong(), HALF_FACTOR * c.configs(),
                null);
        double sourceSeconds = (System.nanoTime() - t0) * 1e-9;
        double[] zeta = zeta(half[0], sourceMoments[0]);
        FieldBlockInverse inverse = FieldBlockInverse.learn(source, c.size(), zeta[0]);
        double distance = inverse.distance(source, c.size(), zeta[0]);
        progress.accept(++stage);
        int levels = c.steps() + 1;
        double[] seconds = new double[levels];
        double[][][] moments = growAll(inverse, source, c.size(), c.steps(), random, seconds);
        progress.accept(++stage);
        double[][][] direct = null;
        double[] directSeconds = new double[levels];
        directSeconds[0] = sourceSeconds;
        if (c.direct()) {
            direct = new double[levels][][];
            direct[0] = moments[0];
            for (int j = 1; j < levels; j++) {
                long t = System.nanoTime();
                direct[j] = chain(backend, c.size() << j, c.theory(0), c, random.nextLong(), c.configs(), null);
                directSeconds[j] = (System.nanoTime() - t) * 1e-9;
                progress.accept(++stage);
            }
        }
        List<Level> out = new ArrayList<>();
        double[][] m2 = new double[levels][];
        double[][] directM2 = direct == null ? null : new double[levels][];
        for (int j = 0; j < levels; j++) {
            int l = c.size() << j;
            m2[j] = moments[j][0];
            if (directM2 != null) {
                directM2[j] = direct[j][0];
            }
            out.add(new Level(l, InverseRg.chi(moments[j][0], l), binder(moments[j]),
                    direct == null ? null : InverseRg.chi(direct[j][0], l), direct == null ? null : binder(direct[j]),
                    seconds[j], directSeconds[j]));
        }
        Nu nu = null;
        if (c.offset() > 0) {
            nu = nu(c, backend, inverse, random, progress, stage);
        }
        InverseRg.Slope grown = InverseRg.slope(m2, c.size());
        // each doubling multiplies <m^2> by 1/zeta^2 (docs/learn.md L.8): zeta's error moves the slope by
        // 2 dzeta / (zeta ln 2)
        double zetaPart = 2 * zeta[1] / (zeta[0] * Math.log(2));
        grown = new InverseRg.Slope(grown.value(), Math.hypot(grown.error(), zetaPart));
        return new Result(zeta[0], zeta[1], inverse.filter(), inverse.sigma(), distance, out,
                grown, directM2 == null ? null : InverseRg.slope(directM2, c.size()), nu,
                sourceSeconds);
    }

    /**
     * Grows every source field through all {@code steps} doublings, one field at a time (memory of one field per
     * size), and returns m^2 and m^4 per level and field; {@code seconds[j]} accumulates the time of doubling j.
     */
    private static double[][][] growAll(FieldBlockInverse inverse, double[][] source, int size0, int steps,
                                        SplittableRandom random, double[] seconds) {
        double[][][] moments = new double[steps + 1][2][source.length];
        for (int n = 0; n < source.length; n++) {
            double[] f = source[n];
            record(moments[0], n, f);
            int size = size0;
            for (int j = 1; j <= steps; j++) {
                long t = System.nanoTime();
                f = inverse.grow(f, size, random);
                seconds[j] += (System.nanoTime() - t) * 1e-9;
                size *= 2;
                record(moments[j], n, f);
            }
        }
        return moments;
    }

    private static void record(double[][] moments, int n, double[] field) {
        double m = 0;
        for (double v : field) {
            m += v;
        }
        m /= field.length;
        moments[0][n] = m * m;
        moments[1][n] = m * m * m * m;
    }

    private static Nu nu(Config c, Backend backend, FieldBlockInverse inverse, SplittableRandom random,
                         LongConsumer progress, long stage0) {
        long stage = stage0;
        int levels = c.steps() + 1;
        double[][] grown = new double[2][levels];
        double[][] direct = new double[2][levels];
        double[][] grownErr = new double[2][levels];
        double[][] directErr = new double[2][levels];
        for (int s = 0; s < 2; s++) {
            double shift = s == 0 ? c.offset() : -c.offset();
            double[][] fields = new double[c.configs()][];
            chain(backend, c.size(), c.theory(shift), c, random.nextLong(), c.configs(), fields);
            double[][][] moments = growAll(inverse, fields, c.size(), c.steps(), random, new double[levels]);
            progress.accept(++stage);
            for (int j = 0; j < levels; j++) {
                Estimate ug = binder(moments[j]);
                grown[s][j] = ug.value();
                grownErr[s][j] = ug.error();
                Estimate ud = j == 0 ? ug : binder(chain(backend, c.size() << j, c.theory(shift), c,
                        random.nextLong(), c.configs(), null));
                direct[s][j] = ud.value();
                directErr[s][j] = ud.error();
                if (j > 0) {
                    progress.accept(++stage);
                }
            }
        }
        double[] inv = new double[c.steps()];
        double[] err = new double[c.steps()];
        double num = 0;
        double den = 0;
        for (int j = 1; j < levels; j++) {
            double dd = direct[0][j] - direct[1][j];
            double dg = grown[0][j] - grown[1][j];
            double vd = (directErr[0][j] * directErr[0][j] + directErr[1][j] * directErr[1][j]) / (dd * dd);
            double vg = (grownErr[0][j] * grownErr[0][j] + grownErr[1][j] * grownErr[1][j]) / (dg * dg);
            double y = Math.log(Math.abs(dd / dg)) / Math.log(2);
            double vy = (vd + vg) / (Math.log(2) * Math.log(2));
            inv[j - 1] = y / j;
            err[j - 1] = Math.sqrt(vy) / j;
            num += j * y / vy;
            den += (double) j * j / vy;
        }
        double inverseNu = num / den;
        double inverseNuError = 1 / Math.sqrt(den);
        return new Nu(c.offset(), grown[0], grown[1], direct[0], direct[1], inv, err, 1 / inverseNu,
                inverseNuError / (inverseNu * inverseNu));
    }

    /**
     * The field normalisation by two-lattice matching: {@code zeta^2 = <m^2>_{L0/2} / <m^2>_{L0}} (the block
     * average keeps m, so this makes the rescaled blocked ensemble carry the magnetisation of a direct L0/2 ensemble),
     * with its error from the two independent jackknife errors.
     */
    static double[] zeta(double[] m2Half, double[] m2Source) {
        Estimate half = InverseRg.chi(m2Half, 1);
        Estimate full = InverseRg.chi(m2Source, 1);
        double z = Math.sqrt(half.value() / full.value());
        double rel = Math.hypot(half.error() / half.value(), full.error() / full.value());
        return new double[] {z, 0.5 * z * rel};
    }

    /** U = 1 - &lt;m^4&gt; / (3 &lt;m^2&gt;^2) with its blocked-jackknife error. */
    static Estimate binder(double[][] moments) {
        double[] m2 = moments[0];
        double[] m4 = moments[1];
        int blocks = InverseRg.BLOCKS;
        int per = m2.length / blocks;
        double s2 = 0;
        double s4 = 0;
        for (int n = 0; n < m2.length; n++) {
            s2 += m2[n];
            s4 += m4[n];
        }
        double full = u(s2 / m2.length, s4 / m2.length);
        double var = 0;
        for (int b = 0; b < blocks; b++) {
            double l2 = s2;
            double l4 = s4;
            for (int n = b * per; n < (b + 1) * per; n++) {
                l2 -= m2[n];
                l4 -= m4[n];
            }
            double d = u(l2 / (m2.length - per), l4 / (m2.length - per)) - full;
            var += d * d;
        }
        return new Estimate(full, Math.sqrt(var * (blocks - 1) / blocks), Double.NaN);
    }

    private static double u(double m2, double m4) {
        return 1 - m4 / (3 * m2 * m2);
    }

    /** {@code count} configurations of extent {@code size} at {@code theory} (as {@link #run} samples them). */
    static double[][] sample(Backend backend, int size, HomogeneousTheory theory, Config c, int count, long seed) {
        double[][] out = new double[count][];
        chain(backend, size, theory, c, seed, count, out);
        return out;
    }

    /**
     * {@code count} configurations of extent {@code size} at {@code theory}, kept in {@code keep} unless it is
     * null: Metropolis (step tuned during the {@code c.thermalize()} sweeps), overrelaxation and {@value #CLUSTERS}
     * embedded-Ising Wolff clusters per sweep, {@code c.every()} sweeps between configurations, on
     * {@code backend}. Returns m^2 and m^4 per configuration.
     */
    private static double[][] chain(Backend backend, int size, HomogeneousTheory theory, Config c, long seed,
                                    int count, double[][] keep) {
        Lattice lattice = new Lattice(2, size);
        Couplings couplings = theory.couplings(lattice);
        SplittableRandom r = new SplittableRandom(seed);
        double[] start = new double[lattice.volume()];
        for (int x = 0; x < start.length; x++) {
            start[x] = 2 * r.nextDouble() - 1;
        }
        double[][] moments = new double[2][count];
        long step = 0;
        try (DeviceCouplings dc = new DeviceCouplings(backend, couplings);
             LatticeField field = new LatticeField(backend, start)) {
            Metropolis metropolis = new Metropolis(dc, 1.0, 1);
            Update over = new Overrelaxation(dc);
            Update wolff = new WolffClusters(couplings, CLUSTERS);
            for (int s = 0; s < c.thermalize(); s++) {
                metropolis.adapt(metropolis.apply(field, seed, step++));
                over.apply(field, seed, step++);
                wolff.apply(field, seed, step++);
            }
            for (int n = 0; n < count; n++) {
                for (int s = 0; s < c.every(); s++) {
                    metropolis.apply(field, seed, step++);
                    over.apply(field, seed, step++);
                    wolff.apply(field, seed, step++);
                }
                double[] f = field.snapshot();
                record(moments, n, f);
                if (keep != null) {
                    keep[n] = f;
                }
            }
        }
        return moments;
    }
}
