package org.nnft.spark;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.run.LatticeRun;
import org.nnft.stats.GammaMethod;
import org.nnft.stats.GammaResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lattice replicas as Spark tasks on {@code local[2]}: every replica's chain and estimates equal a direct run of its
 * spec; the replicas combine in the multi-replica Gamma method (one replica: the replica's own Gamma analysis);
 * the Binder crossing of a small scan.
 */
class SparkLatticeTest {
    private static final LatticeSpec BASE = LatticeSpec.of("L=4 mu2=-1",
            LatticeRun.Config.builder(2, 4, HomogeneousTheory.fromMassAndLambda(2, -1.0, 1.0)).sweeps(200)
                    .thermalize(20).seed(11).build());

    @Test
    void replicasEqualDirectRunsAndCombine() {
        List<LatticeSpec> specs = SparkLattice.replicas(BASE, 3);
        List<ReplicaResult> results = SparkLattice.run(SparkTestSession.context(), specs, "cpu", "cuda");
        assertEquals(3, results.size());
        try (Backend cpu = Backends.named("cpu")) {
            for (int r = 0; r < specs.size(); r++) {
                LatticeRun.Result direct = LatticeRun.run(specs.get(r).config(), cpu, LatticeRun.Options.NONE);
                ReplicaResult viaSpark = results.get(r);
                assertEquals(specs.get(r), viaSpark.spec());
                assertEquals(direct.series().names(), viaSpark.names());
                assertArrayEquals(direct.series().rows(), viaSpark.rows(), "replica " + r + " chain");
                for (Map.Entry<String, Estimate> e : direct.observables().entrySet()) {
                    assertEquals(e.getValue(), viaSpark.observables().get(e.getKey()), e.getKey());
                }
            }
        }
        GammaResult one = SparkLattice.combined(results.subList(0, 1), "m2");
        GammaResult own = GammaMethod.analyze(results.get(0).column("m2"));
        assertEquals(own.mean(), one.mean(), 0.0);
        assertEquals(own.error(), one.error(), 0.0);
        GammaResult all = SparkLattice.combined(results, "m2");
        assertEquals(600, all.sampleCount());
        assertTrue(all.error() < one.error(), "three replicas beat one: " + all.error() + " vs " + one.error());
        GammaResult u4 = SparkLattice.binder(results);
        assertTrue(u4.mean() > 0 && u4.mean() < 2.0 / 3 + 1e-9, "U4 in (0, 2/3]: " + u4.mean());
    }

    @Test
    void aScanGroupsByLabelAndFindsTheCrossing() {
        List<LatticeSpec> specs = new ArrayList<>();
        for (double mu2 : new double[]{-1.0, -0.5}) {
            for (int size : new int[]{4, 6}) {
                LatticeSpec point = LatticeSpec.of("L=" + size + " mu2=" + mu2, LatticeRun.Config.builder(2, size,
                        HomogeneousTheory.fromMassAndLambda(2, mu2, 1.0)).sweeps(60).thermalize(10).seed(3).build());
                specs.addAll(SparkLattice.replicas(point, 2));
            }
        }
        Map<String, List<ReplicaResult>> groups = SparkLattice.byLabel(
                SparkLattice.run(SparkTestSession.context(), specs, "auto", "cuda"));
        assertEquals(List.of("L=4 mu2=-1.0", "L=6 mu2=-1.0", "L=4 mu2=-0.5", "L=6 mu2=-0.5"),
                List.copyOf(groups.keySet()));
        groups.values().forEach(g -> assertEquals(120, SparkLattice.binder(g).sampleCount()));
        assertEquals(0.25, SparkLattice.crossing(new double[]{0, 1}, new double[]{0, 1}, new double[]{0.25, 0.25}),
                1e-15);
        assertTrue(Double.isNaN(SparkLattice.crossing(new double[]{0, 1}, new double[]{0, 1}, new double[]{2, 2})));
    }
}
