package org.nnft.ensemble;

import org.nnft.engine.Backend;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.ProgressListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples a run (or its shard) and estimates its correlators: the entry point of ensemble sampling.
 * {@link #sample} goes bin by bin (each jackknife bin is shard b of J of the same run, so the bins merge
 * bit for bit into the one-run sums), telling a {@link ProgressListener} the networks done after each bin
 * and checking a {@link Cancellation} before each.
 */
public final class EnsembleRun {
    private EnsembleRun() {
    }

    /** Samples {@code config} on {@code backend} in one pass and returns moments, correlators, errors and theory. */
    public static EnsembleResult run(EnsembleConfig config, Backend backend) {
        return EnsembleResult.of(EnsembleSampler.sample(config, backend));
    }

    /**
     * Samples the bins of {@code config}'s shard one at a time.
     *
     * @param progress told the networks done (of the shard's networks) after every bin; may be null
     * @param cancel   checked before every bin; when set, throws
     *                 {@link org.nnft.engine.run.RunCancelledException} and nothing is returned; may be null
     */
    public static EnsembleResult sample(EnsembleConfig config, Backend backend, ProgressListener progress,
                                        Cancellation cancel) {
        ProgressListener listener = ProgressListener.orNone(progress);
        int bins = config.jackknifeBins();
        int first = config.firstBinOfShard(config.shardIndex());
        int last = config.firstBinOfShard(config.shardIndex() + 1);
        long networks = networksOfShard(config);
        List<EnsembleSample> samples = new ArrayList<>();
        long done = 0;
        for (int b = first; b < last; b++) {
            Cancellation.check(cancel);
            samples.add(EnsembleSampler.sample(config.shard(b, bins), backend));
            done += networksOfBin(config, b);
            listener.progress(done, networks);
        }
        return EnsembleResult.of(samples);
    }

    /** Networks of the run's networks that jackknife bin {@code bin} holds. */
    public static long networksOfBin(EnsembleConfig c, int bin) {
        long from = c.firstBlockOfBin(bin) * c.blockSize();
        long to = Math.min(c.networks(), c.firstBlockOfBin(bin + 1) * c.blockSize());
        return to - from;
    }

    /** Networks of {@code config}'s shard. */
    public static long networksOfShard(EnsembleConfig config) {
        long n = 0;
        for (int b = config.firstBinOfShard(config.shardIndex()); b < config.firstBinOfShard(config.shardIndex() + 1);
             b++) {
            n += networksOfBin(config, b);
        }
        return n;
    }
}
