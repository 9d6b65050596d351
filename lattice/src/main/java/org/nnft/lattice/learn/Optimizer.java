package org.nnft.lattice.learn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Parameter update {@code theta -= eta * direction} from a gradient g:
 * <ul>
 *   <li>{@link #GRADIENT_DESCENT}: direction = g;</li>
 *   <li>{@link #NATURAL_GRADIENT}: direction = {@code (F + lambda I)^-1 g}, F the Fisher information of the model
 *       (the covariance of {@code f = dS/dtheta} over model samples), lambda a damping that keeps the solve well
 *       posed. F is the Hessian of both KL divergences at the optimum, so eta = 1 is a Newton step; the
 *       phi^2 and phi^4 features are strongly correlated, which makes plain gradient descent slow. The trainers
 *       pass the Fisher information of the previous step's samples: estimated from the same samples as the
 *       gradient, F correlates with the gradient's noise (through the third cumulants of the skewed phi^4
 *       features) and shifts the fixed point, which the previous step's independent estimate avoids.</li>
 * </ul>
 * A trust region scales the whole update down so that no parameter moves by more than {@code maxStep}.
 */
public enum Optimizer {
    GRADIENT_DESCENT,
    NATURAL_GRADIENT;

    /**
     * {@code theta - c eta direction(g)} with the Fisher information {@code fisher} (used by the natural gradient),
     * {@code c = min(1, maxStep / max_k |eta direction_k|)}.
     */
    public double[] step(double[] theta, double[] g, double[][] fisher, double eta, double damping, double maxStep) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be positive and finite, got " + eta);
        }
        if (!(damping >= 0) || !Double.isFinite(damping)) {
            throw new IllegalArgumentException("damping must be >= 0 and finite, got " + damping);
        }
        double[] dir = switch (this) {
            case GRADIENT_DESCENT -> g;
            case NATURAL_GRADIENT -> {
                RealMatrix m = new Array2DRowRealMatrix(fisher);
                for (int i = 0; i < g.length; i++) {
                    m.addToEntry(i, i, damping);
                }
                yield new CholeskyDecomposition(m, 1e-12, 0).getSolver().solve(new ArrayRealVector(g)).toArray();
            }
        };
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("maxStep must be positive, got " + maxStep);
        }
        double largest = 0;
        for (double v : dir) {
            largest = Math.max(largest, Math.abs(eta * v));
        }
        double scale = largest > maxStep ? eta * maxStep / largest : eta;
        double[] out = theta.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= scale * dir[i];
        }
        return out;
    }
}
