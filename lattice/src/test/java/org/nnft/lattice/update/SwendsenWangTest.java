package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.run.LatticeRun;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swendsen-Wang mechanics: limits of the bond probability (every aligned bond active: the whole lattice is one
 * cluster; no bond active: independent sites), the heat-bath sign of a single-site cluster in a linear term,
 * magnitudes kept, determinism in (seed, step), schedule token.
 * Stationarity and agreement with the other algorithms: TwoSiteStationarityTest, InteractingIdentitiesTest,
 * IsingLimitTest; with diagonal couplings and a linear term: DiagonalPairStationarityTest, GeneralActionChainTest.
 */
class SwendsenWangTest {
    private static final Lattice LATTICE = new Lattice(2, 8);

    private static double[] field(long stream) {
        double[] phi = new double[LATTICE.volume()];
        for (int x = 0; x < phi.length; x++) {
            phi[x] = RandomStreams.normal(5, stream, x);
        }
        return phi;
    }

    @Test
    void strongCouplingFlipsTheAlignedLatticeAsOneCluster() {
        // kappa = 40, |phi| = 1: bond probability 1 - exp(-80) = 1 in double precision
        SwendsenWang sw = new SwendsenWang(Couplings.homogeneous(LATTICE, 40, 0, 0));
        double[] ones = new double[LATTICE.volume()];
        Arrays.fill(ones, 1.0);
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
    void singleSiteClustersTakeTheHeatBathSignOfTheLinearTerm() {
        // No bonds: every site is its own cluster and flips with probability p_x = 1 / (1 + exp(2 h_x phi_x)).
        // Statistic: flips counted with the sign of h_x phi_x (sites the field holds minus sites it pushes over).
        double[] h = new double[LATTICE.volume()];
        for (int x = 0; x < h.length; x++) {
            h[x] = 0.6 * Math.sin(1.7 * x);
        }
        SwendsenWang sw = new SwendsenWang(Couplings.homogeneous(LATTICE, 0, 1, 0).withLinear(h));
        double[] start = field(3);
        int steps = 400;
        double statistic = 0;
        try (Backend b = Backends.named("cpu"); LatticeField f = new LatticeField(b, start)) {
            for (long step = 0; step < steps; step++) {
                f.set(start);
                sw.apply(f, 7, step);
                double[] after = f.host();
                for (int x = 0; x < start.length; x++) {
                    statistic += after[x] != start[x] ? Math.signum(h[x] * start[x]) : 0;
                }
            }
        }
        double expected = 0;
        double variance = 0;
        double unbiased = 0;
        for (int x = 0; x < start.length; x++) {
            double p = 1 / (1 + Math.exp(2 * h[x] * start[x]));
            double sign = Math.signum(h[x] * start[x]);
            expected += steps * p * sign;
            variance += steps * p * (1 - p) * sign * sign;
            unbiased += steps * 0.5 * sign;
        }
        double sigma = Math.sqrt(variance);
        assertTrue(Math.abs(expected - unbiased) > 10 * sigma, "the field must move the flip rates away from 1/2 by "
                + "far more than the noise for this test to see it: " + expected + " vs " + unbiased + " +- " + sigma);
        assertTrue(Math.abs(statistic - expected) < 5 * sigma,
                "signed flips " + statistic + ", expected " + expected + " +- " + sigma);
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
            assertFalse(Arrays.equals(f1.host(), f3.host()), "another step draws other bonds and flips");
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
        double[] v = new double[LATTICE.volume() * LATTICE.diagonalsPerSite()];
        v[5] = -0.2;
        Couplings negativeDiagonal = Couplings.homogeneous(LATTICE, 0.3, 1, 0).withDiagonal(v);
        assertThrows(IllegalArgumentException.class, () -> new SwendsenWang(negativeDiagonal));
    }
}
