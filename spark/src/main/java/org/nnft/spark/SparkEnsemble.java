package org.nnft.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.nnft.engine.Backend;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.Provenance;
import org.nnft.stats.BlockMoments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Samples an ensemble on a Spark cluster: shard i of k (its jackknife bins, {@link EnsembleConfig#firstBinOfShard})
 * is Spark task i, which opens one backend ({@link TaskBackends}), samples its bins one by one exactly as
 * {@link org.nnft.ensemble.EnsembleRun#sample} does, and sends each bin's block sums to the driver. The driver
 * merges the bins in bin order with {@link EnsembleResult#of}: the result equals the one-process result of the
 * whole run bit for bit (block sums and estimates), for any number of shards, executors or retries (a retried task
 * recomputes the same bins, since random numbers depend only on seed, stream and index).
 */
public final class SparkEnsemble {
    private SparkEnsemble() {
    }

    /**
     * Runs the whole ensemble of {@code source} as {@code shards} Spark tasks.
     *
     * @param backend    backend name for every task ({@code cpu}, {@code cuda}, {@code opencl} or {@code auto})
     * @param gpuBackend what {@code auto} opens on a task holding a GPU
     * @param shards     k, the number of tasks, 1 to the number of jackknife bins
     */
    public static EnsembleResult run(JavaSparkContext spark, EnsembleSource source, String backend, String gpuBackend,
                                     int shards) {
        EnsembleConfig config = source.config();
        int bins = config.jackknifeBins();
        if (shards < 1 || shards > bins) {
            throw new IllegalArgumentException("shards must be in [1, " + bins + "] (the jackknife bins), got "
                    + shards);
        }
        List<Integer> indices = IntStream.range(0, shards).boxed().toList();
        List<BinSums> collected = spark.parallelize(indices, shards)
                .mapPartitions(it -> {
                    List<BinSums> out = new ArrayList<>();
                    EnsembleConfig run = source.config();
                    try (Backend b = TaskBackends.open(backend, gpuBackend)) {
                        while (it.hasNext()) {
                            out.addAll(sampleShard(run.shard(it.next(), shards), b));
                        }
                    }
                    return out.iterator();
                })
                .collect();
        return merge(config, collected);
    }

    /** Samples the bins of {@code shard} one by one on {@code backend} (what one task does). */
    static List<BinSums> sampleShard(EnsembleConfig shard, Backend backend) {
        int bins = shard.jackknifeBins();
        List<BinSums> out = new ArrayList<>();
        for (int b = shard.firstBinOfShard(shard.shardIndex()); b < shard.firstBinOfShard(shard.shardIndex() + 1);
             b++) {
            EnsembleSample s = EnsembleSampler.sample(shard.shard(b, bins), backend);
            BlockMoments.Data d = s.moments().toData();
            out.add(new BinSums(b, d.blockIds(), d.counts(), d.sums(), s.provenance().backend(),
                    s.provenance().device(), s.provenance().wallSeconds()));
        }
        return out;
    }

    /** The driver's merge: every bin of the run once, in bin order, into the one-run result. */
    static EnsembleResult merge(EnsembleConfig config, List<BinSums> collected) {
        int bins = config.jackknifeBins();
        List<BinSums> sorted = new ArrayList<>(collected);
        sorted.sort(Comparator.comparingInt(BinSums::bin));
        if (sorted.size() != bins) {
            throw new IllegalStateException("the tasks returned " + sorted.size() + " bins, the run has " + bins);
        }
        int pointCount = config.tuples().pointCount();
        int[][] tuples = config.tuples().toArray();
        List<EnsembleSample> samples = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            BinSums s = sorted.get(i);
            if (s.bin() != i) {
                throw new IllegalStateException("bin " + i + " is missing or held twice");
            }
            EnsembleConfig bin = config.shard(i, bins);
            BlockMoments moments = BlockMoments.fromData(new BlockMoments.Data(pointCount, tuples, s.blockIds(),
                    s.counts(), s.sums()));
            samples.add(new EnsembleSample(bin, moments, new Provenance(s.backend(), s.device(), config.seed(),
                    moments.totalCount(), config.blockSize(), i + "/" + bins, s.seconds())));
        }
        return EnsembleResult.of(samples);
    }
}
