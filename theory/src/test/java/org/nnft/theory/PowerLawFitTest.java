package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerLawFitTest {

    private static final double[] WIDTHS = {2, 4, 8, 16, 32, 64, 128};

    @Test
    void exactPowerLawIsRecovered() {
        double[] y = new double[WIDTHS.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.37 / WIDTHS[i];
        }
        PowerLawFit fit = PowerLawFit.fit(WIDTHS, y, null);
        assertEquals(-1, fit.slope(), 1e-14);
        assertEquals(Math.log(0.37), fit.intercept(), 1e-13);
        assertEquals(0, fit.slopeError(), 1e-13);
    }

    /**
     * Known multiplicative noise: y_i = c N_i^-1 exp(s eps_i), so log y has error s exactly.
     * Over many replicas the slope is unbiased, its spread equals the reported known-error standard error
     * sqrt(1/S_uu) s, and chi^2/dof averages to 1. Statistical tolerances: 2000 replicas give the mean slope
     * to se/sqrt(2000) (asserted at 5 of those) and the spread to 1/sqrt(2*2000) = 1.6% (asserted at 6%).
     */
    @Test
    void noisyPowerLawHasCalibratedErrors() {
        Random random = new Random(2024);
        double s = 0.05;
        int replicas = 2000;
        double sum = 0, sumSq = 0, reported = 0, unweightedReported = 0, chi2 = 0;
        for (int r = 0; r < replicas; r++) {
            double[] y = new double[WIDTHS.length], err = new double[WIDTHS.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = 0.5 / WIDTHS[i] * Math.exp(s * random.nextGaussian());
                err[i] = s * y[i];
            }
            PowerLawFit fit = PowerLawFit.fit(WIDTHS, y, err);
            sum += fit.slope();
            sumSq += fit.slope() * fit.slope();
            reported = fit.slopeError();
            chi2 += fit.chiSquarePerDegree();
            unweightedReported += PowerLawFit.fit(WIDTHS, y, null).slopeError();
        }
        double mean = sum / replicas;
        double spread = Math.sqrt(sumSq / replicas - mean * mean);
        assertEquals(-1, mean, 5 * reported / Math.sqrt(replicas));
        assertEquals(reported, spread, 0.06 * reported);
        assertEquals(1, chi2 / replicas, 0.06);
        // residual-based errors: E[s_hat] is slightly below s (c4 factor for 5 dof ~ 0.95)
        assertEquals(reported, unweightedReported / replicas, 0.08 * reported);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1, 2}, null));
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {1, 2, 3}, new double[] {1, -2, 3}, null));
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {2, 2, 2}, new double[] {1, 2, 3}, null));
    }
}
