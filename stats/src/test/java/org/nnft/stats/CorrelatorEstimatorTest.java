package org.nnft.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Estimated moments and connected correlators against a correlated non-Gaussian field with exactly
 * known joint cumulants: y = mu + L z + Gchol g, z_k ~ Poisson(lambda_k) (all cumulants lambda_k),
 * g ~ N(0, 1). Joint cumulants are multilinear: kappa(y_i1..y_in) = sum_k L_i1k..L_ink lambda_k
 * (+ mu_i at n = 1, + (Gchol Gchol^T)_ij at n = 2); exact moments follow from
 * m(S) = sum over partitions of prod kappa(block).
 */
class CorrelatorEstimatorTest {

    private static final double[] MU = {0.5, -0.3, 0.2};
    private static final double[][] L = {{0.6, 0.2}, {-0.3, 0.5}, {0.4, 0.4}};
    private static final double[] LAMBDA = {1.3, 0.8};
    private static final double[][] G_CHOL = {{0.7, 0, 0}, {0.2, 0.6, 0}, {-0.1, 0.3, 0.5}};

    /** All moments and connected correlators (M = 3, orders 1..4) within 5 sigma of the exact values. */
    @Test
    void estimatesAgreeWithExactValuesUpToOrderFour() {
        checkAgainstExact(Tuples.allUpToOrder(3, 4), 300_000, 100, 41);
    }

    /** Orders up to 6 for two points, with odd cumulants nonzero. */
    @Test
    void estimatesAgreeWithExactValuesUpToOrderSix() {
        checkAgainstExact(Tuples.closureOf(3, new int[] {0, 0, 0, 1, 1, 1},
                new int[] {0, 1, 2, 2, 2, 2}), 300_000, 100, 42);
    }

    private static void checkAgainstExact(Tuples tuples, int samples, int blocks, long seed) {
        CorrelatorEstimates e = CorrelatorEstimator.estimate(sample(tuples, samples, blocks,
                new SplittableRandom(seed)));
        assertEquals(samples, e.sampleCount());
        assertEquals(blocks, e.blockCount());
        for (int i = 0; i < tuples.size(); i++) {
            int[] t = tuples.tuple(i);
            double exactMoment = exactMoment(t);
            double exactConnected = exactCumulant(t);
            String name = Arrays.toString(t);
            assertEquals(exactMoment, e.moment(i), 5 * e.momentError(i), "moment " + name);
            assertEquals(exactConnected, e.connected(i), 5 * e.connectedError(i), "connected " + name);
            assertTrue(e.connectedError(i) > 0, "error of " + name);
        }
        int third = tuples.indexOf(0, 0, 1);
        assertTrue(Math.abs(exactCumulant(tuples.tuple(third))) > 5 * e.connectedError(third),
                "the test must resolve a nonzero third cumulant");
    }

    /**
     * Calibration: over 60 independent runs of 20 000 samples in 40 blocks, the mean over runs and
     * tuples of z^2 = ((estimate - exact)/error)^2 equals its expectation (B-1)/(B-3) for a
     * t-distribution with B-1 dof, within 5 standard errors of the run average plus a stated 0.1
     * systematic (O(1/N) bias and non-normality of higher-order estimators).
     */
    @Tag("slow")
    @Test
    void jackknifeErrorsAreCalibrated() {
        Tuples tuples = Tuples.allUpToOrder(3, 4);
        Cumulants cumulants = Cumulants.forTuples(tuples);
        int runs = 60;
        int blocks = 40;
        double[] runMeanZ2 = new double[runs];
        SplittableRandom seeds = new SplittableRandom(5);
        for (int r = 0; r < runs; r++) {
            CorrelatorEstimates e = CorrelatorEstimator.estimate(sample(tuples, 20_000, blocks, seeds.split()),
                    cumulants);
            double sum = 0;
            for (int i = 0; i < tuples.size(); i++) {
                double zMoment = (e.moment(i) - exactMoment(tuples.tuple(i))) / e.momentError(i);
                double zConnected = (e.connected(i) - exactCumulant(tuples.tuple(i))) / e.connectedError(i);
                sum += zMoment * zMoment + zConnected * zConnected;
            }
            runMeanZ2[r] = sum / (2 * tuples.size());
        }
        double expected = (blocks - 1.0) / (blocks - 3.0);
        double mean = GammaMethodTest.average(runMeanZ2);
        double standardError = Math.sqrt(GammaMethodTest.sampleVariance(runMeanZ2) / runs);
        assertEquals(expected, mean, 5 * standardError + 0.1);
    }

    /** Samples y into blocks of equal size (block ids 1000 + b). */
    static BlockMoments sample(Tuples tuples, int samples, int blocks, SplittableRandom random) {
        BlockMoments moments = new BlockMoments(tuples);
        double[] y = new double[3];
        int perBlock = samples / blocks;
        for (int b = 0; b < blocks; b++) {
            for (int s = 0; s < perBlock; s++) {
                double z0 = poisson(LAMBDA[0], random);
                double z1 = poisson(LAMBDA[1], random);
                double g0 = Gaussian.next(random);
                double g1 = Gaussian.next(random);
                double g2 = Gaussian.next(random);
                double[] g = {g0, g1, g2};
                for (int i = 0; i < 3; i++) {
                    y[i] = MU[i] + L[i][0] * z0 + L[i][1] * z1;
                    for (int j = 0; j <= i; j++) {
                        y[i] += G_CHOL[i][j] * g[j];
                    }
                }
                moments.addSample(1000 + b, y);
            }
        }
        return moments;
    }

    static double exactCumulant(int[] t) {
        double kappa = 0;
        for (int k = 0; k < LAMBDA.length; k++) {
            double product = LAMBDA[k];
            for (int p : t) {
                product *= L[p][k];
            }
            kappa += product;
        }
        if (t.length == 1) {
            kappa += MU[t[0]];
        }
        if (t.length == 2) {
            for (int j = 0; j < 3; j++) {
                kappa += G_CHOL[t[0]][j] * G_CHOL[t[1]][j];
            }
        }
        return kappa;
    }

    /**
     * The weighted (ratio) form: unit weights give the unweighted estimate bit for bit, a common
     * power-of-two scale of weights and sums changes nothing, and moments are sum(w x) / sum(w).
     */
    @Test
    void weightedEstimatesReduceToTheUnweightedOnes() {
        Tuples tuples = Tuples.allUpToOrder(2, 2);
        BlockMoments m = new BlockMoments(tuples);
        SplittableRandom random = new SplittableRandom(5);
        for (int b = 0; b < 6; b++) {
            for (int n = 0; n < 3 + b; n++) {
                m.addSample(b, new double[] {random.nextGaussian(), random.nextGaussian()});
            }
        }
        Cumulants cumulants = Cumulants.forTuples(tuples);
        long[] counts = m.counts();
        double[] weights = new double[counts.length];
        double[][] sums = new double[counts.length][];
        double[] scaledWeights = new double[counts.length];
        double[][] scaledSums = new double[counts.length][tuples.size()];
        for (int b = 0; b < counts.length; b++) {
            weights[b] = counts[b];
            sums[b] = m.sums(b);
            scaledWeights[b] = 0.25 * counts[b];
            for (int t = 0; t < tuples.size(); t++) {
                scaledSums[b][t] = 0.25 * sums[b][t];
            }
        }
        CorrelatorEstimates plain = CorrelatorEstimator.estimate(m);
        CorrelatorEstimates unit = CorrelatorEstimator.estimateWeighted(cumulants, counts, weights, sums);
        CorrelatorEstimates scaled = CorrelatorEstimator.estimateWeighted(cumulants, counts, scaledWeights, scaledSums);
        for (int t = 0; t < tuples.size(); t++) {
            assertEquals(plain.moment(t), unit.moment(t), 0.0);
            assertEquals(plain.connectedError(t), unit.connectedError(t), 0.0);
            assertEquals(plain.moment(t), scaled.moment(t), 0.0);
            assertEquals(plain.connectedError(t), scaled.connectedError(t), 0.0);
        }
        weights[2] = 3.5;
        CorrelatorEstimates w = CorrelatorEstimator.estimateWeighted(cumulants, counts, weights, sums);
        double total = 0;
        double sum = 0;
        for (int b = 0; b < counts.length; b++) {
            total += weights[b];
            sum += sums[b][tuples.indexOf(0, 1)];
        }
        assertEquals(sum / total, w.momentOf(0, 1), 1e-15);
    }

    static double exactMoment(int[] t) {
        SetPartitions partitions = SetPartitions.of(t.length);
        double sum = 0;
        for (int p = 0; p < partitions.count(); p++) {
            double product = 1;
            for (int block : partitions.blocks(p)) {
                product *= exactCumulant(Tuples.select(t, block));
            }
            sum += product;
        }
        return sum;
    }

    /** Knuth's multiplication method, fine for lambda of order one. */
    static int poisson(double lambda, SplittableRandom random) {
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
