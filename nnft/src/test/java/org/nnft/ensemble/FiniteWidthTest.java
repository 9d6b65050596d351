package org.nnft.ensemble;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.ensemble.EnsembleTesting.SIGMAS;
import static org.nnft.ensemble.EnsembleTesting.assertMatchesTheory;
import static org.nnft.ensemble.EnsembleTesting.run;

/**
 * Finite-width interactions of the cos-net (docs/physics.md A.2): the measured connected 4-point function
 * equals the exact 1/N prediction, it is translation invariant at finite N, and N G4_c is the
 * same at two widths (G4_c ~ 1/N). Systematic: quadrature, < 1e-9.
 */
class FiniteWidthTest {

    private static final double[][] POINTS_1D = {{0.0}, {0.4}, {1.1}, {-0.7}};

    @Tag("slow")
    @Test
    void cosNetConnectedFourPointMatchesTheExactPrediction() {
        for (CosNet net : new CosNet[]{CosNet.freeScalar(1, 1.0, 3.0, 1.0, 3), CosNet.cauchy(1.2, 0.8, 2),
                CosNet.freeScalar(2, 0.8, 2.5, 1.0, 2)}) {
            double[][] pts = net.dimension() == 1 ? POINTS_1D
                    : new double[][]{{0, 0}, {0.4, 0.1}, {-0.3, 0.6}, {0.2, -0.5}};
            EnsembleResult r = run(net, pts, 4, 200_000, 5);
            int[][] tuples = {{0, 0, 0, 0}, {0, 0, 1, 1}, {0, 1, 2, 3}, {0, 0, 1, 2}, {1, 2, 2, 3}};
            for (int[] t : tuples) {
                Correlator c = r.atPoints(t);
                assertMatchesTheory(c, 1e-9, net + " G4_c" + Arrays.toString(t));
            }
            Correlator diagonal = r.atPoints(0, 0, 0, 0);
            assertTrue(Math.abs(diagonal.connected()) > 10 * diagonal.connectedError(),
                    net + ": the test needs a clearly non-zero G4_c, got " + diagonal);
        }
    }

    /**
     * ReLU-net (docs/physics.md A.1): G4_c = (sigma_W^4/N)[3 E_1234 - E_12 E_34 - ...] with the single-neuron
     * expectations from the theory module (machine precision for ReLU at covariance rank 2), and for two
     * outputs the Kronecker-delta structure (mixed components (0,0,1,1) have no 3 E_1234 term).
     */
    @Tag("slow")
    @Test
    void reluNetConnectedFourPointMatchesTheExactPrediction() {
        double[][] pts = {{0.0}, {0.7}, {-0.9}};
        ShallowNetwork scalar = new ShallowNetwork(Activation.RELU, 1, 1, 2, 1.3, 0.4);
        EnsembleResult r = run(scalar, pts, 4, 2_000_000, 23);
        for (int[] t : new int[][]{{0, 0, 0, 0}, {0, 0, 1, 1}, {0, 1, 1, 2}, {1, 1, 2, 2}}) {
            assertMatchesTheory(r.atPoints(t), 1e-9, "ReLU G4_c" + Arrays.toString(t));
        }
        Correlator diagonal = r.atPoints(0, 0, 0, 0);
        assertTrue(Math.abs(diagonal.connected()) > 30 * diagonal.connectedError(),
                "G4_c must be resolved to ~3%: " + diagonal);
        ShallowNetwork vector = new ShallowNetwork(Activation.RELU, 1, 2, 2, 1.3, 0.4);
        EnsembleResult v = run(vector, new double[][]{{0.0}, {0.7}}, 4, 200_000, 29);
        // sites: point * 2 + component
        for (int[] sites : new int[][]{{0, 0, 1, 1}, {0, 1, 2, 3}, {0, 0, 0, 0}, {1, 1, 3, 3}}) {
            assertMatchesTheory(v.correlator(sites), 1e-9, "2-output ReLU G4_c sites " + Arrays.toString(sites));
        }
        Correlator mixed = v.correlator(0, 0, 1, 1);
        assertTrue(Math.abs(mixed.connected()) > 5 * mixed.connectedError(),
                "mixed-component G4_c must be resolved: " + mixed);
    }

    @Tag("slow")
    @Test
    void connectedFourPointFallsAsOneOverWidth() {
        long[] widths = {2, 8};
        Correlator[] c = new Correlator[2];
        for (int k = 0; k < 2; k++) {
            c[k] = run(CosNet.freeScalar(1, 1.0, 3.0, 1.0, (int) widths[k]), POINTS_1D, 4, 200_000, 17 + k)
                    .atPoints(0, 0, 1, 2);
        }
        double a = widths[0] * c[0].connected();
        double b = widths[1] * c[1].connected();
        double error = Math.hypot(widths[0] * c[0].connectedError(), widths[1] * c[1].connectedError());
        assertTrue(Math.abs(a - b) <= SIGMAS * error, "N G4_c: " + a + " vs " + b + " +- " + error);
        assertTrue(Math.abs(a) > 8 * widths[0] * c[0].connectedError(), "G4_c at N = 2 must be resolved: " + c[0]);
    }

    @Tag("slow")
    @Test
    void cosNetFourPointIsTranslationInvariantAtFiniteWidth() {
        CosNet net = CosNet.freeScalar(2, 1.0, 2.0, 1.0, 2);
        double[][] pts = {{0, 0}, {0.5, 0.2}, {-0.3, 0.7}, {0.6, -0.4}};
        double[][] shifted = new double[4][];
        for (int j = 0; j < 4; j++) {
            shifted[j] = new double[]{pts[j][0] + 3.7, pts[j][1] - 1.9};
        }
        Correlator a = run(net, pts, 4, 100_000, 31).atPoints(0, 1, 2, 3);
        Correlator b = run(net, shifted, 4, 100_000, 32).atPoints(0, 1, 2, 3);
        double error = Math.hypot(a.momentError(), b.momentError());
        assertTrue(Math.abs(a.moment() - b.moment()) <= SIGMAS * error, "G4: " + a + " vs shifted " + b);
        double errorC = Math.hypot(a.connectedError(), b.connectedError());
        assertTrue(Math.abs(a.connected() - b.connected()) <= SIGMAS * errorC, "G4_c: " + a + " vs shifted " + b);
        assertTrue(Math.abs(a.connected()) > 8 * a.connectedError(), "G4_c must be resolved: " + a);
    }
}
