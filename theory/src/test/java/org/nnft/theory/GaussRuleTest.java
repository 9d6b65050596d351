package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussRuleTest {

    @Test
    void legendreIntegratesPolynomialsExactlyAndSmoothFunctionsToRoundOff() {
        GaussRule rule = GaussRule.legendre(12);
        // degree 22 <= 2n-1 = 23: exact
        assertEquals(2.0 / 23, rule.integrate(x -> Math.pow(x, 22), -1, 1), 1e-15);
        assertEquals(Math.E - 1, GaussRule.legendre(20).integrate(Math::exp, 0, 1), 1e-15);
    }

    @Test
    void normalRuleReproducesGaussianMoments() {
        for (int n : new int[] {1, 7, 40, 96}) {
            GaussRule rule = GaussRule.normal(n);
            double m0 = 0, m2 = 0, m4 = 0, m8 = 0;
            for (int i = 0; i < n; i++) {
                double x = rule.node(i), w = rule.weight(i);
                m0 += w;
                m2 += w * x * x;
                m4 += w * x * x * x * x;
                m8 += w * Math.pow(x, 8);
            }
            assertEquals(1, m0, 1e-13, "sum of weights, n=" + n);
            if (n >= 2) {
                assertEquals(1, m2, 1e-13);
            }
            if (n >= 3) {
                assertEquals(3, m4, 1e-12);
            }
            if (n >= 5) {
                assertEquals(105, m8, 1e-10);
            }
        }
        // E[cos(Z)] = exp(-1/2)
        GaussRule rule = GaussRule.normal(40);
        double c = 0;
        for (int i = 0; i < rule.size(); i++) {
            c += rule.weight(i) * Math.cos(rule.node(i));
        }
        assertEquals(Math.exp(-0.5), c, 1e-14);
    }

    @Test
    void rejectsBadOrder() {
        assertThrows(IllegalArgumentException.class, () -> GaussRule.legendre(0));
        assertThrows(IllegalArgumentException.class, () -> GaussRule.normal(-3));
    }
}
