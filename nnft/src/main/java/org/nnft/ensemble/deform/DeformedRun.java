package org.nnft.ensemble.deform;

import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.ProgressListener;
import org.nnft.engine.run.RunCancelledException;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.ensemble.arch.CosNet;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Samples a deformed cos-net ensemble (docs/physics.md A.3) over the architecture, points, tuple order and seed of
 * an {@link EnsembleConfig}: by reweighting the free ensemble ({@link ReweightSampler}) or by parameter-space
 * Markov chains ({@link McmcSampler}). Each sampler runs as one step: the listener hears 0 before and the whole
 * run after it; the cancellation is checked before it and after it (a run cancelled meanwhile returns nothing).
 */
public final class DeformedRun {
    /** The sampler of a deformed ensemble. */
    public enum Sampler {
        /** Free networks with importance weights exp(-S_int). */
        REWEIGHT,
        /** Parameter-space Metropolis chains. */
        MCMC;

        /** The sampler named {@code reweight} or {@code mcmc} (any case). */
        public static Sampler named(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "reweight" -> REWEIGHT;
                case "mcmc" -> MCMC;
                default -> throw new IllegalArgumentException("sampler must be reweight or mcmc, got '" + name + "'");
            };
        }

        /** The lower-case name, as in result files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The chains of the MCMC sampler.
     *
     * @param chains     independent chains (the jackknife blocks)
     * @param thermalize discarded sweeps per chain
     * @param sweeps     measured sweeps per chain
     */
    public record Chains(int chains, int thermalize, int sweeps) {
        /** 64 chains, 100 thermalisation sweeps, 1000 measured sweeps. */
        public static final Chains DEFAULTS = new Chains(64, 100, 1000);
    }

    private DeformedRun() {
    }

    /** Reweights {@code config}'s free ensemble by {@code deformation}. */
    public static DeformedResult reweight(EnsembleConfig config, Deformation deformation, Backend backend,
                                          ProgressListener progress, Cancellation cancel) {
        long total = EnsembleRun.networksOfShard(config);
        return step(total, progress, cancel, () -> ReweightSampler.sample(config, deformation, backend).result());
    }

    /**
     * Runs {@code chains} over the deformed ensemble of {@code config}'s cos-net, measuring at its points all
     * tuples up to its tuple order, with its seed.
     */
    public static DeformedResult mcmc(EnsembleConfig config, Deformation deformation, Chains chains, Backend backend,
                                      ProgressListener progress, Cancellation cancel) {
        if (!(config.architecture() instanceof CosNet net)) {
            throw new IllegalArgumentException("config: deformed ensembles need a cos-net architecture, got "
                    + config.architecture());
        }
        requireDouble(config);
        McmcConfig m = McmcConfig.of(net, config.points(), config.tuples().maxOrder(), deformation, chains.chains(),
                chains.thermalize(), chains.sweeps(), config.seed());
        long total = (long) chains.chains() * chains.sweeps();
        return step(total, progress, cancel, () -> McmcSampler.sample(m, backend));
    }

    private static DeformedResult step(long total, ProgressListener progress, Cancellation cancel,
                                       Supplier<DeformedResult> sampler) {
        ProgressListener listener = ProgressListener.orNone(progress);
        Cancellation.check(cancel);
        listener.progress(0, total);
        DeformedResult result = sampler.get();
        if (cancel != null && cancel.isCancelled()) {
            throw new RunCancelledException();
        }
        listener.progress(total, total);
        return result;
    }

    /** Deformed ensembles have no single-precision kernels yet: a single-precision config is refused, not run. */
    static void requireDouble(EnsembleConfig config) {
        if (config.precision() != Precision.DOUBLE) {
            throw new IllegalArgumentException("precision: deformed ensembles run in double precision only, got "
                    + config.precision().label());
        }
    }
}
