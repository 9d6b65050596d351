package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.JackknifeResult;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * phi^4 from the deformed cos-net density against its Feynman diagrams (docs/physics.md A.3): the
 * contact diagram {@code dG4_c = -lambda int prod_i G(x_i - y)} and the tadpole
 * {@code dG2 = -(lambda/2) G(0) int G(x1-y) G(y-x2)}, by importance reweighting.
 *
 * <p>Why this prediction: at finite N the O(lambda) response also has 1/N parts (G4_c blocks, from
 * the amplitudes' non-Gaussianity; proportional to Lambda/N). {@link FirstOrderShift} adds them
 * exactly, leaving O(1/N^2); the test compares with that and checks separately that its N = infinity
 * part is the textbook diagram. (The alternative, the free-ensemble covariance
 * {@code -(1/4!) <<O ; S4>>}, is what reweighting at small lambda computes by construction, so it
 * would not test anything independent.) Shifts are measured on the same networks as the free
 * ensemble, so the free G4_c and its noise cancel.
 *
 * <p>d = 1: N = 300, Lambda = 2, where the 1/N part is 3 % (tadpole) and 6 % (contact), so the O(1/N^2)
 * remainder is small. lambda = 0.1 and 0.2; the slope {@code 2 s(0.1)/0.1 - s(0.2)/0.2} is free of
 * O(lambda^2) (Richardson) and must match the first-order prediction, and the two lambdas
 * separately must match lambda x slope up to their O(lambda^2) term, bounded from the data by
 * |s(0.2)/0.2 - s(0.1)/0.1| (linearity and sign).
 * d = 2: N = 100, Lambda = 3, box 1.5^2, lambda = +-0.1; the odd part {@code (s(lambda) - s(-lambda)) / 2 lambda}
 * has no O(lambda^2) term. Systematic in both: the O(1/N^2) remainder, estimated as the square of the
 * relative O(1/N) part times the prediction (the 1/N part is up to 30 % of the contact term in d = 2).
 */
class PhiFourTreeLevelTest {

    @Test
    void infiniteWidthShiftIsTheContactAndTadpoleDiagram() {
        CosNet net = CosNet.freeScalar(2, 1.0, 3.0, 1.0, 100);
        double lambda = 0.7;
        Deformation def = new Deformation(Potential.phi4(lambda), IntegrationBox.cube(2, 1.5, 6));
        FirstOrderShift diagrams = FirstOrderShift.infiniteWidth(net, def);
        double[][] x = {{0, 0}, {0.2, 0.1}, {-0.3, 0.4}, {0.1, 0.1}};
        IntegrationBox box = def.box();
        double contact = 0;
        double bubble = 0;
        double g0 = net.twoPoint(x[0], 0, x[0], 0);
        for (int g = 0; g < box.nodeCount(); g++) {
            double[] y = box.node(g);
            double prod = 1;
            for (double[] xi : x) {
                prod *= net.twoPoint(xi, 0, y, 0);
            }
            contact += box.cellVolume() * prod;
            bubble += box.cellVolume() * net.twoPoint(x[0], 0, y, 0) * net.twoPoint(y, 0, x[1], 0);
        }
        assertEquals(-lambda * contact, diagrams.connected(x), 1e-12 * lambda * contact);
        assertEquals(-lambda / 2 * g0 * bubble, diagrams.connected(x[0], x[1]), 1e-12 * lambda * g0 * bubble);
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(Precision.class)
    void oneDimensionalShiftsAreTreeLevelAndLinear(Precision precision) {
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, 300);
        double[][] points = {{0}, {0.5}};
        IntegrationBox box = IntegrationBox.cube(1, 3.0, 24);
        EnsembleConfig config = EnsembleConfig.builder(net, points).maxOrder(4).networks(40_000).blockSize(128)
                .seed(7).jackknifeBins(50).precision(precision).build();
        double l1 = 0.1;
        double l2 = 0.2;
        try (Backend cpu = DeformTesting.cpu()) {
            EnsembleSample free = EnsembleSampler.sample(config, cpu);
            ReweightSample[] rw = {ReweightSampler.sample(config, new Deformation(Potential.phi4(l1), box), cpu),
                    ReweightSampler.sample(config, new Deformation(Potential.phi4(l2), box), cpu)};
            FirstOrderShift slope = FirstOrderShift.of(net, new Deformation(Potential.phi4(1.0), box));
            int[][] tuples = {{0, 0}, {0, 1}, {0, 0, 0, 0}, {0, 0, 1, 1}};
            for (int[] t : tuples) {
                int index = config.tuples().requireIndexOf(t);
                double[][] x = new double[t.length][];
                for (int j = 0; j < t.length; j++) {
                    x[j] = points[t[j]];
                }
                double predicted = slope.connected(x);
                String what = precision.label() + (t.length == 2 ? " tadpole " : " contact ") + Arrays.toString(t);
                double rounding = DeformTesting.rounding(free, index);
                JackknifeResult richardson = DeformTesting.shift(free, rw, new double[]{2 / l1, -1 / l2}, index);
                double remainder = squaredWidthCorrection(net, new Deformation(Potential.phi4(1.0), box), x);
                DeformTesting.assertAgrees(richardson, predicted, remainder + (2 / l1 + 1 / l2) * rounding,
                        what + " slope");
                JackknifeResult curvature = DeformTesting.shift(free, rw, new double[]{-1 / l1, 1 / l2}, index);
                double bound = Math.abs(curvature.value()) + DeformTesting.SIGMAS * curvature.error();
                for (int k = 0; k < 2; k++) {
                    double lambda = k == 0 ? l1 : l2;
                    JackknifeResult s = DeformTesting.shift(free, rw, k == 0 ? new double[]{1, 0} : new double[]{0, 1},
                            index);
                    DeformTesting.assertAgrees(s, lambda * predicted, lambda * bound * lambda / l2 + rounding,
                            what + " at lambda " + lambda);
                }
            }
        }
    }

    @Tag("slow")
    @Test
    void twoDimensionalContactTermAndTadpole() {
        CosNet net = CosNet.freeScalar(2, 1.0, 3.0, 1.0, 100);
        double[][] points = {{0, 0}, {0.2, 0.1}};
        double lambda = 0.1;
        IntegrationBox box = IntegrationBox.cube(2, 1.5, 8);
        EnsembleConfig config = EnsembleConfig.builder(net, points).maxOrder(4).networks(40_000).blockSize(128)
                .seed(8).jackknifeBins(50).build();
        try (Backend cpu = DeformTesting.cpu()) {
            EnsembleSample free = EnsembleSampler.sample(config, cpu);
            ReweightSample[] rw = {ReweightSampler.sample(config, new Deformation(Potential.phi4(lambda), box), cpu),
                    ReweightSampler.sample(config, new Deformation(Potential.phi4(-lambda), box), cpu)};
            Deformation unit = new Deformation(Potential.phi4(1.0), box);
            int[][] tuples = {{0, 0}, {0, 0, 0, 0}, {0, 0, 1, 1}};
            for (int[] t : tuples) {
                double[][] x = new double[t.length][];
                for (int j = 0; j < t.length; j++) {
                    x[j] = points[t[j]];
                }
                JackknifeResult odd = DeformTesting.shift(free, rw, new double[]{0.5 / lambda, -0.5 / lambda},
                        config.tuples().requireIndexOf(t));
                DeformTesting.assertAgrees(odd, FirstOrderShift.of(net, unit).connected(x),
                        squaredWidthCorrection(net, unit, x), "d=2 slope " + Arrays.toString(t));
            }
        }
    }

    /** The O(1/N^2) remainder, estimated as (O(1/N) part)^2 / (N = infinity part). */
    private static double squaredWidthCorrection(CosNet net, Deformation def, double[][] x) {
        double infinite = FirstOrderShift.infiniteWidth(net, def).connected(x);
        double finite = FirstOrderShift.of(net, def).connected(x);
        return (finite - infinite) * (finite - infinite) / Math.abs(infinite);
    }
}
