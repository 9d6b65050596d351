package org.nnft.ensemble.couplings;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.Tuples;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exactly solvable case of docs/couplings.md: the ReLU net in d = 1 without biases is linear on
 * x &gt; 0, so lambda = -300/(N L^5) for every tuple and, at N = 20, G6_GP/G6 = 0.5376, G6_pred/G6 = 0.9409.
 */
class QuarticCouplingsTest {

    private static final double[][] POINTS = {{0.5}, {1.0}, {1.5}, {2.0}};
    private static final double[] CUTOFFS = {2, 5, 10, 20};
    private static final int WIDTH = 20;

    /** Exact moments of every tuple: G2 = K, G4 = G4_c + Wick, G6 = G6_c + sum_15 G4_c K + Wick, odd 0. */
    static double[] exactMoments(Architecture arch, double[][] points, Tuples tuples) {
        return ExactMoments.of(arch, points, tuples);
    }

    @Test
    void linearReluCouplingAndSixPointRatiosFromTheExactFiniteWidthMoments() {
        ShallowNetwork relu = ShallowNetwork.scalar(Activation.RELU, 1, WIDTH, 1.0, 0.0);
        Tuples tuples = Tuples.allUpToOrder(POINTS.length, 6);
        QuarticCouplings q = QuarticCouplings.of(relu, POINTS, tuples, CUTOFFS);
        QuarticCouplings.LinearRelu theory = QuarticCouplings.linearRelu(relu, POINTS);
        assertNotNull(theory);
        QuarticCouplings.Result r = q.exact(exactMoments(relu, POINTS, tuples));
        for (QuarticCouplings.CutoffCoupling c : r.quartic()) {
            double expected = -300.0 / (WIDTH * Math.pow(c.cutoff(), 5));
            assertEquals(expected, theory.lambda(c.cutoff()), 1e-15 * Math.abs(expected));
            assertEquals(expected, c.mean().value(), 1e-9 * Math.abs(expected), "mean at L = " + c.cutoff());
            for (QuarticCouplings.TupleCoupling t : c.tuples()) {
                assertEquals(expected, t.lambda().value(), 1e-9 * Math.abs(expected),
                        Arrays.toString(t.points()) + " at L = " + c.cutoff());
            }
        }
        assertEquals(0.5376, theory.gpRatio(), 5e-5);
        assertEquals(0.9409, theory.predictedRatio(), 5e-5);
        for (QuarticCouplings.SixPoint s : r.sixPoint()) {
            assertEquals(theory.gpRatio(), s.gpRatio().value(), 1e-9);
            assertEquals(theory.predictedRatio(), s.predictedRatio().value(), 1e-9);
        }
        assertEquals(-5, r.fit().slope(), 1e-9);
        assertEquals(-300.0 / WIDTH, r.fit().amplitude(), 1e-8 * 300 / WIDTH);
    }

    /** I4 = x1 x2 x3 x4 L^5 / 80 for the linear ReLU kernel K = x y / 2 on x, y &gt; 0 (K = 0 for x y &lt; 0). */
    @Test
    void vertexIntegralOfTheLinearReluKernel() {
        ShallowNetwork relu = ShallowNetwork.scalar(Activation.RELU, 1, WIDTH, 1.0, 0.0);
        QuarticCouplings q = QuarticCouplings.of(relu, POINTS, Tuples.allUpToOrder(POINTS.length, 4), new double[]{3});
        int[][] four = q.fourTuples();
        double[] i4 = q.vertexIntegrals(0);
        for (int t = 0; t < four.length; t++) {
            double prod = 1;
            for (int j : four[t]) {
                prod *= POINTS[j][0];
            }
            assertEquals(prod * Math.pow(3, 5) / 80, i4[t], 1e-12 * prod * Math.pow(3, 5));
        }
    }

    /** The same on a sampled ensemble: every estimate within 5 jackknife errors of the exact value. */
    @Test
    void sampledLinearReluEnsembleAgreesWithinItsJackknifeErrors() {
        ShallowNetwork relu = ShallowNetwork.scalar(Activation.RELU, 1, WIDTH, 1.0, 0.0);
        double[][] points = {{0.5}, {1.0}, {2.0}};
        EnsembleConfig config = EnsembleConfig.builder(relu, points).maxOrder(6).networks(200_000).seed(11).build();
        EnsembleResult ensemble;
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("threads", "2"))) {
            ensemble = EnsembleRun.run(config, cpu);
        }
        QuarticCouplings q = QuarticCouplings.of(relu, points, ensemble.tuples(), CUTOFFS);
        QuarticCouplings.Result r = q.analyse(ensemble.moments());
        QuarticCouplings.LinearRelu theory = QuarticCouplings.linearRelu(relu, points);
        for (QuarticCouplings.CutoffCoupling c : r.quartic()) {
            assertWithin(theory.lambda(c.cutoff()), c.mean(), "lambda mean at L = " + c.cutoff());
            assertTrue(c.mean().error() < 0.2 * Math.abs(c.mean().value()), "lambda must be resolved: " + c.mean());
            for (QuarticCouplings.TupleCoupling t : c.tuples()) {
                assertWithin(theory.lambda(c.cutoff()), t.lambda(), "lambda" + Arrays.toString(t.points()));
            }
        }
        for (QuarticCouplings.SixPoint s : r.sixPoint()) {
            assertWithin(theory.gpRatio(), s.gpRatio(), "G6_GP/G6");
            assertWithin(theory.predictedRatio(), s.predictedRatio(), "G6_pred/G6");
            assertTrue(s.gpRatio().error() < 0.05 && s.predictedRatio().error() < 0.05,
                    "ratios must be resolved: " + s);
        }
        assertWithin(-5, new QuarticCouplings.Estimate(r.fit().slope(), r.fit().slopeError()), "slope");
        // f = x Z on x > 0: every leave-one-bin-out lambda is an exact power law, so the slope is -5 in each
        assertEquals(-5, r.fit().slope(), 1e-9);
        assertTrue(r.fit().slopeJackknifeError() < 1e-9, "jackknife slope error " + r.fit().slopeJackknifeError());
    }

    private static void assertWithin(double expected, QuarticCouplings.Estimate e, String what) {
        assertTrue(e.error() > 0, what + ": zero error");
        assertTrue(Math.abs(e.value() - expected) <= 5 * e.error(),
                what + ": " + e.value() + " +- " + e.error() + " vs exact " + expected);
    }

    /**
     * d = 2: a sampled Gauss-net ensemble (N = 4, three points in the plane, order 6) against the same analysis of
     * the exact finite-width moments (theory module's G4_c, G6_c; the box integrals are checked against closed
     * forms in CutoffVertexIntegralsTest): every lambda and both ratios within 5 jackknife errors.
     */
    @Test
    void sampledTwoDimensionalGaussNetAgreesWithItsExactMoments() {
        ShallowNetwork gauss = ShallowNetwork.scalar(Activation.GAUSS, 2, 4, 1.2, 0.3);
        double[][] points = {{0.0, 0.0}, {0.6, -0.3}, {-0.2, 0.7}};
        EnsembleConfig config = EnsembleConfig.builder(gauss, points).maxOrder(6).networks(100_000).seed(5).build();
        EnsembleResult ensemble;
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("threads", "2"))) {
            ensemble = EnsembleRun.run(config, cpu);
        }
        QuarticCouplings q = QuarticCouplings.of(gauss, points, ensemble.tuples(), new double[]{1, 3});
        QuarticCouplings.Result r = q.analyse(ensemble.moments());
        QuarticCouplings.Result exact = q.exact(exactMoments(gauss, points, ensemble.tuples()));
        for (int c = 0; c < r.quartic().size(); c++) {
            QuarticCouplings.CutoffCoupling m = r.quartic().get(c);
            assertWithin(exact.quartic().get(c).mean().value(), m.mean(), "lambda mean at L = " + m.cutoff());
            assertTrue(m.mean().error() < 0.2 * Math.abs(m.mean().value()), "lambda must be resolved: " + m.mean());
            for (int t = 0; t < m.tuples().size(); t++) {
                assertWithin(exact.quartic().get(c).tuples().get(t).lambda().value(), m.tuples().get(t).lambda(),
                        "lambda" + Arrays.toString(m.tuples().get(t).points()));
            }
            assertWithin(exact.sixPoint().get(c).gpRatio().value(), r.sixPoint().get(c).gpRatio(), "G6_GP/G6");
            assertWithin(exact.sixPoint().get(c).predictedRatio().value(), r.sixPoint().get(c).predictedRatio(),
                    "G6_pred/G6");
        }
        assertNotNull(r.fit());
    }

    @Test
    void refusesWhatItCannotDo() {
        ShallowNetwork relu = ShallowNetwork.scalar(Activation.RELU, 1, WIDTH, 1.0, 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> QuarticCouplings.of(relu, POINTS, Tuples.allUpToOrder(POINTS.length, 2), CUTOFFS));
        assertThrows(IllegalArgumentException.class,
                () -> QuarticCouplings.of(relu, POINTS, Tuples.allUpToOrder(POINTS.length, 4), new double[]{-1}));
        ShallowNetwork twoD = ShallowNetwork.scalar(Activation.RELU, 2, WIDTH, 1.0, 0.0);
        assertThrows(IllegalArgumentException.class, () -> QuarticCouplings.of(twoD,
                new double[][]{{1}, {0}}, Tuples.allUpToOrder(2, 4), CUTOFFS));
        assertNull(QuarticCouplings.linearRelu(ShallowNetwork.scalar(Activation.RELU, 1, WIDTH, 1.0, 0.1), POINTS));
        assertNull(QuarticCouplings.linearRelu(relu, new double[][]{{-1}, {1}}));
    }
}
