package org.nnft.theory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NtkShallowNetTest {

    private static final double[] X = {0.3, -0.5};
    private static final double[] Y = {0.8, 0.2};

    @Test
    void meanEmpiricalNtkOfSampledNetworksMatchesTheoryInBothParameterisations() {
        for (Activation act : Activation.values()) {
            ShallowNetTheory net = new ShallowNetTheory(act, 1.2, 0.4, 2);
            for (Parameterization p : Parameterization.values()) {
                for (double[][] pair : new double[][][] {{X, Y}, {X, X}}) {
                    ShallowNetTangentKernel theory = new ShallowNetTangentKernel(net, p, 3);
                    SampledGradients.Estimate mc = SampledGradients.shallowNet(net, p, 3, pair[0], pair[1],
                            20_000, 11 + act.ordinal());
                    double expected = theory.ntk(pair[0], pair[1]);
                    assertEquals(expected, mc.mean(), 5 * mc.error(), act + " " + p + ": " + mc);
                }
            }
        }
    }

    @Test
    void erfDerivativeExpectationMatchesTwoDimensionalGaussHermite() {
        ShallowNetTheory net = new ShallowNetTheory(Activation.ERF, 1.3, 0.5, 2);
        double a = net.preactivationCovariance(X, X);
        double b = net.preactivationCovariance(Y, Y);
        double c = net.preactivationCovariance(X, Y);
        // z = sqrt(a) u, z' = (c/sqrt(a)) u + sqrt(b - c^2/a) v with u, v independent standard normals
        GaussRule rule = GaussRule.normal(60);
        double sum = 0;
        for (int i = 0; i < rule.size(); i++) {
            for (int j = 0; j < rule.size(); j++) {
                double z = Math.sqrt(a) * rule.node(i);
                double zp = c / Math.sqrt(a) * rule.node(i) + Math.sqrt(b - c * c / a) * rule.node(j);
                sum += rule.weight(i) * rule.weight(j) * (4 / Math.PI) * Math.exp(-z * z - zp * zp);
            }
        }
        ShallowNetTangentKernel ntk = new ShallowNetTangentKernel(net, Parameterization.NTK, 1);
        assertEquals(sum, ntk.derivativeExpectation(X, Y), 1e-12);
    }

    @Test
    void reluUnitInputHasTheHandValues() {
        // d = 1, sigma_W = 1, sigma_b = 0, x = y = 1: Sigma = 1, E = 1/2, E' = 1/2, K = 1/2
        ShallowNetTheory net = new ShallowNetTheory(Activation.RELU, 1, 0, 1);
        double[] one = {1};
        assertEquals(0.5, new ShallowNetTangentKernel(net, Parameterization.NTK, 7).nngp(one, one), 1e-15);
        assertEquals(1.0, new ShallowNetTangentKernel(net, Parameterization.NTK, 7).ntk(one, one), 1e-15);
        // standard: N E + 1 + sigma_W^2 (x.y + 1) E' = 7/2 + 1 + 1
        assertEquals(5.5, new ShallowNetTangentKernel(net, Parameterization.STANDARD, 7).ntk(one, one), 1e-14);
        // orthogonal unit inputs in d = 2: Sigma_xx = 1/2, Sigma_xy = 0, E = (1/2)/(2 pi), no hidden-layer term
        ShallowNetTheory net2 = new ShallowNetTheory(Activation.RELU, 1, 0, 2);
        double[] e1 = {1, 0};
        double[] e2 = {0, 1};
        assertEquals(0.25 / Math.PI, new ShallowNetTangentKernel(net2, Parameterization.NTK, 1).ntk(e1, e2), 1e-15);
    }

    @Test
    void standardNtkGrowsLinearlyWithWidthAndKeepsTheOutputBias() {
        ShallowNetTheory net = new ShallowNetTheory(Activation.ERF, 0.9, 0.0, 2);
        double t1 = new ShallowNetTangentKernel(net, Parameterization.STANDARD, 1).ntk(X, Y);
        double t2 = new ShallowNetTangentKernel(net, Parameterization.STANDARD, 2).ntk(X, Y);
        double t100 = new ShallowNetTangentKernel(net, Parameterization.STANDARD, 100).ntk(X, Y);
        double slope = net.kernel(X, Y) / (0.9 * 0.9);
        assertEquals(slope, t2 - t1, 1e-14);
        assertEquals(t1 + 99 * slope, t100, 1e-12);
        // the zero-width extrapolation is what the hidden layer and the output bias leave: 1 + sigma_W^2 (x.y+1) E'
        double ePrime = new ShallowNetTangentKernel(net, Parameterization.STANDARD, 1).derivativeExpectation(X, Y);
        assertEquals(1 + 0.81 * (X[0] * Y[0] + X[1] * Y[1] + 1) * ePrime, t1 - slope, 1e-14);
        double ntk1 = new ShallowNetTangentKernel(net, Parameterization.NTK, 1).ntk(X, Y);
        double ntk100 = new ShallowNetTangentKernel(net, Parameterization.NTK, 100).ntk(X, Y);
        assertEquals(ntk1, ntk100, 0.0);
    }

    @Test
    void parameterisationNamesFollowNeuralTangents() {
        assertEquals(Parameterization.NTK, Parameterization.parse("NTK"));
        assertEquals(Parameterization.STANDARD, Parameterization.parse("standard"));
        assertEquals("ntk", Parameterization.NTK.label());
        assertThrows(IllegalArgumentException.class, () -> Parameterization.parse("mup"));
    }
}
