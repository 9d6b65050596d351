package org.nnft.lattice.learn;

import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

/**
 * Reweighting from samples of a (trained) model S to a target A (physics.md B.4):
 * {@code <O>_A = <O exp(-(A - S))>_S / <exp(-(A - S))>_S}. The exponents are shifted by their maximum for
 * stability; the error is that of the ratio of means by the Gamma method's linearised projection, so it
 * accounts for autocorrelation of the series. Reliable only while the weights do not concentrate on few
 * samples ({@link #effectiveFraction}).
 */
public final class ActionReweighting {
    private ActionReweighting() {
    }

    /** {@code A(phi_n) - S(phi_n)} for each sample. */
    public static double[] actionDifference(Phi4Action model, Phi4Action target, double[][] samples) {
        double[] d = new double[samples.length];
        for (int n = 0; n < samples.length; n++) {
            d[n] = target.action(samples[n]) - model.action(samples[n]);
        }
        return d;
    }

    /** {@code <O>_A} from the series {@code observable} and {@code actionDifference} (A - S) measured under S. */
    public static Estimate expectation(double[] observable, double[] actionDifference) {
        double[] w = weights(actionDifference);
        if (observable.length != w.length) {
            throw new IllegalArgumentException("observable and actionDifference must have equal lengths, got "
                    + observable.length + " and " + w.length);
        }
        double[] ow = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            ow[i] = observable[i] * w[i];
        }
        return ErrorAnalysis.derived(m -> m[0] / m[1], ow, w);
    }

    /** Kish's effective sample fraction {@code (sum w)^2 / (N sum w^2)} in (0, 1]. */
    public static double effectiveFraction(double[] actionDifference) {
        double[] w = weights(actionDifference);
        double s = 0, s2 = 0;
        for (double x : w) {
            s += x;
            s2 += x * x;
        }
        return s * s / (w.length * s2);
    }

    private static double[] weights(double[] actionDifference) {
        if (actionDifference.length < 2) {
            throw new IllegalArgumentException("need at least 2 samples, got " + actionDifference.length);
        }
        double min = Double.POSITIVE_INFINITY;
        for (double d : actionDifference) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("actionDifference must be finite, got " + d);
            }
            min = Math.min(min, d);
        }
        double[] w = new double[actionDifference.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(-(actionDifference[i] - min));
        }
        return w;
    }
}
