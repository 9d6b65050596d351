package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.RunCancelledException;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.ShallowNetwork;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link WidthScan}: the README's width scan ({@code nnft widths --arch relu --widths 2,4,8,16 --networks 200000
 * --order 6 --points "0.5;1" --sigma-b 0.3}) gives the m_4 and m_6 that the command printed before the scan
 * moved out of it; progress runs over the whole scan; a cancellation stops it.
 */
class WidthScanApiTest {
    private static final double[][] POINTS = {{0.5}, {1.0}};

    private static EnsembleConfig relu(int width) {
        return EnsembleConfig.builder(new ShallowNetwork(Activation.RELU, 1, 1, width, 1.0, 0.3), POINTS)
                .maxOrder(6).networks(200_000).blockSize(256).jackknifeBins(64).seed(1).build();
    }

    /** m_4 and m_6 with errors at N = 2, 4, 8, 16, from the result file of the command before the change. */
    private static final double[][] BEFORE = {
            {1.3867450125409873, 0.051295465051037915, 9.371398182816215, 0.9851796515599455},
            {0.6980947507211754, 0.0298199086415888, 3.551265426655894, 0.23842738732563765},
            {0.34500984768649323, 0.016217249040571396, 1.3945778854170354, 0.07819728608259592},
            {0.18041375627943465, 0.011106281977419608, 0.6204717537886345, 0.03839945206506961}};

    @Test
    void equalsTheNumbersOfTheCommandBeforeIt() {
        long[] last = {0, 0};
        WidthScan.Result r;
        try (Backend cpu = EnsembleTesting.cpu()) {
            r = WidthScan.run(WidthScanApiTest::relu, List.of(2, 4, 8, 16), cpu, (done, total) -> {
                last[0] = done;
                last[1] = total;
            }, null);
        }
        assertEquals(800_000, last[0]);
        assertEquals(800_000, last[1]);
        assertEquals(4, r.runs().size());
        for (int w = 0; w < 4; w++) {
            List<WidthScan.Mn> mn = r.runs().get(w).nonGaussianity();
            for (int k = 0; k < 2; k++) {
                assertEquals(4 + 2 * k, mn.get(k).order());
                assertEquals(BEFORE[w][2 * k], mn.get(k).value(), 1e-13 * BEFORE[w][2 * k]);
                assertEquals(BEFORE[w][2 * k + 1], mn.get(k).error(), 1e-13 * BEFORE[w][2 * k + 1]);
            }
        }
        assertEquals(2, r.fits().size());
        assertEquals(-0.989, r.fits().get(0).fit().slope(), 5e-4);      // printed "slope -0.989 +- 0.031"
        assertEquals(0.031, r.fits().get(0).fit().slopeError(), 5e-4);
    }

    @Test
    void rejectsBadWidthsAndOrdersAndStopsWhenCancelled() {
        try (Backend cpu = EnsembleTesting.cpu()) {
            assertThrows(IllegalArgumentException.class, () -> WidthScan.run(WidthScanApiTest::relu, List.of(4), cpu,
                    null, null));
            assertThrows(IllegalArgumentException.class, () -> WidthScan.orders(2));
            Cancellation cancel = new Cancellation();
            cancel.cancel();
            assertThrows(RunCancelledException.class, () -> WidthScan.run(WidthScanApiTest::relu, List.of(2, 4), cpu,
                    null, cancel));
        }
    }
}
