package org.nnft.lattice.run;

import org.junit.jupiter.api.Test;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs that cannot work are refused before anything is allocated, each at its limit (just below accepted, just above
 * refused): lattice volumes beyond the int site tables, memory estimates beyond the heap or device limit, update
 * counts beyond {@link LatticeRun.ScheduleSpec#MAX_COUNT}, and actions unbounded below.
 */
class LatticeLimitsTest {
    private static final HomogeneousTheory THEORY = new HomogeneousTheory(1.0, 1.52425, 0.175);

    private static LatticeRun.Config config(int dim, int size) {
        return new LatticeRun.Config(dim, size, THEORY, LatticeRun.ScheduleSpec.parse("metropolis"), 2000, 200, 1, 1);
    }

    @Test
    void volumesBeyondTheSiteTablesAreRefusedWithoutOverflow() {
        // 2d L^d int entries: 4 * 23170^2 = 2147395600 fits, 4 * 23171^2 does not.
        assertEquals(23170L * 23170, Lattice.requireTableable(2, 23170));
        assertThrows(IllegalArgumentException.class, () -> Lattice.requireTableable(2, 23171));
        // 65536^4 = 2^64 wrapped to 0 before ("Index 0 out of bounds").
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.requireTableable(4, 65536));
        assertTrue(e.getMessage().contains("too large for dim 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lattice.requireTableable(4, Integer.MAX_VALUE));
    }

    @Test
    void memoryEstimateIsCheckedAgainstTheLimits() {
        LatticeRun.Config c = config(2, 16000);
        long host = (long) Math.ceil(LatticeMemory.hostBytes(c, true));
        assertTrue(host > 70e9, "2.56e8 sites need tens of GB, estimate " + host);
        assertDoesNotThrow(() -> LatticeMemory.require(c, true, host, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatticeMemory.require(c, true, host - 1, 0));
        assertTrue(e.getMessage().contains("GB") && e.getMessage().contains("-Xmx"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        long device = (long) Math.ceil(LatticeMemory.deviceBytes(c));
        assertDoesNotThrow(() -> LatticeMemory.require(c, true, host, device));
        assertThrows(IllegalArgumentException.class, () -> LatticeMemory.require(c, true, host, device - 1));
        assertThrows(IllegalArgumentException.class, () -> LatticeMemory.require(config(4, 65536), false,
                Long.MAX_VALUE, 0));
        assertThrows(IllegalArgumentException.class, () -> LatticeRun.check(c, LatticeRun.Options.NONE),
                "refused at once, heap limit");
    }

    @Test
    void updateCountsAreCapped() {
        int max = LatticeRun.ScheduleSpec.MAX_COUNT;
        assertEquals(max, LatticeRun.ScheduleSpec.parse("metropolis:" + max).metropolis());
        for (String bad : new String[]{"metropolis:" + (max + 1), "metropolis:2147483647", "wolff:-1",
                "metropolis+overrelax:" + (max + 1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LatticeRun.ScheduleSpec.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("algorithm:"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new LatticeRun.ScheduleSpec(max + 1, 0, 0, 0));
    }

    @Test
    void actionsUnboundedBelowAreRefused() {
        LatticeRun.ScheduleSpec s = LatticeRun.ScheduleSpec.parse("metropolis");
        // lambda = 0 with mu2 < 0 (a = (mu2 + 2d kappa)/2 < d kappa), lambda < 0 with any mu2
        for (HomogeneousTheory bad : new HomogeneousTheory[]{new HomogeneousTheory(1, 1.5, 0),
                new HomogeneousTheory(1, 2.0, 0), new HomogeneousTheory(1, -1, 0), new HomogeneousTheory(1, 3, -0.25),
                new HomogeneousTheory(-1, 2.0, 0)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LatticeRun.Config(2, 4, bad, s, 10, 0, 1, 1), bad.toString());
            assertTrue(e.getMessage().contains("unbounded below"), e.getMessage());
        }
        assertDoesNotThrow(() -> new LatticeRun.Config(2, 4, new HomogeneousTheory(1, Math.nextUp(2.0), 0), s,
                10, 0, 1, 1));
        assertDoesNotThrow(() -> new LatticeRun.Config(2, 4, new HomogeneousTheory(1, -3, Double.MIN_VALUE), s,
                10, 0, 1, 1));
    }
}
