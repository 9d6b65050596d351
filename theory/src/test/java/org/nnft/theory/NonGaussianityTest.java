package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NonGaussianityTest {

    @Test
    void wickSumsCountPairingsAndReproduceGaussianMoments() {
        assertEquals(3, Pairings.perfectMatchings(4).size());
        assertEquals(15, Pairings.perfectMatchings(6).size());
        assertEquals(105, Pairings.perfectMatchings(8).size());
        // coincident points with K = s^2: E[z^4] = 3 s^4, E[z^6] = 15 s^6
        assertEquals(3 * 16, NonGaussianity.gaussianPrediction(4, (a, b) -> 4.0), 1e-12);
        assertEquals(15 * 8, NonGaussianity.gaussianPrediction(6, (a, b) -> 2.0), 1e-12);
        // K12 K34 + K13 K24 + K14 K23 with K_ab = (a+1)(b+1): every pairing gives 1*2*3*4
        double k4 = NonGaussianity.gaussianPrediction(4, (a, b) -> (a + 1) * (b + 1));
        assertEquals(3 * 24, k4, 1e-12);
    }

    @Test
    void relativeDeviationAveragesOverTuplesAndMatchesFiniteWidthTheory() {
        assertEquals(0.25, NonGaussianity.relativeDeviation(5, 4), 1e-15);
        assertEquals(0.5 * (0.25 + 0.1),
                NonGaussianity.averageRelativeDeviation(new double[] {5, 9}, new double[] {4, 10}), 1e-15);
        // exact G4 = G4^GP + G4_c at width N: m_4 = |G4_c| / G4^GP falls exactly as 1/N
        ShallowNetTheory net = new ShallowNetTheory(Activation.ERF, 1.5, 0.3, 1);
        double[][] x = {{0.4}, {0.4}, {-0.3}, {0.8}};
        double gp = NonGaussianity.gaussianPrediction(4, (a, b) -> net.kernel(x[a], x[b]));
        double[] widths = {4, 16, 64, 256};
        double[] m4 = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            double g4 = gp + FiniteWidthCumulants.g4Connected(net, x, (long) widths[i]);
            m4[i] = NonGaussianity.relativeDeviation(g4, gp);
        }
        PowerLawFit fit = PowerLawFit.fit(widths, m4, null);
        assertEquals(-1, fit.slope(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> NonGaussianity.relativeDeviation(1, 0));
    }
}
