package org.nnft.ensemble;

import org.nnft.engine.Backend;

/** One-call facade: sample the configured run (or shard) and estimate its correlators. */
public final class EnsembleRun {
    private EnsembleRun() {
    }

    /** Samples {@code config} on {@code backend} and returns moments, connected correlators, errors and theory. */
    public static EnsembleResult run(EnsembleConfig config, Backend backend) {
        return EnsembleResult.of(EnsembleSampler.sample(config, backend));
    }
}
