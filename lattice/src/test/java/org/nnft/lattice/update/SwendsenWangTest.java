package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.run.LatticeRun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swendsen-Wang mechanics: limits of the bond probability (every aligned bond active: the whole lattice is one
 * cluster; no bond active: independent sites), magnitudes kept, determinism in (seed, step), schedule token.
 * Stationarity and agreement with the other algorithms: TwoSiteStationarityTest, InteractingIdentitiesTest,
 * IsingLimitTest.
 */
class SwendsenWangTest {
    private static final Lattice LATTICE = new Lattice(2, 8);

    private static double[] field(long stream) {
        double[] phi = new double[LATTICE.volume()];
        for (int x = 0; x < phi.length; x++) {
            phi[x] = org.nnft.engine.random.RandomStreams.normal(5, stream, x);
        }
        return phi;
    }

    @Test
    void strongCouplingFlipsTheAlignedLatticeAsOneCluster() {
        // kappa = 40, |phi| = 1: bond probability 1 - exp(-80) = 1 in double precision
        SwendsenWang sw = new SwendsenWang(Couplings.homogeneous(LATTICE, 40, 0, 0));
        double[] ones = new double[LATTICE.volume()];
        java.util.Arrays.fill(ones, 1.0);
        int flips = 0;
        try (Backend b = Backends.named("cpu"); LatticeField f = new LatticeField(b, ones)) {
            for (long step = 0; step < 40; step++) {
                double before = f.host()[0];
                double acc = sw.apply(f, 3, step);
                assertTrue(acc == 0 || acc == 1, "all or nothing, got " + acc);
                for (double v : f.host()) {
                    assertEquals(acc == 1 ? -before : before, v);
                }
                flips += (int) acc;
            }
        }
        assertTrue(flips > 8 && flips < 32, "about half of 40 steps flip: " + flips);
    }

    @Test
    void zeroCouplingFlipsSitesIndependentlyAndKeepsMagnitudes() {
        SwendsenWang sw = new SwendsenWang(Couplings.homogeneous(LATTICE, 0, 1, 0));
        double[] start = field(1);
        try (Backend b = Backends.named("cpu"); LatticeField f = new LatticeField(b, start)) {
            double acc = sw.apply(f, 3, 0);
            double[] after = f.host();
            int flipped = 0;
            for (int x = 0; x < start.length; x++) {
                assertEquals(Math.abs(start[x]), Math.abs(after[x]));
                flipped += after[x] != start[x] ? 1 : 0;
            }
            assertEquals((double) flipped / start.length, acc);
            // binomial(64, 1/2): 5 sigma = 20
            assertTrue(Math.abs(flipped - 32) <= 20, "flipped " + flipped);
        }
    }

    @Test
    void isAPureFunctionOfSeedAndStep() {
        Couplings c = Couplings.homogeneous(LATTICE, 0.3, 0.2, 0.1);
        double[] start = field(2);
        try (Backend b = Backends.named("cpu"); LatticeField f1 = new LatticeField(b, start);
             LatticeField f2 = new LatticeField(b, start); LatticeField f3 = new LatticeField(b, start)) {
            new SwendsenWang(c).apply(f1, 9, 4);
            new SwendsenWang(c).apply(f2, 9, 4);
            new SwendsenWang(c).apply(f3, 9, 5);
            assertArrayEquals(f1.host(), f2.host());
            assertFalse(java.util.Arrays.equals(f1.host(), f3.host()), "another step draws other bonds and flips");
        }
    }

    @Test
    void scheduleTokenAndBadInput() {
        LatticeRun.ScheduleSpec s = LatticeRun.ScheduleSpec.parse("metropolis+sw:2");
        assertEquals(2, s.swendsenWang());
        assertEquals("metropolis+sw:2", s.toString());
        assertEquals(s, LatticeRun.ScheduleSpec.parse(s.toString()));
        assertThrows(IllegalArgumentException.class, () -> LatticeRun.ScheduleSpec.parse("sw"));
        double[] w = new double[LATTICE.links()];
        w[3] = -0.1;
        double[] ones = new double[LATTICE.volume()];
        assertThrows(IllegalArgumentException.class, () -> new SwendsenWang(new Couplings(LATTICE, w, ones, ones)));
    }
}
