package org.nnft.lattice.learn;

import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

/**
 * Reweighting from samples of a (trained) model S to a target A (docs/physics.md B.4):
 * {@code <O>_A = <O exp(-(A - S))>_S / <exp(-(A - S))>_S}. The exponents are shifted by their maximum for
 * stability; the error is that of the ratio of means by the Gamma method's linearised projection, so it
 * accounts for autocorrelation of the series. Reliable only while the weights do not concentrate on few
 * samples ({@link #effectiveFraction}). Complex targets {@code A + i H} (e.g. {@code H = h sum phi^2}) by
 * {@link #complexExpectation}: {@code <O>_{A+iH} = <O w e^{-iH}>_S / <w e^{-iH}>_S} with {@code w = e^{-(A-S)}};
 * the average phase {@code |<w e^{-iH}>_S| / <w>_S} measures the sign problem.
 */
public final class ActionReweighting {
    /** Real and imaginary part of a reweighted expectation, and the average phase of the weights. */
    public record Complex(Estimate real, Estimate imaginary, Estimate averagePhase) {
    }

    private ActionReweighting() {
    }

    /**
     * {@code <O>_{A + iH}} from the series {@code observable}, {@code actionDifference} (A - S) and
     * {@code imaginaryAction} (H) measured under S.
     */
    public static Complex complexExpectation(double[] observable, double[] actionDifference, double[] imaginaryAction) {
        double[] w = weights(actionDifference);
        if (observable.length != w.length || imaginaryAction.length != w.length) {
            throw new IllegalArgumentException("observable, actionDifference and imaginaryAction must have equal"
                    + " lengths, got " + observable.length + ", " + w.length + ", " + imaginaryAction.length);
        }
        int n = w.length;
        double[] wc = new double[n];
        double[] ws = new double[n];
        double[] owc = new double[n];
        double[] ows = new double[n];
        for (int i = 0; i < n; i++) {
            wc[i] = w[i] * Math.cos(imaginaryAction[i]);
            ws[i] = -w[i] * Math.sin(imaginaryAction[i]);
            owc[i] = observable[i] * wc[i];
            ows[i] = observable[i] * ws[i];
        }
        // (nr + i ni) / (dr + i di)
        Estimate re = ErrorAnalysis.derived(m -> (m[0] * m[2] + m[1] * m[3]) / (m[2] * m[2] + m[3] * m[3]),
                owc, ows, wc, ws);
        Estimate im = ErrorAnalysis.derived(m -> (m[1] * m[2] - m[0] * m[3]) / (m[2] * m[2] + m[3] * m[3]),
                owc, ows, wc, ws);
        Estimate phase = ErrorAnalysis.derived(m -> Math.hypot(m[0], m[1]) / m[2], wc, ws, w);
        return new Complex(re, im, phase);
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
