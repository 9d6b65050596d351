package org.nnft.lattice.learn;

import org.nnft.engine.Backend;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;

import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Learning a lattice field theory without data, end to end (docs/learn.md): reverse-KL training of the
 * inhomogeneous nearest-neighbour action {@code S(w_ij, a_i, b_i)} towards the target
 * {@code A_4 = -kappa sum_<ij> phi_i phi_j - g sum_<<ij>> phi_i phi_j + a sum phi^2 + b sum phi^4}
 * ({@link ReverseKlTrainer}; g = 0 is the seed's A, which S represents exactly), then samples of the trained S
 * and the three reweighting steps of {@link TargetReweighting}: to {@code A_4} itself, along g' and to the complex
 * mass term {@code A_4 + i h sum phi^2}. Where b = 0 the exact Gaussian results ({@link ComplexFreeField}) come
 * along for comparison.
 *
 * <p>The start couplings are the target's nearest-neighbour couplings, each multiplied by {@code 1 + s (2u - 1)}
 * with u uniform from the seed (stream family {@link #START_SEED_SALT}, apart from the chain's streams) and s the
 * start spread, so a start spread below 1 keeps every b_x of the same sign as b (a Gaussian target, b = 0, needs
 * s = 0). One persistent
 * {@link ModelSampler} chain serves training and the final samples.
 */
public final class TargetLearning {
    /** Mixed into the seed for the random start couplings. */
    public static final long START_SEED_SALT = 0x5EED_0C0F_F1E5L;

    /**
     * @param lattice         the lattice (2D in the seed)
     * @param target          nearest-neighbour part of the target (kappa, a, b)
     * @param gnnn            next-nearest-neighbour coupling g of the training target
     * @param training        the training schedule (steps, samples, optimiser)
     * @param startSpread     relative spread s in [0, 1) of the random start couplings
     * @param samples         configurations of the trained S for reweighting
     * @param every           sweeps between them
     * @param gPrimes         the g' values of the extrapolation curve
     * @param imaginaryMass   h of {@code A_5 = A_4 + i h sum phi^2}
     * @param seed            seed of the start couplings and of the chain
     */
    public record Config(Lattice lattice, HomogeneousTheory target, double gnnn, TrainingSettings training,
                         double startSpread, int samples, int every, double[] gPrimes, double imaginaryMass,
                         long seed) {
        public Config {
            Objects.requireNonNull(lattice, "lattice");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(training, "training");
            if (lattice.size() % 2 != 0) {
                throw new IllegalArgumentException("the lattice extent must be even, got " + lattice.size());
            }
            requireFinite("gnnn", gnnn);
            requireFinite("imaginary mass", imaginaryMass);
            if (!(startSpread >= 0 && startSpread < 1)) {
                throw new IllegalArgumentException("start spread must be in [0, 1), got " + startSpread);
            }
            if (samples < 2 || every < 1) {
                throw new IllegalArgumentException("need samples >= 2 and every >= 1, got " + samples + ", " + every);
            }
            if (!(target.b() >= 0)) {
                throw new IllegalArgumentException("b must be >= 0 (normalisable), got " + target.b());
            }
            if (target.b() == 0 && startSpread != 0) {
                throw new IllegalArgumentException("a Gaussian target (b = 0) needs start spread 0: S starts at the"
                        + " target, since random starts let training drive b_x negative");
            }
            gPrimes = gPrimes.clone();
            for (double g : gPrimes) {
                requireFinite("g'", g);
            }
        }

        /** The training target {@code A_4} with diagonal weights g. */
        public Couplings targetCouplings() {
            return TargetReweighting.withNextNearest(target.couplings(lattice), gnnn);
        }
    }

    /** Mean, standard deviation, minimum and maximum of one kind of coupling over the lattice. */
    public record Spread(double mean, double spread, double min, double max) {
        public static Spread of(double[] v) {
            double s = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                s += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = s / v.length;
            double s2 = 0;
            for (double x : v) {
                s2 += (x - mean) * (x - mean);
            }
            return new Spread(mean, Math.sqrt(s2 / v.length), min, max);
        }
    }

    /**
     * @param history     {@code <A_4 - S>} and theta per training step
     * @param learned     the trained couplings S
     * @param w           spread of the learned link weights, likewise {@code a} and {@code b}
     * @param correction  reweighting step 1, to {@code A_4}
     * @param curve       step 2, along g'
     * @param complexMass step 3, to {@code A_5}
     * @param exact       exact Gaussian results where b = 0 (else null)
     */
    public record Result(List<ReverseKlTrainer.Step> history, Couplings learned, Spread w, Spread a, Spread b,
                         TargetReweighting.Correction correction, TargetReweighting.Curve curve,
                         TargetReweighting.ComplexMass complexMass, ComplexFreeField exact) {
    }

    private TargetLearning() {
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }

    /** The random start couplings of {@code c}. */
    public static Couplings start(Config c) {
        double[] theta = CouplingParameters.toVector(c.target().couplings(c.lattice()));
        long seed = c.seed() ^ START_SEED_SALT;
        for (int k = 0; k < theta.length; k++) {
            theta[k] *= 1 + c.startSpread() * (2 * RandomStreams.uniformDouble(seed, 0, k) - 1);
        }
        return CouplingParameters.fromVector(c.lattice(), theta);
    }

    /**
     * Trains and reweights; {@code progress} hears the number of finished units, out of
     * {@link #progressUnits}: one per training step and one per 1000 final samples.
     */
    public static Result run(Config c, Backend backend, LongConsumer progress) {
        Couplings target = c.targetCouplings();
        Phi4Action targetAction = new Phi4Action(target);
        int steps = c.training().steps();
        try (ModelSampler sampler = new ModelSampler(backend, c.lattice(), c.seed())) {
            List<ReverseKlTrainer.Step> history = ReverseKlTrainer.train(sampler, start(c), targetAction,
                    c.training(), progress::accept);
            Couplings learned = CouplingParameters.fromVector(c.lattice(), history.getLast().theta());
            double[][] samples = new double[c.samples()][];
            int done = 0;
            int thermalize = c.training().thermalize();
            while (done < c.samples()) {
                int n = Math.min(1000, c.samples() - done);
                double[][] part = sampler.sample(learned, done == 0 ? thermalize : 0, n, c.every());
                System.arraycopy(part, 0, samples, done, n);
                done += n;
                progress.accept(steps + (done + 999) / 1000);
            }
            Phi4Action model = new Phi4Action(learned);
            ComplexFreeField exact = c.target().b() == 0
                    ? new ComplexFreeField(c.lattice(), c.target().kappa(), c.gnnn(), c.target().a()) : null;
            return new Result(history, learned, Spread.of(learned.linkWeights()), Spread.of(learned.quadratic()),
                    Spread.of(learned.quartic()), TargetReweighting.correction(model, targetAction, samples),
                    TargetReweighting.curve(model, target, c.gPrimes(), samples),
                    TargetReweighting.complexMass(model, targetAction, c.imaginaryMass(), samples), exact);
        }
    }

    /** Total progress units of {@link #run}. */
    public static long progressUnits(Config c) {
        return c.training().steps() + (c.samples() + 999L) / 1000;
    }
}
