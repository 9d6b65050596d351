package org.nnft.ensemble;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.theory.PowerLawFit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.ensemble.EnsembleTesting.SIGMAS;
import static org.nnft.ensemble.EnsembleTesting.assertMatchesTheory;

/**
 * Width scaling of the ReLU-net's connected correlators (docs/physics.md A.1): G4_c ~ 1/N and G6_c ~ 1/N^2.
 * At each width the measured G4_c and G6_c match the exact predictions from the single-neuron
 * expectations (machine precision for ReLU), and weighted log-log fits of the coincident-point
 * G4_c(x^4) and G6_c(x^6) over N = 2, 4, 8 give slopes within {@link EnsembleTesting#SIGMAS} fit
 * errors of -1 and -2; the slope errors are required below 0.1, so -1.5 or -2.5 would fail.
 */
class WidthScalingTest {
    private static final int[] WIDTHS = {2, 4, 8};
    private static final double[][] POINTS = {{0.3}, {-0.8}};

    @Tag("slow")
    @Test
    void connectedFourAndSixPointFunctionsFallAsPowersOfTheWidth() {
        double[] n = new double[WIDTHS.length];
        double[] g4 = new double[WIDTHS.length];
        double[] g4Error = new double[WIDTHS.length];
        double[] g6 = new double[WIDTHS.length];
        double[] g6Error = new double[WIDTHS.length];
        for (int k = 0; k < WIDTHS.length; k++) {
            ShallowNetwork net = ShallowNetwork.scalar(Activation.RELU, 1, WIDTHS[k], 1.0, 0.3);
            EnsembleResult r = EnsembleTesting.run(net, POINTS, 6, 1_000_000, 71 + k);
            Correlator four = r.atPoints(0, 0, 0, 0);
            Correlator six = r.atPoints(0, 0, 0, 0, 0, 0);
            assertMatchesTheory(four, 1e-9, "N = " + WIDTHS[k] + " G4_c(x0^4)");
            assertMatchesTheory(six, 1e-9, "N = " + WIDTHS[k] + " G6_c(x0^6)");
            assertMatchesTheory(r.atPoints(0, 0, 1, 1), 1e-9, "N = " + WIDTHS[k] + " G4_c(x0^2 x1^2)");
            assertMatchesTheory(r.atPoints(0, 0, 0, 1, 1, 1), 1e-9, "N = " + WIDTHS[k] + " G6_c(x0^3 x1^3)");
            n[k] = WIDTHS[k];
            g4[k] = four.connected();
            g4Error[k] = four.connectedError();
            g6[k] = six.connected();
            g6Error[k] = six.connectedError();
        }
        assertTrue(g6[WIDTHS.length - 1] > 8 * g6Error[WIDTHS.length - 1],
                "G6_c at the largest width must be resolved: " + g6[WIDTHS.length - 1] + " +- "
                + g6Error[WIDTHS.length - 1]);
        PowerLawFit fourFit = PowerLawFit.fit(n, g4, g4Error);
        PowerLawFit sixFit = PowerLawFit.fit(n, g6, g6Error);
        assertEquals(-1.0, fourFit.slope(), SIGMAS * fourFit.slopeError(), "G4_c slope " + fourFit);
        assertEquals(-2.0, sixFit.slope(), SIGMAS * sixFit.slopeError(), "G6_c slope " + sixFit);
        assertTrue(sixFit.slopeError() < 0.1, "the G6_c slope must be resolved to 0.1, got " + sixFit);
    }
}
