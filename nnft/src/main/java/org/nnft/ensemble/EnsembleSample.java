package org.nnft.ensemble;

import org.nnft.stats.BlockMoments;

/**
 * The raw output of sampling one shard: per-jackknife-bin tuple sums (bin ids are global, so
 * shards merge exactly) plus provenance. Feed one or several to {@link EnsembleResult#of}.
 *
 * @param config     the shard's configuration
 * @param moments    per-bin sums; bin id = global jackknife bin index
 * @param provenance backend, device, seed, networks and wall time of this shard
 */
public record EnsembleSample(EnsembleConfig config, BlockMoments moments, Provenance provenance) {
}
