package org.nnft.theory;

/**
 * A Gaussian distribution of network outputs on a list of test points: the mean vector and the
 * covariance matrix (outputs in the units of the training targets).
 *
 * @param mean       mean output at each test point
 * @param covariance covariance between the outputs at test points i and j
 */
public record GaussianPrediction(double[] mean, double[][] covariance) {

    /** Variance at test point i. */
    public double variance(int i) {
        return covariance[i][i];
    }
}
