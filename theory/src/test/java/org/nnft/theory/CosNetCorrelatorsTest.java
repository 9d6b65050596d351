package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;

class CosNetCorrelatorsTest {

    @Test
    void freeScalarTwoPointFunctionIsTheCutoffPropagator() {
        for (int d = 1; d <= 4; d++) {
            double[] x = new double[d], y = new double[d];
            x[0] = 0.3;
            y[d - 1] = -0.5;
            double r = d == 1 ? 0.8 : Math.hypot(0.3, 0.5); // |x - y|
            CosNetCorrelators cos = new CosNetCorrelators(UniformBallDensity.freeScalar(d, 1.1, 6, 0.7), 0.7);
            assertEquals(new CutoffPropagator(d, 1.1, 6).g(r), cos.g2(x, y), 1e-13, "d=" + d);
        }
    }

    /**
     * d = 1 cos-net, no product-to-sum identity: E[g1 g2 g3 g4] and E[g_a g_b] for
     * g = cos(w x + c)/sqrt(w^2+m^2), w ~ U[-L, L], c ~ U[-pi, pi], by a 2-d composite Gauss-Legendre rule,
     * then G4_c = (C^4/N)[3 E4 - sum E2 E2] with C^2 = 2 vol(B)/(2 pi) = 2L/pi (sigma_a = 1).
     */
    @Test
    void freeScalarFourPointFunctionMatchesDirectSingleNeuronQuadrature() {
        double m = 0.9, cut = 12;
        long n = 7;
        double[] x = {0.1, 0.5, -0.35, 0.9};
        GaussRule phase = GaussRule.legendre(12);
        BiFunction<int[], Double, Double> average = (idx, unused) ->
                SingleNeuronExpectationsTest.compositeLegendre(w -> {
                    double inner = 0;
                    for (int k = 0; k < 4; k++) {
                        double lo = -Math.PI + k * Math.PI / 2;
                        inner += phase.integrate(c -> {
                            double prod = 1;
                            for (int a : idx) {
                                prod *= Math.cos(w * x[a] + c) / Math.sqrt(w * w + m * m);
                            }
                            return prod;
                        }, lo, lo + Math.PI / 2);
                    }
                    return inner / (2 * Math.PI) / (2 * cut);
                }, -cut, cut, 96, 16);
        double e4 = average.apply(new int[] {0, 1, 2, 3}, 0.0);
        double e12 = average.apply(new int[] {0, 1}, 0.0), e34 = average.apply(new int[] {2, 3}, 0.0);
        double e13 = average.apply(new int[] {0, 2}, 0.0), e24 = average.apply(new int[] {1, 3}, 0.0);
        double e14 = average.apply(new int[] {0, 3}, 0.0), e23 = average.apply(new int[] {1, 2}, 0.0);
        double c2 = 2 * cut / Math.PI;
        double direct = c2 * c2 / n * (3 * e4 - e12 * e34 - e13 * e24 - e14 * e23);

        CosNetCorrelators cos = CosNetCorrelators.freeScalar(1, m, cut);
        double[][] p = {{x[0]}, {x[1]}, {x[2]}, {x[3]}};
        double closed = cos.g4Connected(p[0], p[1], p[2], p[3], n);
        assertEquals(direct, closed, 1e-12 * Math.abs(direct));

        // docs/physics.md form: (1/N)[(3/2)(vol/(2pi)^d) sum_j H(X_j) - sum G G]
        CutoffPropagator prop = new CutoffPropagator(1, m, cut);
        double sumH = prop.h(Math.abs(x[0] + x[1] - x[2] - x[3])) + prop.h(Math.abs(x[0] - x[1] + x[2] - x[3]))
                + prop.h(Math.abs(x[0] - x[1] - x[2] + x[3]));
        double gg = prop.g(Math.abs(x[0] - x[1])) * prop.g(Math.abs(x[2] - x[3]))
                + prop.g(Math.abs(x[0] - x[2])) * prop.g(Math.abs(x[1] - x[3]))
                + prop.g(Math.abs(x[0] - x[3])) * prop.g(Math.abs(x[1] - x[2]));
        double physicsMd = (1.5 * prop.ballVolume() / (2 * Math.PI) * sumH - gg) / n;
        assertEquals(physicsMd, closed, 1e-12 * Math.abs(physicsMd));
    }

    @Test
    void cauchyNetworkIsTheContinuumPropagatorAndHasTheExpectedFourPointFunction() {
        double m = 1.7, sigmaA = 1.3;
        CosNetCorrelators cauchy = new CosNetCorrelators(new CauchyDensity(m), 1);
        assertEquals(ContinuumPropagator.value(1, m, 0.6), cauchy.g2(new double[] {0.2}, new double[] {-0.4}), 1e-16);
        // coincident points, by hand: kappa4 = N [E a^4 A^4 E cos^4 c - 3 (E a^2 A^2 E cos^2 c)^2]
        //   = N [3 s^4/N^2 (3/8) / m^2 - 3 s^4/N^2 (1/4) / m^2] = 3 s^4 / (8 N m^2)
        CosNetCorrelators scaled = new CosNetCorrelators(new CauchyDensity(m), sigmaA);
        double[] o = {0.4};
        assertEquals(3 * Math.pow(sigmaA, 4) / (8 * 10 * m * m), scaled.g4Connected(o, o, o, o, 10), 1e-15);
        // pairs far apart: only X_j with cancelling pairs survive; x1 = x2, x3 = x4 far away:
        // X1 = 2(x1 - x3) large, X2 = X3 = 0 -> (1/N)[(3/8)(2/m^2) - (G(0)^2 + 2 G(far)^2)] with G(far) ~ 0
        double[] a = {0}, far = {60};
        double expected = (3.0 / 8 * 2 / (m * m) - 1 / (4 * m * m)) / 5;
        assertEquals(expected, cauchy.g4Connected(a, a, far, far, 5), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new CauchyDensity(0));
        assertThrows(IllegalArgumentException.class, () -> new CosNetCorrelators(new CauchyDensity(1), -1));
        CosNetCorrelators c = CosNetCorrelators.freeScalar(2, 1, 5);
        assertThrows(IllegalArgumentException.class, () -> c.g2(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> c.g4Connected(new double[2], new double[2], new double[2], new double[2], 0));
        assertThrows(IllegalArgumentException.class, () -> new UniformBallDensity(3, 0, p -> 1));
    }
}
