package org.nnft.lattice.measure;

import org.nnft.stats.GammaMethod;
import org.nnft.stats.Jackknife;
import org.nnft.stats.JackknifeResult;

/**
 * Binder cumulant {@code U4 = 1 - <m^4> / (3 <m^2>^2)} from the {@code m2, m4} columns of {@link Observables},
 * with the error of the delete-one-block jackknife over {@code blocks} contiguous blocks. The blocks must be much
 * longer than the autocorrelation time; the returned tauInt is the Gamma-method tau_int of the m^2 series (in
 * measurements) so that callers can check {@code N / blocks >> tauInt}.
 */
public final class BinderCumulant {
    private BinderCumulant() {
    }

    public static Estimate jackknife(MeasurementSeries series, int blocks) {
        double[] m2 = series.column("m2");
        double[] m4 = series.column("m4");
        JackknifeResult r = Jackknife.ofSeries(blocks, m2, m4).estimate(m -> 1 - m[1] / (3 * m[0] * m[0]));
        return new Estimate(r.value(), r.error(), GammaMethod.analyze(m2).tauInt());
    }
}
