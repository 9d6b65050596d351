package org.nnft.lattice.measure;

import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

/**
 * Reweighting of a series measured at one homogeneous theory to a nearby one (docs/physics.md B.1):
 * {@code <O>' = <O w>/<w>}, {@code w = exp(-(S' - S))}. All homogeneous couplings enter S linearly, so the
 * action change of a configuration follows from the {@link Observables} columns {@code nn, phi2, phi4}:
 * <pre>
 *   S' - S = -(kappa' - kappa) d V nn + (a' - a) V phi2 + (b' - b) V phi4.
 * </pre>
 * Which parameters are held fixed is decided by the target theory, always given as (kappa', a', b'):
 * in kappa at fixed (a, b): {@code new HomogeneousTheory(kappa', a, b)}; in kappa at fixed (mu^2, lambda):
 * {@link #kappaAtFixedMu2} (a moves by d (kappa' - kappa), since a = (mu^2 + 2 d kappa)/2); in lambda:
 * b' = lambda'/4; in mu^2: a' = a + (mu'^2 - mu^2)/2 ({@link #inMu2}).
 *
 * <p>Exponents are shifted by their maximum for stability. The error of the ratio is the Gamma method's
 * linearised projection of the two series {@code O w} and {@code w} (autocorrelations included); it is reliable
 * only while the weights overlap, i.e. while the spread of {@code S' - S} is O(1).
 */
public final class Reweighting {
    private Reweighting() {
    }

    /**
     * {@code <O>} at {@code mu^2 + deltaMu2} (kappa, lambda fixed) from series measured at mu^2, phi2 the site average
     * of phi^2.
     */
    public static Estimate inMu2(double[] observable, double[] phi2, int volume, double deltaMu2) {
        if (observable.length != phi2.length) {
            throw new IllegalArgumentException("observable and phi2 must have equal lengths");
        }
        double[] deltaS = new double[phi2.length];
        for (int i = 0; i < phi2.length; i++) {
            deltaS[i] = 0.5 * deltaMu2 * volume * phi2[i];
        }
        return withActionChange(observable, deltaS);
    }

    /** {@code <O>} at theory {@code to} from the series measured at {@code from} on {@code lattice}. */
    public static Estimate toTheory(double[] observable, MeasurementSeries series, Lattice lattice,
                                    HomogeneousTheory from, HomogeneousTheory to) {
        return withActionChange(observable, actionChange(series, lattice, from, to));
    }

    /** Per-configuration {@code S' - S} for the theories {@code from -> to}. */
    public static double[] actionChange(MeasurementSeries series, Lattice lattice, HomogeneousTheory from,
                                        HomogeneousTheory to) {
        double[] nn = series.column("nn");
        double[] phi2 = series.column("phi2");
        double[] phi4 = series.column("phi4");
        double v = lattice.volume();
        double dk = to.kappa() - from.kappa();
        double da = to.a() - from.a();
        double db = to.b() - from.b();
        double[] out = new double[nn.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = v * (-dk * lattice.dim() * nn[i] + da * phi2[i] + db * phi4[i]);
        }
        return out;
    }

    /** The theory with hopping {@code kappa} and the same mu^2 = 2a - 2d kappa and b as {@code t}. */
    public static HomogeneousTheory kappaAtFixedMu2(HomogeneousTheory t, int dim, double kappa) {
        return new HomogeneousTheory(kappa, t.a() + dim * (kappa - t.kappa()), t.b());
    }

    /** {@code <O w>/<w>} with {@code w_i = exp(-deltaS_i)}, deltaS the per-configuration action change. */
    public static Estimate withActionChange(double[] observable, double[] deltaS) {
        if (observable.length != deltaS.length) {
            throw new IllegalArgumentException("observable and deltaS must have equal lengths, got "
                    + observable.length + " and " + deltaS.length);
        }
        double min = Double.POSITIVE_INFINITY;
        for (double d : deltaS) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("deltaS must be finite, got " + d);
            }
            min = Math.min(min, d);
        }
        double[] w = new double[deltaS.length];
        double[] ow = new double[deltaS.length];
        for (int i = 0; i < deltaS.length; i++) {
            w[i] = Math.exp(-(deltaS[i] - min));
            ow[i] = observable[i] * w[i];
        }
        return ErrorAnalysis.derived(m -> m[0] / m[1], ow, w);
    }
}
