package org.nnft.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gamma method against exact AR(1) results (tau_int = (1/2)(1+a)/(1-a), exact variance of the
 * mean) and exact delta-method errors. Tolerances: 5 sigma of the method's own error estimates plus
 * the exact truncation bias 2 a^(W+1)/(1+a) of the window sum where stated.
 */
class GammaMethodTest {

    @Test
    void tauIntOfLongAr1ChainMatchesExactValue() {
        double a = 0.8;
        int n = 1 << 17;
        GammaResult r = GammaMethod.analyze(Ar1Process.chain(a, n, new SplittableRandom(11)));
        double exact = Ar1Process.exactTauInt(a);
        double truncation = exact * Ar1Process.relativeTruncationBias(a, r.window());
        assertEquals(exact, r.tauInt(), 5 * r.tauIntError() + truncation, () -> r.toString());
        assertTrue(r.window() > 5, "window must grow with tau_int, got " + r.window());
        assertEquals(1.0, r.rho()[0], 1e-15);
        assertEquals(a, r.rho()[1], 5 * Math.sqrt(1.0 / n) * 3, "rho(1)");   // var(rho(1)) ~ (1+a^2)/(1-a^2)/N < 9/N
    }

    @Test
    void errorOfLongAr1ChainMatchesExactVarianceOfMean() {
        double a = 0.8;
        int n = 1 << 17;
        double[] x = Ar1Process.chain(a, n, new SplittableRandom(12));
        GammaResult r = GammaMethod.analyze(x);
        double exactError = Math.sqrt(Ar1Process.exactVarianceOfMean(a, n));
        double truncation = exactError * Ar1Process.relativeTruncationBias(a, r.window()) / 2;
        assertEquals(exactError, r.error(), 5 * r.errorOfError() + truncation);
        assertEquals(0.0, r.mean(), 5 * exactError, "mean of a zero-mean process");
    }

    /**
     * Calibration over 200 independent short chains: the average reported error equals the exact
     * standard deviation of the mean (tolerance 5 standard errors of that average, plus 2% for the
     * known O(1/N) and window biases at N = 1000), and the observed spread of the 200 means agrees
     * with the reported errors (chi^2 with 199 dof: 5 sigma = 5 sqrt(2/199) relative).
     */
    @Test
    void errorsAreCalibratedOverIndependentShortChains() {
        double a = 0.5;
        int n = 1000;
        int chains = 200;
        SplittableRandom seeds = new SplittableRandom(2024);
        double[] means = new double[chains];
        double[] errors = new double[chains];
        for (int c = 0; c < chains; c++) {
            GammaResult r = GammaMethod.analyze(Ar1Process.chain(a, n, seeds.split()));
            means[c] = r.mean();
            errors[c] = r.error();
        }
        double exactError = Math.sqrt(Ar1Process.exactVarianceOfMean(a, n));
        double averageError = average(errors);
        double errorOfAverage = Math.sqrt(sampleVariance(errors) / chains);
        assertEquals(exactError, averageError, 5 * errorOfAverage + 0.02 * exactError);

        double meanSquareError = 0;
        for (double e : errors) {
            meanSquareError += e * e / chains;
        }
        double spreadRatio = sampleVariance(means) / meanSquareError;
        assertEquals(1.0, spreadRatio, 5 * Math.sqrt(2.0 / (chains - 1)) + 0.04);
    }

    @Test
    void independentDataHaveTauIntOneHalf() {
        int n = 1_000_000;
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3 + 2 * Gaussian.next(random);
        }
        GammaResult r = GammaMethod.analyze(x);
        assertEquals(0.5, r.tauInt(), 5 * r.tauIntError() + 1.0 / n);
        assertEquals(2 / Math.sqrt(n), r.error(), 5 * r.errorOfError());
        assertEquals(3, r.mean(), 5 * r.error());
    }

    /**
     * A long strongly correlated chain exercises the FFT path (window far beyond the direct lags). How fast the
     * analysis is belongs to JMH ({@code GammaMethodBenchmark} in the bench module), not to a unit test.
     */
    @Tag("slow")
    @Test
    void longStronglyCorrelatedChainUsesFftAndIsCorrect() {
        double a = 0.98;
        int n = 1_000_000;
        double[] x = Ar1Process.chain(a, n, new SplittableRandom(99));
        GammaResult r = GammaMethod.analyze(x);
        assertTrue(r.window() > 100, "window " + r.window());
        double exact = Ar1Process.exactTauInt(a);
        assertEquals(exact, r.tauInt(), 5 * r.tauIntError() + exact * Ar1Process.relativeTruncationBias(a, r.window()));
    }

    @Test
    void fftAndDirectAutocovarianceAgree() {
        double[] x = Ar1Process.chain(0.7, 3001, new SplittableRandom(3));
        double[] fft = Autocovariance.viaFft(x);
        Autocovariance lazy = new Autocovariance(x, Integer.MAX_VALUE);
        double scale = Autocovariance.direct(x, 0);
        for (int t = 0; t < x.length; t += 7) {
            assertEquals(Autocovariance.direct(x, t), fft[t], 1e-12 * scale * x.length / (x.length - t), "lag " + t);
            assertEquals(Autocovariance.direct(x, t), lazy.at(t), 0.0, "lag " + t);
        }
    }

    /**
     * Ratio of two cross-correlated AR(1) observables: the projected series is AR(1) with variance
     * g^T Sigma g, so the exact error is sqrt(g^T Sigma g Var_AR(mean)).
     */
    @Test
    void derivedRatioErrorMatchesExactDeltaMethod() {
        double a = 0.6;
        double c = 0.5;
        double muX = 2;
        double muY = 4;
        int n = 50_000;
        SplittableRandom random = new SplittableRandom(77);
        double[] e1 = new double[n];
        double[] e2 = new double[n];
        for (int i = 0; i < n; i++) {
            e1[i] = Gaussian.next(random);
            e2[i] = c * e1[i] + Math.sqrt(1 - c * c) * Gaussian.next(random);
        }
        double[] x = Ar1Process.fromInnovations(a, e1);
        double[] y = Ar1Process.fromInnovations(a, e2);
        for (int i = 0; i < n; i++) {
            x[i] += muX;
            y[i] += muY;
        }
        GammaResult r = GammaMethod.derived(m -> m[0] / m[1], x, y);
        double g1 = 1 / muY;
        double g2 = -muX / (muY * muY);
        double projectedVariance = g1 * g1 + g2 * g2 + 2 * c * g1 * g2;
        double exactError = Math.sqrt(projectedVariance * Ar1Process.exactVarianceOfMean(a, n));
        double truncation = exactError * Ar1Process.relativeTruncationBias(a, r.window()) / 2;
        assertEquals(exactError, r.error(), 5 * r.errorOfError() + truncation);
        assertEquals(muX / muY, r.mean(), 5 * r.error());
        assertEquals(Ar1Process.exactTauInt(a), r.tauInt(), 5 * r.tauIntError() + 0.01);
    }

    /**
     * Binder cumulant U4 = 1 - <m^4>/(3<m^2>^2) of i.i.d. N(0,1) data is 0; the linearised error is
     * exactly sqrt(8/(3N)) (gradient (2, -1/3) on (m^2, m^4) with Var m^2 = 2, Var m^4 = 96,
     * Cov = 12).
     */
    @Tag("slow")
    @Test
    void binderCumulantOfGaussianDataIsZeroWithExactError() {
        int n = 1_000_000;
        SplittableRandom random = new SplittableRandom(8);
        double[] m2 = new double[n];
        double[] m4 = new double[n];
        for (int i = 0; i < n; i++) {
            double m = Gaussian.next(random);
            m2[i] = m * m;
            m4[i] = m2[i] * m2[i];
        }
        GammaResult r = GammaMethod.derived(m -> 1 - m[1] / (3 * m[0] * m[0]), m2, m4);
        double exactError = Math.sqrt(8.0 / (3 * n));
        // The projected series p = 2(m^2-1) - (m^4-3)/3 is far from Gaussian, so Wolff's Gaussian
        // error-of-error underestimates; the relative error of sqrt(mean p^2) is sqrt(Var(p^2)/N)/(2 E p^2).
        double[] p2 = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 2 * (m2[i] - 1) - (m4[i] - 3) / 3;
            p2[i] = p * p;
        }
        double relativeErrorOfError = Math.sqrt(sampleVariance(p2) / n) / (2 * average(p2));
        assertEquals(exactError, r.error(), 5 * relativeErrorOfError * exactError);
        assertEquals(0.0, r.mean(), 5 * exactError);
    }

    @Test
    void constantSeriesHasZeroError() {
        GammaResult r = GammaMethod.analyze(new double[] {2.5, 2.5, 2.5, 2.5});
        assertEquals(2.5, r.mean());
        assertEquals(0.0, r.error());
        assertEquals(0.5, r.tauInt());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> GammaMethod.analyze(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> GammaMethod.analyze(null));
        assertThrows(IllegalArgumentException.class, () -> GammaMethod.analyze(new double[] {1, Double.NaN, 2}));
        assertThrows(IllegalArgumentException.class, () -> GammaMethod.analyze(new double[] {1, 2, 3}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GammaMethod.derived(m -> m[0], new double[] {1, 2, 3}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> GammaMethod.derived(m -> m[0]));
    }

    static double average(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    static double sampleVariance(double[] a) {
        double mean = average(a);
        double s = 0;
        for (double v : a) {
            s += (v - mean) * (v - mean);
        }
        return s / (a.length - 1);
    }
}
