package org.nnft.lattice.learn;

import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's three reweighting steps from samples of a trained model S (docs/learn.md, L.2 and L.3), each by
 * {@link ActionReweighting}:
 * <ol>
 *   <li>{@link #correction}: observables of the target A itself, {@code <O>_A = <O e^{-(A-S)}>_S / <e^{-(A-S)}>_S},
 *       which removes the bias of an imperfectly trained S;</li>
 *   <li>{@link #curve}: the same along the next-nearest-neighbour coupling g' of
 *       {@code A_4(g') = A - g' sum_<<ij>> phi_i phi_j}, one point per g' from the same samples;</li>
 *   <li>{@link #complexMass}: the complex target {@code A_5 = A_4 + i h sum_i phi_i^2}, real and imaginary parts and
 *       the average phase {@code |<e^{-(A_4-S)} e^{-iH}>_S| / <e^{-(A_4-S)}>_S}, H = h sum phi^2.</li>
 * </ol>
 * The observables per configuration ({@link #OBSERVABLES}): {@code phi2 = sum_x phi_x^2 / V},
 * {@code absM = |sum_x phi_x| / V} and {@code m2 = (sum_x phi_x / V)^2}.
 */
public final class TargetReweighting {
    /** The observable names, in the order of {@link #series}. */
    public static final List<String> OBSERVABLES = List.of("phi2", "absM", "m2");

    /** A reweighted expectation and the plain average under S (the uncorrected model). */
    public record Observed(Estimate reweighted, Estimate plain) {
    }

    /** Step 1: every observable at A, and Kish's effective sample fraction of the weights. */
    public record Correction(Map<String, Observed> observables, double effectiveFraction) {
    }

    /** Step 2: at each g', every observable reweighted and the effective fraction. */
    public record Curve(double[] gPrime, Map<String, Estimate[]> observables, double[] effectiveFraction) {
    }

    /** Step 3: every observable at {@code A_5}, and the imaginary mass h. */
    public record ComplexMass(double h, Map<String, ActionReweighting.Complex> observables) {
    }

    private TargetReweighting() {
    }

    /** {@code series[o][n]}: observable o ({@link #OBSERVABLES} order) of sample n. */
    public static double[][] series(double[][] samples) {
        double[][] out = new double[OBSERVABLES.size()][samples.length];
        for (int n = 0; n < samples.length; n++) {
            double m = 0;
            double p2 = 0;
            for (double p : samples[n]) {
                m += p;
                p2 += p * p;
            }
            int v = samples[n].length;
            out[0][n] = p2 / v;
            out[1][n] = Math.abs(m) / v;
            out[2][n] = (m / v) * (m / v);
        }
        return out;
    }

    /** {@code base} with every diagonal (next-nearest-neighbour) weight set to {@code gPrime}. */
    public static Couplings withNextNearest(Couplings base, double gPrime) {
        double[] v = new double[base.lattice().volume() * base.lattice().diagonalsPerSite()];
        Arrays.fill(v, gPrime);
        return base.withDiagonal(v);
    }

    /** Step 1 from {@code samples} of {@code model} towards {@code target}. */
    public static Correction correction(Phi4Action model, Phi4Action target, double[][] samples) {
        double[] delta = ActionReweighting.actionDifference(model, target, samples);
        double[][] o = series(samples);
        Map<String, Observed> out = new LinkedHashMap<>();
        for (int i = 0; i < o.length; i++) {
            out.put(OBSERVABLES.get(i), new Observed(ActionReweighting.expectation(o[i], delta),
                    ErrorAnalysis.mean(o[i])));
        }
        return new Correction(out, ActionReweighting.effectiveFraction(delta));
    }

    /** Step 2: {@code target} (its own diagonal weights replaced) at each of {@code gPrimes}. */
    public static Curve curve(Phi4Action model, Couplings target, double[] gPrimes, double[][] samples) {
        double[][] o = series(samples);
        Map<String, Estimate[]> out = new LinkedHashMap<>();
        for (String name : OBSERVABLES) {
            out.put(name, new Estimate[gPrimes.length]);
        }
        double[] fraction = new double[gPrimes.length];
        for (int g = 0; g < gPrimes.length; g++) {
            Phi4Action a4 = new Phi4Action(withNextNearest(target, gPrimes[g]));
            double[] delta = ActionReweighting.actionDifference(model, a4, samples);
            fraction[g] = ActionReweighting.effectiveFraction(delta);
            for (int i = 0; i < o.length; i++) {
                out.get(OBSERVABLES.get(i))[g] = ActionReweighting.expectation(o[i], delta);
            }
        }
        return new Curve(gPrimes.clone(), out, fraction);
    }

    /** Step 3: {@code target + i h sum phi^2}. */
    public static ComplexMass complexMass(Phi4Action model, Phi4Action target, double h, double[][] samples) {
        double[] delta = ActionReweighting.actionDifference(model, target, samples);
        double[][] o = series(samples);
        double[] imaginary = new double[samples.length];
        int v = target.lattice().volume();
        for (int n = 0; n < samples.length; n++) {
            imaginary[n] = h * v * o[0][n];
        }
        Map<String, ActionReweighting.Complex> out = new LinkedHashMap<>();
        for (int i = 0; i < o.length; i++) {
            out.put(OBSERVABLES.get(i), ActionReweighting.complexExpectation(o[i], delta, imaginary));
        }
        return new ComplexMass(h, out);
    }
}
