package org.nnft.regression;

import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.InfiniteWidthKernels;

import java.util.stream.IntStream;

/**
 * Exact Bayesian inference with the NNGP prior (Neal 1996; Lee et al. 2018): observations y = f(X) + noise,
 * noise ~ N(0, sigma_n^2 I), f ~ GP(0, K). With A = K(X, X) + sigma_n^2 I = L L^T (Cholesky, ND4J),
 * <pre>
 *   mean(x)        = K(x, X) A^-1 Y
 *   covariance(x,x') = K(x, x') - V(x)^T V(x'),   V(x) = L^-1 K(X, x)
 * </pre>
 * sigma_n^2 = 0 is exact interpolation (needs K(X, X) positive definite). Cost O(n^3/3) once, O(n^2) per
 * test point.
 */
public final class NngpRegression {

    private final InfiniteWidthKernels kernels;
    private final double[][] trainPoints;
    private final double[] targets;
    private final double noiseVariance;
    private final CholeskySolver solver;
    private final double[] weights;

    /**
     * @param kernels       NNGP kernel K
     * @param trainPoints   n training inputs
     * @param targets       n targets
     * @param noiseVariance sigma_n^2 &gt;= 0 added to the diagonal
     */
    public NngpRegression(InfiniteWidthKernels kernels, double[][] trainPoints, double[] targets,
            double noiseVariance) {
        KernelRows.requireTrainingSet(trainPoints, targets);
        this.kernels = kernels;
        this.trainPoints = trainPoints.clone();
        this.targets = targets.clone();
        this.noiseVariance = noiseVariance;
        int n = trainPoints.length;
        this.solver = new CholeskySolver(KernelRows.matrix(kernels::nngp, trainPoints, trainPoints, true), n,
                noiseVariance);
        this.weights = solver.solve(this.targets, 1);
    }

    /** a = (K(X, X) + sigma_n^2 I)^-1 Y, the weights of the posterior mean on the training points. */
    public double[] weights() {
        return weights.clone();
    }

    /** || (K(X, X) + sigma_n^2 I) a - Y ||_2 recomputed from the kernel (a check of the solve). */
    public double residualNorm() {
        int n = trainPoints.length;
        double[] r = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double s = noiseVariance * weights[i] - targets[i];
            for (int j = 0; j < n; j++) {
                s += kernels.nngp(trainPoints[i], trainPoints[j]) * weights[j];
            }
            r[i] = s;
        });
        double sum = 0;
        for (double v : r) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** Posterior mean and covariance on the test points. */
    public GaussianPrediction predict(double[][] testPoints) {
        int n = trainPoints.length;
        int m = testPoints.length;
        double[] cross = KernelRows.matrix(kernels::nngp, trainPoints, testPoints, false);
        double[] mean = new double[m];
        for (int a = 0; a < n; a++) {
            for (int j = 0; j < m; j++) {
                mean[j] += cross[a * m + j] * weights[a];
            }
        }
        double[] v = solver.halfSolve(cross, m);
        double[][] covariance = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double s = kernels.nngp(testPoints[i], testPoints[j]);
                for (int a = 0; a < n; a++) {
                    s -= v[a * m + i] * v[a * m + j];
                }
                covariance[i][j] = covariance[j][i] = s;
            }
        }
        return new GaussianPrediction(mean, covariance);
    }
}
