package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.RunCancelledException;
import org.nnft.ensemble.arch.CosNet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EnsembleRun#sample}: bin by bin it gives bit for bit the one-pass sums, tells the listener the networks
 * done after every bin, and a cancellation stops it between bins without a result; the Wick-theorem moment theory.
 */
class EnsembleRunTest {
    private static EnsembleConfig config() {
        return EnsembleConfig.builder(CosNet.freeScalar(1, 1.0, 10.0, 1.0, 20), new double[][]{{0}, {0.5}})
                .maxOrder(4).networks(10_000).blockSize(64).jackknifeBins(8).seed(5).build();
    }

    @Test
    void binByBinEqualsOnePassAndReportsEveryBin() {
        EnsembleConfig c = config();
        List<long[]> reports = new ArrayList<>();
        EnsembleResult binned;
        EnsembleResult onePass;
        try (Backend cpu = EnsembleTesting.cpu()) {
            binned = EnsembleRun.sample(c, cpu, (done, total) -> reports.add(new long[]{done, total}), null);
            onePass = EnsembleRun.run(c, cpu);
        }
        assertArrayEquals(onePass.moments().toData().sums(), binned.moments().toData().sums());
        assertEquals(8, reports.size());
        long previous = 0;
        for (long[] r : reports) {
            assertEquals(10_000, r[1]);
            assertTrue(r[0] > previous, "done must grow");
            previous = r[0];
        }
        assertEquals(10_000, previous);
    }

    @Test
    void reportsTheNetworksOfItsShard() {
        EnsembleConfig c = config().shard(1, 2);
        long[] last = {0, 0};
        try (Backend cpu = EnsembleTesting.cpu()) {
            EnsembleRun.sample(c, cpu, (done, total) -> {
                last[0] = done;
                last[1] = total;
            }, null);
        }
        assertEquals(EnsembleRun.networksOfShard(c), last[0]);
        assertEquals(last[0], last[1]);
        assertEquals(10_000, EnsembleRun.networksOfShard(config().shard(0, 2)) + last[0]);
    }

    @Test
    void cancellationStopsBetweenBinsWithoutAResult() {
        Cancellation cancel = new Cancellation();
        int[] bins = {0};
        try (Backend cpu = EnsembleTesting.cpu()) {
            assertThrows(RunCancelledException.class, () -> EnsembleRun.sample(config(), cpu, (done, total) -> {
                bins[0]++;
                if (bins[0] == 3) {
                    cancel.cancel();
                }
            }, cancel));
        }
        assertEquals(3, bins[0], "no bin is sampled after the cancellation");
        Cancellation before = new Cancellation();
        before.cancel();
        try (Backend cpu = EnsembleTesting.cpu()) {
            assertThrows(RunCancelledException.class, () -> EnsembleRun.sample(config(), cpu, null, before));
        }
    }

    @Test
    void momentTheoryIsWicksTheoremOverTheConnectedParts() {
        EnsembleResult r;
        try (Backend cpu = EnsembleTesting.cpu()) {
            r = EnsembleRun.run(config(), cpu);
        }
        int i0011 = r.tuples().requireIndexOf(0, 0, 1, 1);
        double g00 = r.theory(r.tuples().requireIndexOf(0, 0));
        double g01 = r.theory(r.tuples().requireIndexOf(0, 1));
        double g11 = r.theory(r.tuples().requireIndexOf(1, 1));
        assertEquals(r.theory(i0011) + g00 * g11 + 2 * g01 * g01, r.momentTheory(i0011), 1e-15);
        assertEquals(g01, r.momentTheory(r.tuples().requireIndexOf(0, 1)));
        assertEquals(0.0, r.momentTheory(r.tuples().requireIndexOf(0, 0, 1)));
    }
}
