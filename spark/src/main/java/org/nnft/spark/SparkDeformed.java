package org.nnft.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.nnft.engine.Backend;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.Provenance;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.DeformedRun;
import org.nnft.ensemble.deform.McmcChains;
import org.nnft.ensemble.deform.McmcConfig;
import org.nnft.ensemble.deform.McmcSampler;
import org.nnft.ensemble.deform.ReweightBins;
import org.nnft.stats.BlockMoments;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Samples a deformed cos-net ensemble on a Spark cluster: shard i of k is Spark task i, which opens one backend
 * ({@link TaskBackends}) and runs its jackknife bins (reweighting, {@link ReweightBins}: per-bin sums with per-bin
 * log shifts) or its chains (MCMC, {@link McmcChains}: each chain seeded by its index in the run), and sends them to
 * the driver. The driver concatenates them in bin or chain order and computes the result as one process does: bit
 * for bit the one-process result, for any number of shards, executors or retries.
 */
public final class SparkDeformed {
    private SparkDeformed() {
    }

    /** What a task sends back: its bins (reweighting) or chains (MCMC) as plain arrays, and where it ran. */
    record Part(int shard, long[] ids, long[] counts, double[][] sums, double[] weights, double[] weightSquares,
                double[] logShifts, long[] accepted, double[] tauIntAction, double[] tauIntPhi2, String backend,
                String device, double seconds) implements Serializable {
    }

    /**
     * Runs the deformed ensemble of {@code spec} as {@code shards} Spark tasks.
     *
     * @param backend    backend name for every task ({@code cpu}, {@code cuda}, {@code opencl} or {@code auto})
     * @param gpuBackend what {@code auto} opens on a task holding a GPU
     * @param shards     k, 1 to {@link DeformedSpec#maxShards()}
     */
    public static DeformedResult run(JavaSparkContext spark, DeformedSpec spec, String backend, String gpuBackend,
                                     int shards) {
        if (shards < 1 || shards > spec.maxShards()) {
            throw new IllegalArgumentException("shards must be in [1, " + spec.maxShards() + "] (at least 2 "
                    + (spec.sampler() == DeformedRun.Sampler.MCMC ? "chains" : "jackknife bins") + " each), got "
                    + shards);
        }
        spec.deformation();
        List<Integer> indices = IntStream.range(0, shards).boxed().toList();
        List<Part> parts = spark.parallelize(indices, shards)
                .mapPartitions(it -> {
                    List<Part> out = new ArrayList<>();
                    try (Backend b = TaskBackends.open(backend, gpuBackend)) {
                        while (it.hasNext()) {
                            out.add(sampleShard(spec, it.next(), shards, b));
                        }
                    }
                    return out.iterator();
                })
                .collect();
        return merge(spec, parts, shards);
    }

    /** Shard {@code index} of {@code count} on {@code backend} (what one task does). */
    static Part sampleShard(DeformedSpec spec, int index, int count, Backend backend) {
        if (spec.sampler() == DeformedRun.Sampler.MCMC) {
            DeformedResult r = McmcSampler.shard(spec.mcmc(), index, count, backend);
            McmcChains c = r.mcmcChains();
            BlockMoments.Data d = c.moments().toData();
            return new Part(index, d.blockIds(), d.counts(), d.sums(), null, null, null, c.accepted(),
                    c.tauIntAction(), c.tauIntPhi2(), r.provenance().backend(), r.provenance().device(),
                    r.provenance().wallSeconds());
        }
        DeformedResult r = DeformedRun.reweight(spec.config().shard(index, count), spec.deformation(), backend, null,
                null);
        ReweightBins b = r.reweightBins();
        return new Part(index, b.binIds(), b.counts(), b.sums(), b.weights(), b.weightSquares(), b.logShifts(), null,
                null, null, r.provenance().backend(), r.provenance().device(), r.provenance().wallSeconds());
    }

    /** The driver's merge: every shard once, concatenated in bin or chain order, into the one-run result. */
    static DeformedResult merge(DeformedSpec spec, List<Part> collected, int shards) {
        List<Part> sorted = new ArrayList<>(collected);
        sorted.sort(Comparator.comparingInt(Part::shard));
        if (sorted.size() != shards) {
            throw new IllegalStateException("the tasks returned " + sorted.size() + " shards, the run has " + shards);
        }
        double seconds = 0;
        for (int i = 0; i < shards; i++) {
            if (sorted.get(i).shard() != i) {
                throw new IllegalStateException("shard " + i + " is missing or held twice");
            }
            seconds += sorted.get(i).seconds();
        }
        EnsembleConfig config = spec.config();
        Part first = sorted.get(0);
        Provenance provenance = new Provenance(first.backend(), first.device(), config.seed(), 0,
                config.blockSize(), "all " + shards, seconds);
        if (spec.sampler() == DeformedRun.Sampler.MCMC) {
            McmcConfig m = spec.mcmc();
            List<McmcChains> chains = new ArrayList<>();
            for (Part p : sorted) {
                BlockMoments moments = BlockMoments.fromData(new BlockMoments.Data(m.tuples().pointCount(),
                        m.tuples().toArray(), p.ids(), p.counts(), p.sums()));
                chains.add(new McmcChains(moments, p.accepted(), p.tauIntAction(), p.tauIntPhi2()));
            }
            return McmcChains.concat(chains).result(m, provenance);
        }
        List<ReweightBins> bins = new ArrayList<>();
        for (Part p : sorted) {
            bins.add(new ReweightBins(p.ids(), p.counts(), p.weights(), p.weightSquares(), p.sums(), p.logShifts()));
        }
        return DeformedResult.ofBins(config, spec.deformation(), ReweightBins.concat(bins), provenance);
    }
}
