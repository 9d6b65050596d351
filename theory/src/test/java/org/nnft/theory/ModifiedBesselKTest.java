package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModifiedBesselKTest {

    @Test
    void k0AgreesWithAscendingSeries() {
        // K0(x) = -(ln(x/2) + gamma) I0(x) + sum_k (x^2/4)^k / (k!)^2 H_k   (DLMF 10.31.2)
        double gamma = 0.57721566490153286;
        for (double x : new double[] {0.01, 0.3, 1.0, 2.5}) {
            double q = x * x / 4, term = 1, i0 = 1, harmonicSum = 0, harmonic = 0;
            for (int k = 1; k < 40; k++) {
                term *= q / ((double) k * k);
                harmonic += 1.0 / k;
                i0 += term;
                harmonicSum += term * harmonic;
            }
            double series = -(Math.log(x / 2) + gamma) * i0 + harmonicSum;
            assertEquals(series, ModifiedBesselK.k0(x), 2e-15 * Math.max(1, series), "x=" + x);
        }
    }

    @Test
    void tabulatedValuesAndLargeArgumentAsymptotics() {
        assertEquals(0.42102443824070834, ModifiedBesselK.k0(1), 1e-15); // DLMF / A&S table 9.8
        assertEquals(0.60190723019723457, ModifiedBesselK.k1(1), 1e-15);
        // K1(x) ~ sqrt(pi/(2x)) e^-x (1 + 3/(8x) - 15/(128 x^2) + ...), relative truncation ~ 1e-7 at x = 200
        double x = 200;
        double asymptotic = Math.sqrt(Math.PI / (2 * x)) * Math.exp(-x) * (1 + 3 / (8 * x) - 15 / (128 * x * x));
        assertEquals(1, ModifiedBesselK.k1(x) / asymptotic, 1e-7);
    }
}
