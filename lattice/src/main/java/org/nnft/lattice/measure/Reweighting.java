package org.nnft.lattice.measure;

/**
 * Reweighting in mu^2 (physics.md B.1): with {@code a = (mu^2 + 2d kappa)/2} the action changes by
 * {@code (dmu^2 / 2) sum_x phi_x^2}, so {@code <O>' = <O w>/<w>}, {@code w = exp(-(dmu^2/2) V phi2)},
 * phi2 the per-configuration site average of phi^2. Weights are shifted by their maximum exponent
 * for stability; the error is the jackknife error of the ratio.
 */
public final class Reweighting {
    private Reweighting() {
    }

    /** {@code <O>} at {@code mu^2 + deltaMu2} from series measured at mu^2 on a lattice of {@code volume} sites. */
    public static Estimate inMu2(double[] observable, double[] phi2, int volume, double deltaMu2) {
        if (observable.length != phi2.length) {
            throw new IllegalArgumentException("observable and phi2 must have equal lengths");
        }
        double[] exponent = new double[phi2.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < phi2.length; i++) {
            exponent[i] = -0.5 * deltaMu2 * volume * phi2[i];
            max = Math.max(max, exponent[i]);
        }
        double[] w = new double[phi2.length];
        double[] ow = new double[phi2.length];
        for (int i = 0; i < phi2.length; i++) {
            w[i] = Math.exp(exponent[i] - max);
            ow[i] = observable[i] * w[i];
        }
        return ErrorAnalysis.derived(m -> m[0] / m[1], ow, w);
    }
}
