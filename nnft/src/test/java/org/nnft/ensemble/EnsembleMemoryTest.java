package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * Ensemble runs too large for memory are refused at once, before the tuple set is built, with the estimate and the
 * limit; at the limit the estimate decides (just below accepted, just above refused). Inputs outside the double range
 * (a cutoff of 1e308) are refused by name.
 */
class EnsembleMemoryTest {
    private static double[][] points(int n) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[]{0.1 * i};
        }
        return p;
    }

    @Test
    void tupleCountIsTheNumberOfSortedTuples() {
        assertEquals(131_115_984, EnsembleMemory.tupleCount(64, 6), 0.5, "C(70, 6) - 1");
        assertEquals(3 + 6 + 10 + 15, EnsembleMemory.tupleCount(3, 4), 1e-9);
    }

    @Test
    void sixtyFourPointsToOrderSixAreRefusedAtOnce() {
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> EnsembleConfig.builder(CosNet.freeScalar(1, 1, 10, 1, 100), points(64)).maxOrder(6)
                                .networks(100_000).build()));
        assertTrue(e.getMessage().contains("1.31e+08 tuples") && e.getMessage().contains("GB")
                && e.getMessage().contains("-Xmx"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theHostEstimateDecidesAtTheLimit() {
        double tuples = EnsembleMemory.tupleCount(64, 6);
        long bytes = (long) Math.ceil(EnsembleMemory.hostBytes(tuples, 64));
        assertTrue(bytes > 61e9, "at least the 61 GB of bin sums: " + bytes);
        assertDoesNotThrow(() -> EnsembleMemory.requireHost(64, 6, tuples, 64, bytes));
        assertThrows(IllegalArgumentException.class, () -> EnsembleMemory.requireHost(64, 6, tuples, 64, bytes - 1));
    }

    @Test
    void theDeviceEstimateDecidesAtTheLimit() {
        EnsembleConfig c = EnsembleConfig.builder(CosNet.freeScalar(1, 1, 10, 1, 10), points(6)).maxOrder(4)
                .networks(4096).build();
        long bytes = (long) Math.ceil(EnsembleMemory.deviceBytes(c.tuples().size(), 4, c.launchBlocks()));
        assertDoesNotThrow(() -> EnsembleMemory.requireDevice(c, bytes));
        assertDoesNotThrow(() -> EnsembleMemory.requireDevice(c, 0), "unknown device memory");
        assertThrows(IllegalArgumentException.class, () -> EnsembleMemory.requireDevice(c, bytes - 1));
    }

    @Test
    void cutoffsOutsideTheDoubleRangeAreRefusedByName() {
        for (double bad : new double[]{1e308, 1e200, Double.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CosNet.freeScalar(1, 1, bad, 1, 10), "cutoff " + bad);
            assertTrue(e.getMessage().startsWith("cutoff"), e.getMessage());
        }
        assertDoesNotThrow(() -> CosNet.freeScalar(3, 1, 1e50, 1, 10));
    }

    @Test
    void fieldsOutsideTheDoubleRangeAreRefusedBeforeSampling() {
        ShallowNetwork huge = ShallowNetwork.scalar(Activation.RELU, 1, 10, 1e300, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnsembleConfig.builder(huge, points(3)).maxOrder(4).networks(4096).build());
        assertTrue(e.getMessage().contains("out of the double range") && e.getMessage().contains("sigmaW"),
                e.getMessage());
        assertDoesNotThrow(() -> EnsembleConfig.builder(ShallowNetwork.scalar(Activation.RELU, 1, 10, 1e10, 0),
                points(3)).maxOrder(6).networks(4096).build());
    }
}
