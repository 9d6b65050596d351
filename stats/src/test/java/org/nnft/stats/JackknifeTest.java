package org.nnft.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Delete-one-block jackknife against exact identities and the exact delta method. */
class JackknifeTest {

    /** For the mean with blocks of one sample the jackknife error is exactly s/sqrt(N). */
    @Test
    void errorOfMeanEqualsStandardErrorForSingleSampleBlocks() {
        double[] x = gaussians(500, 1, 3, 2);
        JackknifeResult r = Jackknife.ofSeries(x.length, x).estimate(m -> m[0]);
        double standardError = Math.sqrt(GammaMethodTest.sampleVariance(x) / x.length);
        assertEquals(standardError, r.error(), 1e-12 * standardError);
        assertEquals(GammaMethodTest.average(x), r.value(), 1e-12);
        assertEquals(r.value(), r.biasCorrected(), 1e-12, "the mean is unbiased: no correction");
    }

    /** With equal blocks the jackknife error of the mean is the standard error of the block means. */
    @Test
    void errorOfMeanEqualsStandardErrorOfEqualBlockMeans() {
        double[] x = gaussians(1000, 7, 0, 1);
        int blocks = 40;
        double[] blockMeans = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < 25; i++) {
                blockMeans[b] += x[25 * b + i] / 25;
            }
        }
        JackknifeResult r = Jackknife.ofSeries(blocks, x).estimate(m -> m[0]);
        double expected = Math.sqrt(GammaMethodTest.sampleVariance(blockMeans) / blocks);
        assertEquals(expected, r.error(), 1e-12 * expected);
    }

    /**
     * Unequal blocks: for the mean the delete-m_j pseudo-values are exactly the block means, so
     * var = (1/B) sum_b (ybar_b - ybar)^2 / (N/n_b - 1).
     */
    @Test
    void unequalBlocksReproduceTheDeleteMjFormulaForTheMean() {
        long[] counts = {3, 10, 7, 1, 25, 4};
        double[] blockMeans = {1.0, 2.5, -0.5, 4.0, 1.2, 0.3};
        double[][] sums = new double[counts.length][1];
        long n = 0;
        double total = 0;
        for (int b = 0; b < counts.length; b++) {
            sums[b][0] = blockMeans[b] * counts[b];
            n += counts[b];
            total += sums[b][0];
        }
        double mean = total / n;
        double var = 0;
        for (int b = 0; b < counts.length; b++) {
            var += Math.pow(blockMeans[b] - mean, 2) / ((double) n / counts[b] - 1) / counts.length;
        }
        JackknifeResult r = Jackknife.ofBlockSums(counts, sums).estimate(m -> m[0]);
        assertEquals(mean, r.value(), 1e-14);
        assertEquals(Math.sqrt(var), r.error(), 1e-14);
        assertEquals(mean, r.biasCorrected(), 1e-14);
    }

    /**
     * Ratio estimator with single-sample blocks equals the delta method with the sample covariance
     * up to second-order terms of relative size O(sigma/(mu N)) < 1e-3 here.
     */
    @Test
    void ratioMatchesSampleDeltaMethod() {
        int n = 2000;
        double[] x = gaussians(n, 21, 2, 1);
        double[] y = gaussians(n, 22, 5, 1);
        double mx = GammaMethodTest.average(x);
        double my = GammaMethodTest.average(y);
        double[] projected = new double[n];
        for (int i = 0; i < n; i++) {
            projected[i] = x[i] / my - mx * y[i] / (my * my);
        }
        double delta = Math.sqrt(GammaMethodTest.sampleVariance(projected) / n);
        JackknifeResult r = Jackknife.ofSeries(n, x, y).estimate(m -> m[0] / m[1]);
        assertEquals(mx / my, r.value(), 1e-14);
        assertEquals(delta, r.error(), 1e-3 * delta);
    }

    /**
     * Calibration over 200 independent data sets of 1000 samples in 20 blocks: the mean reported
     * variance equals the exact delta-method variance of x/y (5 standard errors of the mean of the
     * reported variances, plus 2% for O(1/N) nonlinearity), and the bias-corrected ratio is unbiased.
     */
    @Test
    void ratioErrorsAreCalibrated() {
        double muX = 2;
        double muY = 5;
        double sX = 1;
        double sY = 1;
        int n = 1000;
        int repetitions = 200;
        double exactVariance = (sX * sX / (muY * muY) + muX * muX * sY * sY / Math.pow(muY, 4)) / n;
        SplittableRandom seeds = new SplittableRandom(31);
        double[] variances = new double[repetitions];
        double[] corrected = new double[repetitions];
        for (int rep = 0; rep < repetitions; rep++) {
            double[] x = gaussians(n, seeds.nextLong(), muX, sX);
            double[] y = gaussians(n, seeds.nextLong(), muY, sY);
            JackknifeResult r = Jackknife.ofSeries(20, x, y).estimate(m -> m[0] / m[1]);
            variances[rep] = r.error() * r.error();
            corrected[rep] = r.biasCorrected();
        }
        double meanVariance = GammaMethodTest.average(variances);
        double errorOfMeanVariance = Math.sqrt(GammaMethodTest.sampleVariance(variances) / repetitions);
        assertEquals(exactVariance, meanVariance, 5 * errorOfMeanVariance + 0.02 * exactVariance);
        assertEquals(muX / muY, GammaMethodTest.average(corrected), 5 * Math.sqrt(exactVariance / repetitions));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Jackknife.ofSeries(1, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Jackknife.ofSeries(3, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> Jackknife.ofSeries(2, new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Jackknife.ofBlockSums(new long[] {1, 0}, new double[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class,
                () -> Jackknife.ofBlockSums(new long[] {1, 2}, new double[][] {{1}}));
    }

    static double[] gaussians(int n, long seed, double mean, double sigma) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sigma * Gaussian.next(random);
        }
        return x;
    }
}
