package org.nnft.cli.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nnft.cli.io.OutputSet;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;

/**
 * PNG plots written next to result files (XChart, headless). Every plot is staged in the run's
 * {@link OutputSet}, so it is committed together with the result JSON or not at all.
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Series longer than this are drawn thinned (block means), and commands report progress while plotting them. */
    public static final int LONG_SERIES = Thinning.MAX_POINTS;

    private Plots() {
    }

    /**
     * Measured values with error bars against a theory curve: e.g. the 2-pt function G(r) against
     * the cutoff propagator.
     */
    public static void measuredVsTheory(OutputSet set, Path png, String title, String xLabel, String yLabel,
                                        double[] x, double[] y, double[] err,
                                        double[] theoryX, double[] theoryY) {
        XYChart chart = chart(title, xLabel, yLabel);
        if (theoryX != null && theoryX.length > 0) {
            XYSeries t = chart.addSeries("theory", theoryX, theoryY);
            t.setMarker(SeriesMarkers.NONE);
        }
        XYSeries m = chart.addSeries("measured", x, y, err);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        save(set, chart, png);
    }

    /**
     * A measured mean with a +- one standard deviation band (error bars) against the theory's mean and band
     * (lines): e.g. a trained ensemble against the linearised dynamics.
     */
    public static void band(OutputSet set, Path png, String title, String xLabel, String yLabel, double[] x,
                            double[] mean, double[] sd, double[] theoryMean, double[] theorySd) {
        XYChart chart = chart(title, xLabel, yLabel);
        double[] low = new double[x.length];
        double[] high = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            low[i] = theoryMean[i] - theorySd[i];
            high[i] = theoryMean[i] + theorySd[i];
        }
        chart.addSeries("theory mean", x, theoryMean).setMarker(SeriesMarkers.NONE);
        chart.addSeries("theory - sd", x, low).setMarker(SeriesMarkers.NONE);
        chart.addSeries("theory + sd", x, high).setMarker(SeriesMarkers.NONE);
        XYSeries m = chart.addSeries("ensemble mean +- sd", x, mean, sd);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        save(set, chart, png);
    }

    /**
     * A log-log plot of y(x) with error bars and an optional fitted power law a x^slope. A log axis
     * cannot show y &lt;= 0 nor an error bar reaching zero: such points are left out, and such bars
     * are drawn down to the axis floor (a tenth of the smallest value shown); the title says so.
     */
    public static void logLog(OutputSet set, Path png, String title, String xLabel, String yLabel,
                              double[] x, double[] y, double[] err, double slope, double amplitude) {
        LogErrorBars bars = LogErrorBars.of(x, y, err);
        XYChart chart = chart(title + bars.note(), xLabel, yLabel);
        if (bars.x().length > 0) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(true);
            XYSeries m = chart.addSeries("measured", bars.x(), bars.y());
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            for (int i = 0; i < bars.x().length; i++) {
                XYSeries bar = chart.addSeries("error " + i, new double[]{bars.x()[i], bars.x()[i]},
                        new double[]{bars.low()[i], bars.high()[i]});
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(Color.DARK_GRAY);
                bar.setShowInLegend(false);
            }
        }
        if (Double.isFinite(slope) && Double.isFinite(amplitude) && amplitude > 0 && bars.x().length > 0) {
            double[] fy = new double[bars.x().length];
            for (int i = 0; i < fy.length; i++) {
                fy[i] = amplitude * Math.pow(bars.x()[i], slope);
            }
            XYSeries f = chart.addSeries(String.format(Locale.ROOT, "fit: slope %.3f", slope), bars.x(), fy);
            f.setMarker(SeriesMarkers.NONE);
        }
        save(set, chart, png);
    }

    /**
     * A series against its index (Monte Carlo history, autocorrelation function); long series are
     * drawn as block means (see {@link Thinning}), as the title then says.
     */
    public static void series(OutputSet set, Path png, String title, String xLabel, String yLabel, double[] y) {
        Thinning.Series s = Thinning.of(y);
        String note = s.block() > 1 ? String.format(Locale.ROOT, " (means of %d)", s.block()) : "";
        XYChart chart = chart(title + note, xLabel, yLabel);
        XYSeries line = chart.addSeries(yLabel, s.x(), s.y());
        line.setMarker(SeriesMarkers.NONE);
        line.setLineWidth(1f);
        save(set, chart, png);
    }

    /** Several measured series with error bars (e.g. one training curve per layer). */
    public static void errorBars(OutputSet set, Path png, String title, String xLabel, String yLabel, String[] names,
                                 double[][] x, double[][] y, double[][] err) {
        XYChart chart = chart(title, xLabel, yLabel);
        for (int k = 0; k < names.length; k++) {
            XYSeries m = chart.addSeries(names[k], x[k], y[k], err[k]);
            m.setMarker(SeriesMarkers.CIRCLE);
        }
        save(set, chart, png);
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void save(OutputSet set, XYChart chart, Path png) {
        set.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
