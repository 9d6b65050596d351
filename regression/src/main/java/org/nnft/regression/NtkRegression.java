package org.nnft.regression;

import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.InfiniteWidthKernels;

import java.util.stream.IntStream;

/**
 * The infinitely wide network trained to convergence by gradient descent on the summed squared loss
 * (Jacot et al. 2018; Lee et al. 2019), for large training sets: the t to infinity limit of
 * {@link org.nnft.theory.LinearisedDynamics}. With Theta = Theta(X, X) = L L^T (Cholesky, ND4J) and
 * B(x) = Theta^-1 Theta(X, x):
 * <pre>
 *   mean(x)          = B(x)^T Y                                          (NTK regression)
 *   covariance(x,x') = K(x,x') - B(x)^T K(X,x') - K(x,X) B(x') + B(x)^T K(X,X) B(x')
 * </pre>
 * K is the NNGP kernel of the initial network. A jitter (default 0) can be added to Theta's diagonal when
 * Theta(X, X) is numerically singular (repeated points); it is then ridge-regularised NTK regression.
 * K(X, X) B is accumulated row by row, so only Theta(X, X) is held as an n x n matrix.
 */
public final class NtkRegression {

    private final InfiniteWidthKernels kernels;
    private final double[][] trainPoints;
    private final double[] targets;
    private final CholeskySolver solver;

    /**
     * @param kernels     NTK Theta and NNGP kernel K
     * @param trainPoints n training inputs
     * @param targets     n targets
     * @param jitter      diagonal shift &gt;= 0 of Theta(X, X)
     */
    public NtkRegression(InfiniteWidthKernels kernels, double[][] trainPoints, double[] targets, double jitter) {
        KernelRows.requireTrainingSet(trainPoints, targets);
        this.kernels = kernels;
        this.trainPoints = trainPoints.clone();
        this.targets = targets.clone();
        this.solver = new CholeskySolver(KernelRows.matrix(kernels::ntk, trainPoints, trainPoints, true),
                trainPoints.length, jitter);
    }

    /** The trained mean only (O(n^2) per test point, no covariance). */
    public double[] mean(double[][] testPoints) {
        int m = testPoints.length;
        double[] b = solver.solve(KernelRows.matrix(kernels::ntk, trainPoints, testPoints, false), m);
        double[] mean = new double[m];
        for (int a = 0; a < trainPoints.length; a++) {
            for (int j = 0; j < m; j++) {
                mean[j] += b[a * m + j] * targets[a];
            }
        }
        return mean;
    }

    /** Mean and covariance of the trained ensemble on the test points. */
    public GaussianPrediction predict(double[][] testPoints) {
        int n = trainPoints.length;
        int m = testPoints.length;
        double[] b = solver.solve(KernelRows.matrix(kernels::ntk, trainPoints, testPoints, false), m);
        double[] crossK = KernelRows.matrix(kernels::nngp, trainPoints, testPoints, false);
        double[] kb = new double[n * m];
        IntStream.range(0, n).parallel().forEach(a -> {
            for (int c = 0; c < n; c++) {
                double k = kernels.nngp(trainPoints[a], trainPoints[c]);
                for (int j = 0; j < m; j++) {
                    kb[a * m + j] += k * b[c * m + j];
                }
            }
        });
        double[] mean = new double[m];
        double[][] covariance = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < n; a++) {
                mean[i] += b[a * m + i] * targets[a];
            }
            for (int j = i; j < m; j++) {
                double s = kernels.nngp(testPoints[i], testPoints[j]);
                for (int a = 0; a < n; a++) {
                    s += -b[a * m + i] * crossK[a * m + j] - crossK[a * m + i] * b[a * m + j]
                            + b[a * m + i] * kb[a * m + j];
                }
                covariance[i][j] = covariance[j][i] = s;
            }
        }
        return new GaussianPrediction(mean, covariance);
    }
}
