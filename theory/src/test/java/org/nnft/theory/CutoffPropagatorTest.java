package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.special.BesselJ;
import org.junit.jupiter.api.Test;

class CutoffPropagatorTest {

    @Test
    void coincidentPointsMatchClosedForms() {
        double m = 0.7, cut = 13;
        double ratio = cut / m;
        double[] expectedG = {
            Math.atan(ratio) / (Math.PI * m),
            Math.log1p(ratio * ratio) / (4 * Math.PI),
            (cut - m * Math.atan(ratio)) / (2 * Math.PI * Math.PI),
            (cut * cut - m * m * Math.log1p(ratio * ratio)) / (16 * Math.PI * Math.PI)};
        for (int d = 1; d <= 4; d++) {
            double g = new CutoffPropagator(d, m, cut).g(0);
            assertEquals(expectedG[d - 1], g, 1e-13 * expectedG[d - 1], "G(0), d=" + d);
        }
        // H(0): d=1 (1/(2 pi m^2))[Lambda/(Lambda^2+m^2) + atan(Lambda/m)/m];
        //       d=3 (1/(4 pi^2))[atan(Lambda/m)/m - Lambda/(Lambda^2+m^2)]
        double h1 = (cut / (cut * cut + m * m) + Math.atan(ratio) / m) / (2 * Math.PI * m * m);
        double h3 = (Math.atan(ratio) / m - cut / (cut * cut + m * m)) / (4 * Math.PI * Math.PI);
        assertEquals(h1, new CutoffPropagator(1, m, cut).h(0), 1e-13 * h1);
        assertEquals(h3, new CutoffPropagator(3, m, cut).h(0), 1e-13 * h3);
    }

    /**
     * Lambda -> infinity. Two integrations by parts with d/dz[z^(mu+1) J_(mu+1)] = z^(mu+1) J_mu give, for
     * nu = d/2 - 1 and g(p) = 1/(p^2+m^2),
     * G_inf - G_Lambda = (2pi)^(-d/2) r^(-nu) [ -Lambda^(nu+1) J_(nu+1)(Lambda r) g(Lambda)/r
     *                                          + Lambda^(nu+1) J_(nu+2)(Lambda r) g'(Lambda)/r^2 + R ],
     * |R| &lt;= 8 b r^(-5/2) Lambda^(nu-5/2) / (5/2 - nu) using |(g'/p)'| &lt;= 8/p^5 and the envelope
     * sqrt(z)|J_mu(z)| &lt;= b = 1.05 sqrt(2/pi) for z &gt;= 20, mu &lt;= 3 (Watson 13.74: z(J^2+Y^2) decreases
     * to 2/pi, and exceeds it by (4mu^2-1)/(8z^2) &lt; 1.1% at z = 20).
     */
    @Test
    void largeCutoffApproachesContinuumWithTheKnownTail() {
        double m = 1.0, cut = 400;
        double b = 1.05 * Math.sqrt(2 / Math.PI);
        for (int d = 1; d <= 4; d++) {
            for (double r : new double[] {0.5, 1.3}) {
                double nu = 0.5 * d - 1;
                double g = 1 / (cut * cut + m * m);
                double gPrime = -2 * cut * g * g;
                double z = cut * r;
                double prefactor = Math.pow(2 * Math.PI, -0.5 * d) * Math.pow(r, -nu);
                double leading = prefactor * (-Math.pow(cut, nu + 1) * BesselJ.value(nu + 1, z) * g / r
                        + Math.pow(cut, nu + 1) * BesselJ.value(nu + 2, z) * gPrime / (r * r));
                double bound = prefactor * 8 * b * Math.pow(r, -2.5) * Math.pow(cut, nu - 2.5) / (2.5 - nu);
                double continuum = ContinuumPropagator.value(d, m, r);
                double numeric = new CutoffPropagator(d, m, cut).g(r);
                assertEquals(leading, continuum - numeric, bound, "d=" + d + " r=" + r);
                // the test is sharp: the tail bound is far below the leading correction it checks
                assertTrue(bound < 0.2 * Math.abs(leading) || Math.abs(leading) < 1e-9, "d=" + d + " r=" + r);
            }
        }
    }

    @Test
    void twoDimensionalTransformAgreesWithDirectAngularQuadrature() {
        // int_{|p|<L} d^2p/(2pi)^2 cos(p.X)/(p^2+m^2)^2 with the angle done numerically (no Bessel function)
        double m = 0.8, cut = 10;
        double[] x = {0.7, 0.4};
        double radius = Math.hypot(x[0], x[1]);
        GaussRule angle = GaussRule.legendre(40);
        double direct = SingleNeuronExpectationsTest.compositeLegendre(p -> {
            double inner = 0;
            for (int k = 0; k < 4; k++) {
                double lo = k * Math.PI / 2;
                inner += angle.integrate(t -> Math.cos(p * radius * Math.cos(t)), lo, lo + Math.PI / 2);
            }
            return p * inner / Math.pow(p * p + m * m, 2) / (4 * Math.PI * Math.PI);
        }, 0, cut, 40, 20);
        assertEquals(direct, new CutoffPropagator(2, m, cut).h(radius), 1e-13);
    }

    /**
     * The cross-check that replaced the ensemble module's second implementation (20-point Gauss-Legendre on
     * 8 + 2 Lambda r / pi panels, which agreed to 2e-14 up to Lambda / m = 12.5 but was off by up to 1e-10 in G
     * and 4e-10 in H at Lambda / m = 50): G and H in d = 1..4 against 4000 panels of 30-point Gauss-Legendre,
     * the panels summed exactly, to 1e-13 relative, at distances up to many oscillations.
     */
    @Test
    void agreesWithAFineFixedRuleReference() {
        double m = 0.8;
        DoubleUnaryOperator g = p -> 1 / (p * p + m * m);
        DoubleUnaryOperator h = p -> 1 / ((p * p + m * m) * (p * p + m * m));
        for (int d = 1; d <= 4; d++) {
            for (double cut : new double[] {2, 10, 40}) {
                CutoffPropagator prop = new CutoffPropagator(d, m, cut);
                for (double r : new double[] {0, 0.05, 0.5, 1, 2.3, 7}) {
                    double expectG = reference(d, cut, r, g);
                    double expectH = reference(d, cut, r, h);
                    String at = "d=" + d + " cutoff=" + cut + " r=" + r;
                    assertEquals(expectG, prop.g(r), 1e-13 * Math.abs(expectG), "G " + at);
                    assertEquals(expectH, prop.h(r), 1e-13 * Math.abs(expectH), "H " + at);
                }
            }
        }
    }

    private static double reference(int d, double cut, double r, DoubleUnaryOperator f) {
        GaussRule rule = GaussRule.legendre(30);
        DoubleUnaryOperator integrand = p -> Math.pow(p, d - 1) * f.applyAsDouble(p) * angular(d, p * r);
        int panels = 4000;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < panels; k++) {
            sum = sum.add(new BigDecimal(rule.integrate(integrand, cut * k / panels, cut * (k + 1) / panels)));
        }
        double sphereArea = d * RadialFourierIntegral.ballVolume(d, 1);
        return sum.doubleValue() * sphereArea / Math.pow(2 * Math.PI, d);
    }

    /** The average of cos(p.x) over the sphere |p| fixed, z = |p| |x|. */
    private static double angular(int d, double z) {
        if (z == 0) {
            return 1;
        }
        return switch (d) {
            case 1 -> Math.cos(z);
            case 2 -> BesselJ.value(0, z);
            case 3 -> Math.sin(z) / z;
            default -> 2 * BesselJ.value(1, z) / z;
        };
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new CutoffPropagator(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new CutoffPropagator(5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new CutoffPropagator(2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CutoffPropagator(2, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new CutoffPropagator(2, 1, 1).g(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ContinuumPropagator.value(3, 1, 0));
    }
}
