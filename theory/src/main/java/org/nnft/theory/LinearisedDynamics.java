package org.nnft.theory;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.function.DoubleUnaryOperator;

/**
 * The exact distribution of an infinitely wide network trained by full-batch gradient descent in its
 * linearised regime (Lee et al. 2019, "Wide neural networks of any depth evolve as linear models under
 * gradient descent"), on a training set X (n points) with targets Y.
 *
 * <p>Loss (1/2) sum_{a in X} (f(x_a) - y_a)^2 (a sum, not a mean), learning rate eta. With Theta = Theta(X, X)
 * the NTK, one step of the linearised model is f_{k+1}(x) = f_k(x) - eta Theta(x, X) (f_k(X) - Y), so
 * <pre>
 *   f_k(x) = f_0(x) - M_k(x) (f_0(X) - Y),   M_k(x) = Theta(x, X) Theta^-1 (I - (I - eta Theta)^k)
 * </pre>
 * and in continuous time (gradient flow) (I - eta Theta)^k becomes exp(-eta Theta t). With f_0 the NNGP
 * prior GP(0, K) and Theta deterministic (the NTK parameterisation at infinite width), f_k is Gaussian with
 * <pre>
 *   mean       mu_k(x)      = M_k(x) Y
 *   covariance Sigma_k(x,x') = K(x,x') - M_k(x) K(X,x') - M_k(x') K(X,x) + M_k(x) K(X,X) M_k(x')^T
 * </pre>
 * (Lee et al. 2019, eq. 16, here in discrete steps). k = 0 gives the prior; k to infinity (when
 * 0 &lt; eta &lt; 2/lambda_max) gives NTK regression, mean Theta(x, X) Theta^-1 Y. The matrix function
 * Theta^-1 (I - (I - eta Theta)^k) is applied in the eigenbasis of Theta as
 * g(lambda) = (1 - (1 - eta lambda)^k)/lambda,
 * which tends to eta k as lambda goes to 0, so a singular Theta needs no regularisation at finite k. With the
 * standard parameterisation the same formulas give the linearised model of the expected NTK at width N,
 * whose prior is only Gaussian as N grows.
 */
public final class LinearisedDynamics {

    /** Relative eigenvalue below which a direction of Theta(X, X) counts as untrained at infinite time. */
    private static final double NULL_EIGENVALUE = 1e-12;

    private final InfiniteWidthKernels kernels;
    private final double[][] trainPoints;
    private final double[] targets;
    private final double learningRate;
    private final RealMatrix eigenvectors;
    private final double[] eigenvalues;
    private final RealMatrix trainNngp;

    /**
     * @param kernels      the NNGP kernel K and NTK Theta
     * @param trainPoints  n &gt;= 1 training inputs, each of dimension d
     * @param targets      n training targets
     * @param learningRate eta &gt; 0 (per step of the summed loss)
     */
    public LinearisedDynamics(InfiniteWidthKernels kernels, double[][] trainPoints, double[] targets,
            double learningRate) {
        if (kernels == null || trainPoints == null || targets == null || trainPoints.length == 0) {
            throw new IllegalArgumentException("kernels, training points and targets must be given");
        }
        if (trainPoints.length != targets.length) {
            throw new IllegalArgumentException("need one target per training point, got " + targets.length
                    + " targets for " + trainPoints.length + " points");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        this.kernels = kernels;
        this.trainPoints = trainPoints.clone();
        this.targets = targets.clone();
        this.learningRate = learningRate;
        double[][] theta = kernels.ntkMatrix(trainPoints, trainPoints);
        for (int i = 0; i < theta.length; i++) {
            for (int j = 0; j < i; j++) {
                theta[i][j] = theta[j][i] = 0.5 * (theta[i][j] + theta[j][i]); // exactly symmetric for the eigensolver
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(theta, false));
        this.eigenvectors = eigen.getV();
        this.eigenvalues = eigen.getRealEigenvalues();
        this.trainNngp = new Array2DRowRealMatrix(kernels.nngpMatrix(trainPoints, trainPoints), false);
    }

    /** Largest eigenvalue of Theta(X, X); discrete steps converge for eta &lt; 2 / this. */
    public double largestEigenvalue() {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : eigenvalues) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** The distribution after k &gt;= 0 discrete gradient-descent steps. */
    public GaussianPrediction afterSteps(long steps, double[][] testPoints) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        return predict(testPoints, lambda -> {
            if (lambda == 0) {
                return learningRate * steps;
            }
            double x = learningRate * lambda;
            if (Math.abs(x) < 0.5) {
                return -Math.expm1(steps * Math.log1p(-x)) / lambda;
            }
            return (1 - Math.pow(1 - x, steps)) / lambda;
        });
    }

    /** The distribution after gradient flow for time t &gt;= 0 (in units of 1/eta steps). */
    public GaussianPrediction afterTime(double time, double[][] testPoints) {
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("time must be finite and >= 0, got " + time);
        }
        return predict(testPoints, lambda -> lambda == 0 ? learningRate * time
                : -Math.expm1(-learningRate * lambda * time) / lambda);
    }

    /** The fully trained distribution: NTK regression (mean Theta(x, X) Theta^-1 Y). */
    public GaussianPrediction converged(double[][] testPoints) {
        double floor = NULL_EIGENVALUE * largestEigenvalue();
        return predict(testPoints, lambda -> lambda > floor ? 1 / lambda : 0);
    }

    private GaussianPrediction predict(double[][] testPoints, DoubleUnaryOperator transfer) {
        int n = trainPoints.length;
        RealMatrix g = eigenvectors.copy();
        for (int c = 0; c < n; c++) {
            double gc = transfer.applyAsDouble(eigenvalues[c]);
            for (int r = 0; r < n; r++) {
                g.multiplyEntry(r, c, gc);
            }
        }
        RealMatrix transferMatrix = g.multiply(eigenvectors.transpose());
        RealMatrix ntkTestTrain = new Array2DRowRealMatrix(kernels.ntkMatrix(testPoints, trainPoints), false);
        RealMatrix m = ntkTestTrain.multiply(transferMatrix);
        double[] mean = m.operate(targets);
        RealMatrix nngpTrainTest = new Array2DRowRealMatrix(kernels.nngpMatrix(trainPoints, testPoints), false);
        RealMatrix cross = m.multiply(nngpTrainTest);
        RealMatrix covariance = new Array2DRowRealMatrix(kernels.nngpMatrix(testPoints, testPoints), false)
                .subtract(cross).subtract(cross.transpose())
                .add(m.multiply(trainNngp).multiply(m.transpose()));
        return new GaussianPrediction(mean, covariance.getData());
    }
}
