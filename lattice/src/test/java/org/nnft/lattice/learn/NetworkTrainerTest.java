package org.nnft.lattice.learn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Maximum likelihood for a Gaussian-Gaussian RBM (4 visible, 2 hidden) on data of a teacher RBM of the same
 * shape: the student's exact visible mean and covariance (from its joint Gaussian) must reproduce the data's.
 * Errors: the data's sampling error of the mean and covariance entries ({@code C_ii / N},
 * {@code (C_ii C_jj + C_ij^2) / N}, N divided by 2 tau_int of the data) and the Gamma-method error of the
 * student's exact moments over the averaged final steps, combined in quadrature; 5 sigma. 2000 steps of
 * eta = 0.05: after 500 the means and variances (matched directly by r and a) already agreed, but two
 * covariances, set only through the rank-2 coupling w, were still 3 sigma away.
 */
class NetworkTrainerTest {
    private static final double[] S = {0.3, -0.2};
    private static final double[] M = {0.6, 0.8};

    private static Phi4Network gaussian(double[] w, double[] r, double[] a) {
        return new Phi4Network(w, r, a, new double[4], S, M, new double[2]);
    }

    /** Exact visible {mean (4), covariance (16)} of a Gaussian-Gaussian network. */
    private static double[] moments(Phi4Network net) {
        int nv = net.visible(), nh = net.hidden();
        double[] w = net.w(), a = net.a(), r = net.r();
        RealMatrix p = new Array2DRowRealMatrix(nv + nh, nv + nh);
        for (int i = 0; i < nv; i++) {
            p.setEntry(i, i, 2 * a[i]);
            for (int j = 0; j < nh; j++) {
                p.setEntry(i, nv + j, -w[i * nh + j]);
                p.setEntry(nv + j, i, -w[i * nh + j]);
            }
        }
        for (int j = 0; j < nh; j++) {
            p.setEntry(nv + j, nv + j, 2 * M[j]);
        }
        RealMatrix cov = MatrixUtils.inverse(p);
        double[] l = {r[0], r[1], r[2], r[3], S[0], S[1]};
        double[] mean = cov.operate(new ArrayRealVector(l)).mapMultiply(-1).toArray();
        double[] out = new double[nv + nv * nv];
        for (int i = 0; i < nv; i++) {
            out[i] = mean[i];
            for (int k = 0; k < nv; k++) {
                out[nv + i * nv + k] = cov.getEntry(i, k);
            }
        }
        return out;
    }

    @Tag("slow")
    @Test
    void studentReproducesTheVisibleMomentsOfTheTeacherData() {
        Phi4Network teacher = gaussian(new double[] {0.6, -0.4, 0.5, 0.3, -0.3, 0.6, 0.4, 0.2},
                new double[] {0.2, -0.3, 0.1, 0.0}, new double[] {0.9, 1.0, 0.8, 1.1});
        int rows = 4000;
        double[][] data = new double[rows][4];
        double[] phi = new double[4];
        double[] h = new double[2];
        for (int t = 0; t < 100 + 3 * rows; t++) {
            teacher.gibbsSweep(phi, h, 21, t);
            if (t >= 100 && (t - 100) % 3 == 0) {
                data[(t - 100) / 3] = phi.clone();
            }
        }
        Phi4Network student = gaussian(new double[] {0.1, 0.1, -0.1, 0.1, 0.1, -0.1, 0.1, 0.1},
                new double[4], new double[] {1, 1, 1, 1});
        int steps = 2000;
        int averaged = 200;
        List<Phi4Network> history = NetworkTrainer.train(student, data, steps, 100, 0.05, false, 8);
        int nm = 20;
        double[][] trajectory = new double[nm][averaged];
        for (int t = 0; t < averaged; t++) {
            double[] mo = moments(history.get(steps - averaged + t));
            for (int k = 0; k < nm; k++) {
                trajectory[k][t] = mo[k];
            }
        }
        double tau = 0.5;
        double[] dataMean = new double[4];
        double[][] dataCov = new double[4][4];
        for (int i = 0; i < 4; i++) {
            double[] col = new double[rows];
            for (int n = 0; n < rows; n++) {
                col[n] = data[n][i];
            }
            Estimate e = ErrorAnalysis.mean(col);
            tau = Math.max(tau, e.tauInt());
            dataMean[i] = e.value();
        }
        for (double[] row : data) {
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < 4; k++) {
                    dataCov[i][k] += (row[i] - dataMean[i]) * (row[k] - dataMean[k]) / rows;
                }
            }
        }
        double nEff = rows / (2 * tau);
        StringBuilder bad = new StringBuilder();
        for (int k = 0; k < nm; k++) {
            Estimate learned = ErrorAnalysis.mean(trajectory[k]);
            double target;
            double dataVariance;
            if (k < 4) {
                target = dataMean[k];
                dataVariance = dataCov[k][k] / nEff;
            } else {
                int i = (k - 4) / 4, j = (k - 4) % 4;
                target = dataCov[i][j];
                dataVariance = (dataCov[i][i] * dataCov[j][j] + dataCov[i][j] * dataCov[i][j]) / nEff;
            }
            double sigma = Math.sqrt(dataVariance + learned.error() * learned.error());
            System.out.printf("RBM moment %d: student %.4f +- %.2g, data %.4f +- %.2g%n", k, learned.value(),
                    learned.error(), target, Math.sqrt(dataVariance));
            if (Math.abs(learned.value() - target) > 5 * sigma) {
                bad.append(String.format("%n moment %d: %.4f vs %.4f, sigma %.2g", k, learned.value(), target, sigma));
            }
        }
        assertTrue(bad.isEmpty(), "student moments off:" + bad);
    }
}
