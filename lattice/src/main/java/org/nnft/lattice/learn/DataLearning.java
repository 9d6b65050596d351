package org.nnft.lattice.learn;

import org.nnft.engine.Backend;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Learning a lattice field theory from data (forward KL, maximum likelihood; docs/physics.md B.4, docs/learn.md
 * L.6): the inhomogeneous action {@code S(w_ij, a_i, b_i)} is fitted to configurations by
 * {@link MaximumLikelihoodTrainer}, then new configurations are drawn from the learned S. The start is
 * decoupled, {@code w = 0}, {@code a = 1/(2 <phi^2>_data)} (the Gaussian fit of a single site) and
 * {@code b = startQuartic} on every site. One persistent {@link ModelSampler} chain serves training and the new
 * samples. The check of the fit: the data's phi2, absM and m2 ({@link TargetReweighting#OBSERVABLES}) against
 * the same under the learned S. A single configuration (one image, the seed's "case of an image") is allowed;
 * its moments then have no error (NaN).
 */
public final class DataLearning {
    /**
     * @param lattice      the lattice of the configurations
     * @param data         the configurations, each of V values
     * @param training     the training schedule
     * @param startQuartic b of the start couplings (> 0)
     * @param newSamples   configurations drawn from the learned S
     * @param every        sweeps between them
     * @param seed         seed of the chain
     */
    public record Config(Lattice lattice, double[][] data, TrainingSettings training, double startQuartic,
                         int newSamples, int every, long seed) {
        public Config {
            Objects.requireNonNull(lattice, "lattice");
            Objects.requireNonNull(training, "training");
            if (lattice.size() % 2 != 0) {
                throw new IllegalArgumentException("the lattice extent must be even, got " + lattice.size());
            }
            if (data.length < 1) {
                throw new IllegalArgumentException("need at least one data configuration");
            }
            for (double[] row : data) {
                if (row.length != lattice.volume()) {
                    throw new IllegalArgumentException("data configurations must have " + lattice.volume()
                            + " values, got " + row.length);
                }
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("data must be finite, got " + v);
                    }
                }
            }
            if (!(startQuartic > 0) || !Double.isFinite(startQuartic)) {
                throw new IllegalArgumentException("start quartic coupling must be positive, got " + startQuartic);
            }
            if (newSamples < 2 || every < 1) {
                throw new IllegalArgumentException("need new samples >= 2 and every >= 1, got " + newSamples + ", "
                        + every);
            }
        }
    }

    /** The data's and the learned model's value of one observable. */
    public record Comparison(Estimate data, Estimate model) {
    }

    /**
     * @param history   theta after every step
     * @param learned   the learned couplings
     * @param w         spread of the learned link weights, likewise a and b
     * @param moments   data against model for each observable
     * @param samples   the new configurations
     */
    public record Result(List<double[]> history, Couplings learned, TargetLearning.Spread w,
                         TargetLearning.Spread a, TargetLearning.Spread b, Map<String, Comparison> moments,
                         double[][] samples) {
    }

    private DataLearning() {
    }

    /** The decoupled start of {@code c}. */
    public static Couplings start(Config c) {
        double p2 = 0;
        for (double[] row : c.data()) {
            for (double v : row) {
                p2 += v * v;
            }
        }
        p2 /= (double) c.data().length * c.lattice().volume();
        if (!(p2 > 0)) {
            throw new IllegalArgumentException("the data are all zero");
        }
        Lattice l = c.lattice();
        double[] a = new double[l.volume()];
        double[] b = new double[l.volume()];
        Arrays.fill(a, 1 / (2 * p2));
        Arrays.fill(b, c.startQuartic());
        return new Couplings(l, new double[l.links()], a, b);
    }

    /** Trains and samples; {@code progress} hears finished training steps, then one more when sampling is done. */
    public static Result run(Config c, Backend backend, LongConsumer progress) {
        try (ModelSampler sampler = new ModelSampler(backend, c.lattice(), c.seed())) {
            TrainingSettings s = c.training();
            List<double[]> history = MaximumLikelihoodTrainer.train(sampler, start(c), c.data(), s, progress::accept);
            Couplings couplings = CouplingParameters.fromVector(c.lattice(), history.getLast());
            double[][] samples = sampler.sample(couplings, s.thermalize(), c.newSamples(), c.every());
            progress.accept(s.steps() + 1L);
            double[][] d = TargetReweighting.series(c.data());
            double[][] m = TargetReweighting.series(samples);
            Map<String, Comparison> moments = new LinkedHashMap<>();
            for (int i = 0; i < d.length; i++) {
                moments.put(TargetReweighting.OBSERVABLES.get(i),
                        new Comparison(RbmLearning.estimate(d[i]), ErrorAnalysis.mean(m[i])));
            }
            return new Result(history, couplings, TargetLearning.Spread.of(couplings.linkWeights()),
                    TargetLearning.Spread.of(couplings.quadratic()), TargetLearning.Spread.of(couplings.quartic()),
                    moments, samples);
        }
    }
}
