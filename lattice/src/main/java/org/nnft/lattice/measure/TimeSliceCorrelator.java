package org.nnft.lattice.measure;

import org.nnft.lattice.geometry.Lattice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Connected zero-momentum (time-slice) correlator and its effective mass from the series written by
 * {@link Observables} (columns {@code C0..C(L-1)} and {@code m}); time is direction d-1.
 *
 * <p>Normalisation: with {@code Sigma(t)} the sum of phi over time slice t,
 * {@code C(t) = L^{-(d-1)} <Sigma(0) Sigma(t)>_c = (1/V) sum_t0 <Sigma(t0) Sigma(t0+t)> - (V/L) <m>^2},
 * so for the free field {@code C(t) = (1/L) sum_{k_t} cos(k_t t) / M(0,..,0,k_t)}. The per-configuration
 * columns are already symmetric, {@code C(t) = C(L-t)}, so {@code t = 0..L/2} carries all information.
 * The {@code <m>^2} subtraction uses the measured mean (zero by symmetry in finite volume; its estimate
 * adds only noise of order 1/N).
 *
 * <p>Effective mass of the periodic (cosh) form: {@code m_eff(t) = acosh((C(t-1) + C(t+1)) / (2 C(t)))},
 * {@code t = 1..L/2}; exact for a single state, and for the free field equal to the lattice dispersion
 * {@code cosh m = (2a - 2 kappa (d-1)) / (2 kappa)} at every t. Where noise drives the cosh ratio to
 * {@code <= 1} the mass is undefined and reported as NaN. Errors by the Gamma method's linearised projection.
 */
public final class TimeSliceCorrelator {
    private TimeSliceCorrelator() {
    }

    /** {@code C(t)} for {@code t = 0..L/2} (list index = t). */
    public static List<Estimate> correlator(MeasurementSeries series, Lattice lattice) {
        double[] m = series.column("m");
        double scale = (double) lattice.volume() / lattice.size();
        List<Estimate> out = new ArrayList<>();
        for (int t = 0; t <= lattice.size() / 2; t++) {
            out.add(ErrorAnalysis.derived(x -> x[0] - scale * x[1] * x[1], series.column("C" + t), m));
        }
        return List.copyOf(out);
    }

    /** {@code m_eff(t)} for {@code t = 1..L/2} (list index = t - 1); NaN where undefined. */
    public static List<Estimate> effectiveMass(MeasurementSeries series, Lattice lattice) {
        int l = lattice.size();
        if (l < 3) {
            throw new IllegalArgumentException("size L must be >= 3 for an effective mass, got " + l);
        }
        double[] m = series.column("m");
        double scale = (double) lattice.volume() / l;
        List<Estimate> out = new ArrayList<>();
        for (int t = 1; t <= l / 2; t++) {
            double[][] cols = {series.column("C" + (t - 1)), series.column("C" + t),
                    series.column("C" + ((t + 1) % l)), m};
            ToDoubleFunction<double[]> f = x -> {
                double sub = scale * x[3] * x[3];
                return acosh((x[0] + x[2] - 2 * sub) / (2 * (x[1] - sub)));
            };
            out.add(derivedOrNaN(f, cols));
        }
        return List.copyOf(out);
    }

    private static Estimate derivedOrNaN(ToDoubleFunction<double[]> f, double[][] cols) {
        double[] means = new double[cols.length];
        for (int i = 0; i < cols.length; i++) {
            for (double v : cols[i]) {
                means[i] += v;
            }
            means[i] /= cols[i].length;
        }
        double value = f.applyAsDouble(means);
        if (!Double.isFinite(value)) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN);
        }
        try {
            return ErrorAnalysis.derived(f, cols);
        } catch (IllegalArgumentException e) {
            // the numerical gradient crossed the undefined region (cosh ratio <= 1): no error estimate
            return new Estimate(value, Double.NaN, Double.NaN);
        }
    }

    /** acosh for arguments {@code >= 1}, NaN below (and for NaN). */
    static double acosh(double x) {
        return x >= 1 ? Math.log(x + Math.sqrt(x * x - 1)) : Double.NaN;
    }
}
