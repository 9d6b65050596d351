package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A result depends on the seed only: identical per-bin sums (bit for bit, {@code BlockMoments.equals})
 * for 1 and 2 CPU threads, for any launch chunking, and for shards merged into the one-run result.
 */
class DeterminismTest {

    private static final Architecture[] ARCHITECTURES = {
            CosNet.freeScalar(2, 1.0, 3.0, 1.0, 7),
            ShallowNetwork.scalar(Activation.ERF, 2, 5, 1.0, 0.5),
            new ShallowNetwork(Activation.RELU, 2, 2, 4, 1.0, 0.1)};

    private static EnsembleConfig config(Architecture arch) {
        double[][] pts = {{0, 0}, {0.5, -0.2}, {1, 0.7}};
        return EnsembleConfig.builder(arch, pts).maxOrder(4).networks(3_001).blockSize(64).seed(99)
                .jackknifeBins(12).build();
    }

    private static EnsembleSample sample(EnsembleConfig c, String threads) {
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("threads", threads))) {
            return EnsembleSampler.sample(c, cpu);
        }
    }

    @Test
    void threadCountAndChunkingDoNotChangeABit() {
        for (Architecture arch : ARCHITECTURES) {
            EnsembleConfig c = config(arch);
            EnsembleSample one = sample(c, "1");
            assertEquals(one.moments(), sample(c, "2").moments(), arch + ": 1 vs 2 threads");
            assertEquals(one.moments(), sample(c.withLaunchBlocks(1), "2").moments(), arch + ": 1 block per launch");
            assertEquals(one.moments(), sample(c.withLaunchBlocks(5), "1").moments(), arch + ": 5 blocks per launch");
            assertEquals(3_001, one.moments().totalCount());
            EnsembleSample otherSeed = sample(new EnsembleConfig(c.architecture(), c.points(), c.tuples(),
                    c.networks(), c.blockSize(), 100, c.jackknifeBins(), 0, 1, c.launchBlocks(), c.precision()), "1");
            assertNotEquals(one.moments(), otherSeed.moments(), arch + ": the seed must matter");
        }
    }

    /**
     * Single precision: the float fast path (ball, d = 1) and the float scalar reference (d = 2): threads, chunking
     * and shards change no bit either.
     */
    @Test
    void singlePrecisionDependsOnTheSeedOnly() {
        double[][] pts = {{0}, {0.5}, {1.5}};
        for (Architecture arch : new Architecture[]{CosNet.freeScalar(1, 1.0, 10.0, 1.0, 70), ARCHITECTURES[0]}) {
            double[][] p = arch.inputDimension() == 1 ? pts : new double[][]{{0, 0}, {0.5, -0.2}, {1, 0.7}};
            EnsembleConfig c = EnsembleConfig.builder(arch, p).maxOrder(4).networks(1_001).blockSize(32).seed(99)
                    .jackknifeBins(12).precision(Precision.SINGLE).build();
            EnsembleSample one = sample(c, "1");
            assertEquals(one.moments(), sample(c, "2").moments(), arch + ": 1 vs 2 threads");
            assertEquals(one.moments(), sample(c.withLaunchBlocks(3), "2").moments(), arch + ": 3 blocks per launch");
            List<EnsembleSample> shards = new ArrayList<>();
            for (int i = 1; i >= 0; i--) {
                shards.add(sample(c.shard(i, 2), "2"));
            }
            assertEquals(EnsembleResult.of(one).moments(), EnsembleResult.of(shards).moments(), arch + ": shards");
            assertNotEquals(one.moments(), sample(c.withPrecision(Precision.DOUBLE), "1").moments(),
                    arch + ": the precision must matter");
        }
    }

    @Test
    void shardsMergeExactlyIntoTheOneRunResult() {
        for (Architecture arch : ARCHITECTURES) {
            EnsembleConfig c = config(arch);
            EnsembleResult whole = EnsembleResult.of(sample(c, "2"));
            List<EnsembleSample> shards = new ArrayList<>();
            for (int i = 2; i >= 0; i--) {
                shards.add(sample(c.shard(i, 3), "1"));
            }
            EnsembleResult merged = EnsembleResult.of(shards);
            assertEquals(whole.moments(), merged.moments(), arch + ": merged shards");
            assertEquals(whole.provenance().networks(), merged.provenance().networks());
            assertEquals("all 3", merged.provenance().shards());
            double[] a = whole.estimates().connected();
            double[] b = merged.estimates().connected();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "connected " + i);
            }
        }
    }
}
