package org.nnft.cli.plot;

import java.util.Locale;

/**
 * Points and error bars that a log axis can show: points with y &gt; 0 (finite), bars from y - err to
 * y + err with the lower end raised to the axis floor (a tenth of the smallest y shown) where it would
 * reach zero. XChart refuses any series whose error bar reaches zero on a log axis; a fit with an error
 * larger than its value (m_n at large N) is a valid result that must still plot.
 */
record LogErrorBars(double[] x, double[] y, double[] low, double[] high, int dropped, int clipped) {

    static LogErrorBars of(double[] x, double[] y, double[] err) {
        int n = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            if (shown(x[i], y[i])) {
                n++;
                smallest = Math.min(smallest, y[i]);
            }
        }
        double floor = smallest / 10;
        double[] xs = new double[n], ys = new double[n], lo = new double[n], hi = new double[n];
        int k = 0, clipped = 0;
        for (int i = 0; i < y.length; i++) {
            if (!shown(x[i], y[i])) {
                continue;
            }
            double e = Double.isFinite(err[i]) ? Math.abs(err[i]) : 0;
            xs[k] = x[i];
            ys[k] = y[i];
            hi[k] = y[i] + e;
            lo[k] = y[i] - e;
            if (lo[k] < floor) {
                lo[k] = Math.min(floor, y[i]);
                clipped++;
            }
            k++;
        }
        return new LogErrorBars(xs, ys, lo, hi, y.length - n, clipped);
    }

    private static boolean shown(double x, double y) {
        return Double.isFinite(x) && x > 0 && Double.isFinite(y) && y > 0;
    }

    /** A note for the title: what the plot could not show as it is. */
    String note() {
        StringBuilder sb = new StringBuilder();
        if (dropped > 0) {
            sb.append(String.format(Locale.ROOT, "%d point%s <= 0 not shown", dropped, dropped == 1 ? "" : "s"));
        }
        if (clipped > 0) {
            sb.append(sb.isEmpty() ? "" : "; ").append("error bars cut at the axis floor");
        }
        return sb.isEmpty() ? "" : " (" + sb + ")";
    }
}
