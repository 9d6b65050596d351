package org.nnft.lattice.learn;

import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

/**
 * Reverse-KL gradient of the model {@code q = exp(-S(phi; theta))/Z} towards a target {@code p ~ exp(-A)},
 * estimated from model samples alone (docs/physics.md B.4):
 * {@code dKL(q||p)/dtheta = <(S - A) f> - <S - A><f>}, {@code f = dS/dtheta} ({@link CouplingParameters}).
 * Also returns {@code <A - S>_theta} (the theta-dependent part of the Bogoliubov bound
 * {@code F_A <= <A - S>_theta + F_theta}) with its Gamma-method error, and per-component errors of the gradient
 * from the sample variance of {@code (u - <u>)(f - <f>)}, u = S - A (treating the samples as independent).
 *
 * <p>When the target is a member of the model family, {@code S - A = (theta - theta*) . f} exactly, so the
 * estimate equals {@code Cov_hat(f) (theta - theta*)} sample by sample: its noise vanishes at the optimum.
 */
public final class ReverseKlGradient {
    /**
     * @param gradient        the estimated dKL/dtheta
     * @param gradientError   its per-component statistical error
     * @param targetMinusModel {@code <A - S>_theta}
     * @param moments         mean and covariance (Fisher information) of the features of the samples
     */
    public record Result(double[] gradient, double[] gradientError, Estimate targetMinusModel, FeatureMoments moments) {
    }

    private ReverseKlGradient() {
    }

    /** The estimate from {@code samples} of the model {@code model} for the target {@code target}. */
    public static Result estimate(Phi4Action model, Phi4Action target, double[][] samples) {
        Lattice l = model.lattice();
        if (target.lattice().volume() != l.volume() || target.lattice().dim() != l.dim()) {
            throw new IllegalArgumentException("target and model must live on the same lattice");
        }
        double[][] f = CouplingParameters.features(l, samples);
        double[] u = new double[samples.length];
        double[] targetMinusModel = new double[samples.length];
        for (int n = 0; n < samples.length; n++) {
            u[n] = model.action(samples[n]) - target.action(samples[n]);
            targetMinusModel[n] = -u[n];
        }
        FeatureMoments moments = new FeatureMoments(f);
        double[] g = moments.covarianceWith(u);
        double[] fm = moments.mean();
        double um = 0;
        for (double x : u) {
            um += x;
        }
        um /= u.length;
        double[] err = new double[g.length];
        for (int n = 0; n < samples.length; n++) {
            double du = u[n] - um;
            for (int k = 0; k < g.length; k++) {
                double psi = du * (f[n][k] - fm[k]) - g[k];
                err[k] += psi * psi;
            }
        }
        int nSamples = samples.length;
        for (int k = 0; k < g.length; k++) {
            err[k] = Math.sqrt(err[k] / ((double) nSamples * (nSamples - 1)));
        }
        return new Result(g, err, ErrorAnalysis.mean(targetMinusModel), moments);
    }
}
