package org.nnft.spark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.stats.CorrelatorEstimates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Spark ensemble job on {@code local[2]} equals the one-process result of the whole run bit for bit (block sums,
 * moments, connected correlators and their errors), with one shard, two, and more shards than cores.
 */
class SparkEnsembleTest {
    private static final EnsembleSpec SPEC = new EnsembleSpec("cos", 1, 20, 1, 16 * 64, 1.0, 10.0, 1.0, 1.0, 0.0,
            EnsembleSpec.defaultPoints(1), 4, 64, 16, 7);
    private static EnsembleResult oneProcess;

    @BeforeAll
    static void sampleInOneProcess() {
        try (Backend cpu = Backends.named("cpu")) {
            oneProcess = EnsembleRun.sample(SPEC.config(), cpu, null, null);
        }
    }

    static void assertBitForBit(EnsembleResult expected, EnsembleResult actual) {
        assertEquals(expected.moments(), actual.moments(), "block sums");
        assertEquals(expected.moments().totalCount(), actual.moments().totalCount());
        CorrelatorEstimates e = expected.estimates(), a = actual.estimates();
        int n = expected.tuples().size();
        for (int i = 0; i < n; i++) {
            assertArrayEquals(new double[]{e.moment(i), e.momentError(i), e.connected(i), e.connectedError(i)},
                    new double[]{a.moment(i), a.momentError(i), a.connected(i), a.connectedError(i)}, 0.0,
                    "tuple " + i);
        }
    }

    @Test
    void equalsTheOneProcessResultBitForBit() {
        for (int shards : new int[]{1, 2, 16}) {
            EnsembleResult r = SparkEnsemble.run(SparkTestSession.context(), SPEC, "cpu", "cuda", shards);
            assertBitForBit(oneProcess, r);
            assertEquals("all 16", r.provenance().shards());
        }
    }

    @Test
    void autoRunsOnTheCpuWithoutAGpuAndALambdaIsASource() {
        EnsembleSource source = () -> EnsembleConfig.builder(SPEC.architecture(), SPEC.points()).maxOrder(4)
                .networks(16 * 64).blockSize(64).seed(7).jackknifeBins(16).build();
        EnsembleResult r = SparkEnsemble.run(SparkTestSession.context(), source, "auto", "cuda", 5);
        assertBitForBit(oneProcess, r);
        assertEquals("cpu", r.provenance().backend());
    }

    @Test
    void refusesMoreShardsThanBins() {
        assertThrows(IllegalArgumentException.class,
                () -> SparkEnsemble.run(SparkTestSession.context(), SPEC, "cpu", "cuda", 17));
    }
}
