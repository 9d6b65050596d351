package org.nnft.lattice.learn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link Rbm} family against exact results: a Bernoulli-Bernoulli RBM of 10 visible x 4 hidden units by
 * enumeration of its 2^10 visible states (hidden units summed analytically) for the Gibbs marginals, the
 * likelihood gradient and training; a Gaussian-Gaussian RBM against its exact joint Gaussian moments.
 */
class RbmTest {
    private static final int NV = 10;
    private static final int NH = 4;

    /** Exact quantities of a Bernoulli-Bernoulli RBM by enumeration of phi in {0,1}^nv. */
    record Enumeration(Rbm net, double logZ, double[] featureMean) {
        static Enumeration of(Rbm net) {
            int nv = net.visible();
            int states = 1 << nv;
            double[] logWeight = new double[states];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < states; k++) {
                logWeight[k] = logUnnormalised(net, bits(k, nv));
                max = Math.max(max, logWeight[k]);
            }
            double z = 0;
            for (double lw : logWeight) {
                z += Math.exp(lw - max);
            }
            double logZ = max + Math.log(z);
            double[] mean = new double[RbmTrainer.count(net)];
            double[] h = new double[net.hidden()];
            for (int k = 0; k < states; k++) {
                double[] phi = bits(k, nv);
                for (int j = 0; j < h.length; j++) {
                    h[j] = net.hiddenMean(phi, j);
                }
                RbmTrainer.accumulate(net, phi, h, mean, Math.exp(logWeight[k] - logZ));
            }
            return new Enumeration(net, logZ, mean);
        }

        /** {@code log sum_h exp(-S(phi, h)) = -r.phi + sum_j log(1 + e^{J_j})}. */
        static double logUnnormalised(Rbm net, double[] phi) {
            double[] r = net.r();
            double out = 0;
            for (int i = 0; i < phi.length; i++) {
                out -= r[i] * phi[i];
            }
            for (int j = 0; j < net.hidden(); j++) {
                double f = net.hiddenField(phi, j);
                out += Math.max(f, 0) + Math.log1p(Math.exp(-Math.abs(f)));
            }
            return out;
        }

        double negativeLogLikelihood(double[][] data) {
            double s = 0;
            for (double[] row : data) {
                s -= logUnnormalised(net, row) - logZ;
            }
            return s / data.length;
        }
    }

    private static double[] bits(int k, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (k >> i) & 1;
        }
        return out;
    }

    static Rbm randomBernoulli(long seed, double scale) {
        double[] w = new double[NV * NH];
        double[] r = new double[NV];
        double[] s = new double[NH];
        for (int k = 0; k < w.length; k++) {
            w[k] = scale * (4 * RandomStreams.uniformDouble(seed, 0, k) - 2);
        }
        for (int i = 0; i < NV; i++) {
            r[i] = scale * (2 * RandomStreams.uniformDouble(seed, 1, i) - 1);
        }
        for (int j = 0; j < NH; j++) {
            s[j] = scale * (2 * RandomStreams.uniformDouble(seed, 2, j) - 1);
        }
        return Rbm.bernoulli(w, r, s);
    }

    /** Exact draws of the visible marginal by inverse CDF over the enumerated states. */
    private static double[][] exactData(Rbm net, int rows, long seed) {
        Enumeration e = Enumeration.of(net);
        int states = 1 << NV;
        double[] cdf = new double[states];
        double c = 0;
        for (int k = 0; k < states; k++) {
            c += Math.exp(Enumeration.logUnnormalised(net, bits(k, NV)) - e.logZ());
            cdf[k] = c;
        }
        double[][] data = new double[rows][];
        for (int n = 0; n < rows; n++) {
            double u = RandomStreams.uniformDouble(seed, 3, n) * c;
            int k = 0;
            while (k < states - 1 && cdf[k] < u) {
                k++;
            }
            data[n] = bits(k, NV);
        }
        return data;
    }

    /** Gibbs averages of every dS/dtheta (and so of phi_i, h_j, phi_i h_j) agree with enumeration within 5 sigma. */
    @Test
    void bernoulliGibbsMarginalsMatchEnumeration() {
        Rbm net = randomBernoulli(5, 0.5);
        Enumeration e = Enumeration.of(net);
        int sweeps = 20000;
        int p = RbmTrainer.count(net);
        double[][] series = new double[p][sweeps];
        double[] phi = new double[NV];
        double[] h = new double[NH];
        double[] f = new double[p];
        for (int t = 0; t < 200 + sweeps; t++) {
            net.gibbsSweep(phi, h, 11, t);
            if (t >= 200) {
                Arrays.fill(f, 0);
                RbmTrainer.accumulate(net, phi, h, f, 1.0);
                for (int k = 0; k < p; k++) {
                    series[k][t - 200] = f[k];
                }
            }
        }
        double worst = 0;
        for (int k = 0; k < p; k++) {
            Estimate est = ErrorAnalysis.mean(series[k]);
            double z = Math.abs(est.value() - e.featureMean()[k]) / est.error();
            worst = Math.max(worst, z);
            assertEquals(e.featureMean()[k], est.value(), 5 * est.error(), "feature " + k);
        }
        System.out.printf("Bernoulli RBM 10x4: %d Gibbs feature means vs enumeration, largest deviation %.2f sigma%n",
                p, worst);
    }

    /**
     * The likelihood gradient {@code dataPhase - <dS/dtheta>_model} (the model phase by enumeration) equals the
     * central finite difference of the exact negative log-likelihood, to 1e-7.
     */
    @Test
    void likelihoodGradientMatchesFiniteDifferencesOfTheExactLikelihood() {
        Rbm teacher = randomBernoulli(7, 1.0);
        double[][] data = exactData(teacher, 300, 8);
        Rbm net = randomBernoulli(9, 0.3);
        double[] grad = RbmTrainer.dataPhase(net, data, 1, 0);
        double[] model = Enumeration.of(net).featureMean();
        double eps = 1e-5;
        double worst = 0;
        for (int k = 0; k < grad.length; k++) {
            double g = grad[k] - model[k];
            double fd = (nll(shifted(net, k, eps), data) - nll(shifted(net, k, -eps), data)) / (2 * eps);
            worst = Math.max(worst, Math.abs(g - fd));
            assertEquals(fd, g, 1e-7, "parameter " + k);
        }
        System.out.printf("Bernoulli RBM 10x4: likelihood gradient vs finite differences, largest difference %.2g%n",
                worst);
    }

    private static double nll(Rbm net, double[][] data) {
        return Enumeration.of(net).negativeLogLikelihood(data);
    }

    private static Rbm shifted(Rbm net, int k, double eps) {
        double[] w = net.w();
        double[] r = net.r();
        double[] s = net.s();
        int nw = w.length;
        if (k < nw) {
            w[k] += eps;
        } else if (k < nw + r.length) {
            r[k - nw] += eps;
        } else {
            s[k - nw - r.length] += eps;
        }
        return net.withLinear(w, r, s);
    }

    /**
     * Persistent-chain training on 500 exact draws of a teacher: the exact negative log-likelihood falls from
     * the start and ends within 0.05 of the teacher's own on the same data (the maximum-likelihood fit can only
     * be lower).
     */
    @Test
    void persistentGibbsTrainingApproachesTheTeachersLikelihood() {
        Rbm teacher = randomBernoulli(7, 1.0);
        double[][] data = exactData(teacher, 500, 8);
        Rbm start = randomBernoulli(9, 0.1);
        List<Rbm> history = RbmTrainer.train(start, data, 1500, 20, 1, 0.2, 21);
        double begin = nll(start, data);
        double end = nll(history.getLast(), data);
        double target = nll(teacher, data);
        System.out.printf("Bernoulli RBM training: exact NLL %.4f -> %.4f (teacher %.4f, uniform %.4f)%n", begin,
                end, target, NV * Math.log(2));
        assertTrue(end < begin - 0.3, begin + " -> " + end);
        assertTrue(end < target + 0.05, end + " vs teacher " + target);
    }

    /**
     * Gaussian-Gaussian RBM (both layers continuous, b = n = 0): the joint density is Gaussian with precision
     * {@code P = [[2 diag a, -W], [-W^T, 2 diag m]]} and mean {@code -P^-1 (r, s)}; Gibbs moments of phi_i and
     * phi_i phi_k agree with it within 5 sigma.
     */
    @Test
    void gaussianGaussianMatchesTheExactJointGaussian() {
        int nv = 3;
        int nh = 2;
        double[] w = {0.4, -0.3, 0.2, 0.5, -0.1, 0.3};
        double[] r = {0.2, -0.1, 0.3};
        double[] a = {1.0, 0.8, 1.2};
        double[] s = {-0.2, 0.1};
        double[] m = {0.9, 1.1};
        Rbm net = new Rbm(Rbm.Units.CONTINUOUS, Rbm.Units.CONTINUOUS, w, r, a, new double[nv], s, m, new double[nh]);
        RealMatrix prec = new Array2DRowRealMatrix(nv + nh, nv + nh);
        for (int i = 0; i < nv; i++) {
            prec.setEntry(i, i, 2 * a[i]);
            for (int j = 0; j < nh; j++) {
                prec.setEntry(i, nv + j, -w[i * nh + j]);
                prec.setEntry(nv + j, i, -w[i * nh + j]);
            }
        }
        for (int j = 0; j < nh; j++) {
            prec.setEntry(nv + j, nv + j, 2 * m[j]);
        }
        RealMatrix cov = new LUDecomposition(prec).getSolver().getInverse();
        RealVector mean = cov.operate(new ArrayRealVector(new double[]{-r[0], -r[1], -r[2], -s[0], -s[1]}));
        int sweeps = 40000;
        double[][] series = new double[nv + nv * nv][sweeps];
        double[] phi = new double[nv];
        double[] h = new double[nh];
        for (int t = 0; t < 100 + sweeps; t++) {
            net.gibbsSweep(phi, h, 3, t);
            if (t >= 100) {
                for (int i = 0; i < nv; i++) {
                    series[i][t - 100] = phi[i];
                    for (int k = 0; k < nv; k++) {
                        series[nv + i * nv + k][t - 100] = phi[i] * phi[k];
                    }
                }
            }
        }
        for (int i = 0; i < nv; i++) {
            Estimate e = ErrorAnalysis.mean(series[i]);
            assertEquals(mean.getEntry(i), e.value(), 5 * e.error(), "<phi_" + i + ">");
            for (int k = 0; k < nv; k++) {
                double exact = cov.getEntry(i, k) + mean.getEntry(i) * mean.getEntry(k);
                Estimate e2 = ErrorAnalysis.mean(series[nv + i * nv + k]);
                assertEquals(exact, e2.value(), 5 * e2.error(), "<phi_" + i + " phi_" + k + ">");
            }
        }
    }

    @Test
    void bernoulliUnitsRefuseQuadraticTerms() {
        assertThrows(IllegalArgumentException.class, () -> new Rbm(Rbm.Units.BERNOULLI, Rbm.Units.BERNOULLI,
                new double[2], new double[2], new double[]{1, 0}, new double[2], new double[1], new double[1],
                new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new Rbm(Rbm.Units.CONTINUOUS, Rbm.Units.BERNOULLI,
                new double[2], new double[2], new double[]{1, 0}, new double[2], new double[1], new double[1],
                new double[1]));
    }
}
