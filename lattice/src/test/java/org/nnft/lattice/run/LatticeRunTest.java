package org.nnft.lattice.run;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.RunCancelledException;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.support.FreeField;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * The facade on the free field: phi2, chi, <S>/V, Binder (Gaussian: U4 = 0), the time-slice correlator and
 * its effective mass against exact values; progress reports and cancellation between chain segments.
 */
class LatticeRunTest {
    private static LatticeRun.Result run(LatticeRun.Config c) {
        try (Backend cpu = Backends.named("cpu")) {
            return LatticeRun.run(c, cpu, LatticeRun.Options.NONE);
        }
    }

    @Test
    void builderHasTheCommandLineDefaults() {
        HomogeneousTheory free = new HomogeneousTheory(1.0, 2.25, 0.0);
        LatticeRun.Config c = LatticeRun.Config.builder(2, 8, free).build();
        assertEquals(new LatticeRun.Config(2, 8, free, LatticeRun.ScheduleSpec.parse("metropolis+overrelax+wolff:2"),
                2000, 200, 1, 1), c);
        assertEquals(7, LatticeRun.Config.builder(2, 8, free).seed(7).sweeps(10).build().seed());
        assertThrows(IllegalArgumentException.class, () -> LatticeRun.Config.builder(2, 8, free).sweeps(0).build());
    }

    @Test
    void reportsTheSweepsDoneOfAllSweeps() {
        HomogeneousTheory free = new HomogeneousTheory(1.0, 2.25, 0.0);
        List<long[]> reports = new ArrayList<>();
        try (Backend cpu = Backends.named("cpu")) {
            LatticeRun.run(new LatticeRun.Config(2, 8, free, LatticeRun.ScheduleSpec.parse("metropolis"), 40, 10, 1, 3),
                    cpu, new LatticeRun.Options(null, 0, null, (done, total) -> reports.add(new long[]{done, total})));
        }
        assertEquals(5, reports.size());
        assertEquals(10, reports.get(0)[0]);
        assertEquals(50, reports.get(4)[0]);
        reports.forEach(r -> assertEquals(50, r[1]));
    }

    @Test
    void cancellationStopsTheChainBetweenSegments() {
        HomogeneousTheory free = new HomogeneousTheory(1.0, 2.25, 0.0);
        Cancellation cancel = new Cancellation();
        long[] last = {0};
        try (Backend cpu = Backends.named("cpu")) {
            assertThrows(RunCancelledException.class, () -> LatticeRun.run(new LatticeRun.Config(2, 8, free,
                    LatticeRun.ScheduleSpec.parse("metropolis"), 1000, 0, 1, 3), cpu,
                    new LatticeRun.Options(null, 0, null, (done, total) -> {
                        last[0] = done;
                        if (done >= 20) {
                            cancel.cancel();
                        }
                    }, cancel)));
        }
        assertEquals(20, last[0]);
    }

    @Test
    void freeFieldObservables() {
        HomogeneousTheory free = new HomogeneousTheory(1.0, 2.25, 0.0);
        var result = run(new LatticeRun.Config(2, 8, free, new LatticeRun.ScheduleSpec(1, 0, 1, 2),
                3200, 200, 1, 13));
        var r = result.observables();
        FreeField exact = new FreeField(new Lattice(2, 8), 1.0, 2.25);
        assertEquals(8, r.size());
        assertAgrees("phi2", r.get("phi2"), exact.phi2(), 5, 0);
        assertAgrees("chi", r.get("chi"), 64 * exact.m2(), 5, 0);
        assertAgrees("actionDensity", r.get("actionDensity"), 0.5, 5, 0);
        assertAgrees("binder (Gaussian m)", r.get("binder"), 0.0, 5, 0);
        assertEquals(5, result.correlator().size());
        assertEquals(4, result.effectiveMass().size());
        for (int t = 0; t <= 4; t++) {
            assertAgrees("C(" + t + ")", result.correlator().get(t), exact.correlator(t), 5, 0);
        }
        assertAgrees("m_eff(1)", result.effectiveMass().get(0), exact.effectiveMass(), 5, 0);
    }

    @Test
    void swendsenWangScheduleRuns() {
        HomogeneousTheory free = new HomogeneousTheory(1.0, 2.25, 0.0);
        var r = run(new LatticeRun.Config(2, 8, free, LatticeRun.ScheduleSpec.parse("metropolis+sw"),
                3200, 200, 1, 17)).observables();
        FreeField exact = new FreeField(new Lattice(2, 8), 1.0, 2.25);
        assertAgrees("phi2", r.get("phi2"), exact.phi2(), 5, 0);
        assertAgrees("chi", r.get("chi"), 64 * exact.m2(), 5, 0);
    }
}
