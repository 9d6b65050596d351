package org.nnft.ensemble.deform;

import org.nnft.engine.Backend;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.ProgressListener;
import org.nnft.engine.run.RunCancelledException;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.ensemble.arch.CosNet;

import java.io.Serializable;
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
    public record Chains(int chains, int thermalize, int sweeps) implements Serializable {
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
        return mcmc(config, deformation, chains, 0, 1, backend, progress, cancel);
    }

    /**
     * Runs shard {@code shardIndex} of {@code shardCount} of the {@code chains} ({@link McmcSampler#shard}; the
     * chains of all shards merge into the one-process run bit for bit with {@link McmcChains#concat}).
     */
    public static DeformedResult mcmc(EnsembleConfig config, Deformation deformation, Chains chains, int shardIndex,
                                      int shardCount, Backend backend, ProgressListener progress,
                                      Cancellation cancel) {
        McmcConfig m = mcmcConfig(config, deformation, chains);
        int first = m.firstChainOfShard(shardIndex, shardCount);
        long total = (long) (m.firstChainOfShard(shardIndex + 1, shardCount) - first) * chains.sweeps();
        return step(total, progress, cancel, () -> McmcSampler.shard(m, shardIndex, shardCount, backend));
    }

    /** The chain run of {@code config}'s cos-net, points, tuple order and seed. */
    public static McmcConfig mcmcConfig(EnsembleConfig config, Deformation deformation, Chains chains) {
        if (!(config.architecture() instanceof CosNet net)) {
            throw new IllegalArgumentException("config: deformed ensembles need a cos-net architecture, got "
                    + config.architecture());
        }
        return McmcConfig.of(net, config.points(), config.tuples().maxOrder(), deformation, chains.chains(),
                chains.thermalize(), chains.sweeps(), config.seed()).withPrecision(config.precision());
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
}
