package org.nnft.theory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NtkCosNetTest {

    @Test
    void meanEmpiricalNtkOfSampledCosNetsMatchesTheory() {
        double mass = 1, cutoff = 5, sigmaA = 0.7;
        CosNetCorrelators g2 = new CosNetCorrelators(UniformBallDensity.freeScalar(1, mass, cutoff, sigmaA), sigmaA);
        for (Parameterization p : Parameterization.values()) {
            CosNetTangentKernel theory = new CosNetTangentKernel(g2, sigmaA, p, 4);
            for (double[] pair : new double[][] {{0.3, 0.9}, {0.5, 0.5}, {-0.4, 1.2}}) {
                SampledGradients.Estimate mc = SampledGradients.cosNet(mass, cutoff, sigmaA, p, 4, pair[0], pair[1],
                        20_000, 5);
                double expected = theory.ntk(new double[] {pair[0]}, new double[] {pair[1]});
                assertEquals(expected, mc.mean(), 5 * mc.error(), p + " " + pair[0] + "," + pair[1] + ": " + mc);
            }
        }
    }

    @Test
    void cauchyNetNtkIsTheClosedFormPropagatorTimesTheGradientCount() {
        double mass = 2;
        CosNetCorrelators g2 = new CosNetCorrelators(new CauchyDensity(mass), 1);
        CosNetTangentKernel ntk = new CosNetTangentKernel(g2, 1, Parameterization.NTK, 10);
        double[] x = {0.5};
        double[] y = {1.5};
        double propagator = Math.exp(-mass) / (2 * mass);
        assertEquals(propagator, ntk.nngp(x, y), 1e-15);
        assertEquals((2 + 0.75) * propagator, ntk.ntk(x, y), 1e-15);
    }
}
