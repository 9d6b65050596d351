package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.ensemble.TrainedEnsemble;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.PowerLawFit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far trained ensembles of several widths N sit from the infinite-width linearised dynamics at one recorded
 * step: the root-sum-square over the test points of (ensemble mean - theory mean) and of (ensemble variance -
 * theory variance), each with its propagated jackknife error, and their power-law fits in N (slope -1 expected:
 * the corrections to the NTK and its evolution are O(1/N)). A deviation below its statistical error is noise,
 * not a finite-width effect, and biases the fit towards a flatter slope.
 */
final class FiniteWidthDeviation {
    private final int[] widths;
    private final double[][] mean;
    private final double[][] variance;
    private final PowerLawFit meanFit;
    private final PowerLawFit varianceFit;

    private FiniteWidthDeviation(int[] widths, double[][] mean, double[][] variance) {
        this.widths = widths;
        this.mean = mean;
        this.variance = variance;
        this.meanFit = fit(widths, mean);
        this.varianceFit = fit(widths, variance);
    }

    /**
     * @param widths    the widths, increasing
     * @param ensembles one trained ensemble per width, the test points first among its points
     * @param step      the recorded step index compared
     * @param theory    the linearised theory at that step on the test points
     */
    static FiniteWidthDeviation of(int[] widths, List<TrainedEnsemble> ensembles, int step, GaussianPrediction theory) {
        int p = theory.mean().length;
        double[][] mean = new double[widths.length][];
        double[][] variance = new double[widths.length][];
        for (int w = 0; w < widths.length; w++) {
            CorrelatorEstimates e = ensembles.get(w).estimates(step);
            double[] dm = new double[p];
            double[] em = new double[p];
            double[] dv = new double[p];
            double[] ev = new double[p];
            for (int i = 0; i < p; i++) {
                dm[i] = e.momentOf(i) - theory.mean()[i];
                em[i] = e.momentError(e.tuples().indexOf(i));
                dv[i] = e.connectedOf(i, i) - theory.variance(i);
                ev[i] = e.connectedError(e.tuples().indexOf(i, i));
            }
            mean[w] = rootSumSquare(dm, em);
            variance[w] = rootSumSquare(dv, ev);
        }
        return new FiniteWidthDeviation(widths.clone(), mean, variance);
    }

    /** {value, error} of sqrt(sum d_i^2), error propagated to first order. */
    static double[] rootSumSquare(double[] d, double[] err) {
        double sq = 0;
        double var = 0;
        for (int i = 0; i < d.length; i++) {
            sq += d[i] * d[i];
            var += d[i] * d[i] * err[i] * err[i];
        }
        double r = Math.sqrt(sq);
        return new double[] {r, r > 0 ? Math.sqrt(var) / r : 0};
    }

    private static PowerLawFit fit(int[] widths, double[][] dev) {
        double[] x = new double[widths.length];
        double[] y = new double[widths.length];
        double[] e = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            if (!(dev[i][0] > 0) || !(dev[i][1] > 0)) {
                return null;
            }
            x[i] = widths[i];
            y[i] = dev[i][0];
            e[i] = dev[i][1];
        }
        return PowerLawFit.fit(x, y, e);
    }

    /** The mean deviation's fit, or null where a deviation or its error is 0. */
    PowerLawFit meanFit() {
        return meanFit;
    }

    /** The variance deviation's fit, or null where a deviation or its error is 0. */
    PowerLawFit varianceFit() {
        return varianceFit;
    }

    Map<String, Object> json() {
        List<Object> perWidth = new ArrayList<>();
        for (int w = 0; w < widths.length; w++) {
            perWidth.add(Json.object("width", widths[w], "meanDeviation", Json.valueError(mean[w][0], mean[w][1]),
                    "varianceDeviation", Json.valueError(variance[w][0], variance[w][1])));
        }
        return Json.object("perWidth", perWidth, "meanSlope", slope(meanFit), "varianceSlope", slope(varianceFit));
    }

    private static Object slope(PowerLawFit f) {
        return f == null ? "no fit (a deviation is 0)" : Json.valueError(f.slope(), f.slopeError());
    }

    /** One line per quantity for the console. */
    String summary() {
        StringBuilder sb = new StringBuilder("deviation from the linearised theory at the last step, ~ N^slope:\n");
        sb.append("     N   |mean - theory| +- error   |var - theory| +- error\n");
        for (int w = 0; w < widths.length; w++) {
            sb.append(String.format(Locale.ROOT, "%6d   %10.5f +- %.5f        %10.5f +- %.5f%n", widths[w],
                    mean[w][0], mean[w][1], variance[w][0], variance[w][1]));
        }
        sb.append(String.format(Locale.ROOT, "slope: mean %s, variance %s", text(meanFit), text(varianceFit)));
        return sb.toString();
    }

    private static String text(PowerLawFit f) {
        return f == null ? "no fit" : String.format(Locale.ROOT, "%.3f +- %.3f", f.slope(), f.slopeError());
    }
}
