package org.nnft.cli.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** PNG plots written next to result files (XChart, headless). */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * Measured values with error bars against a theory curve: e.g. the 2-pt function G(r) against
     * the cutoff propagator.
     */
    public static void measuredVsTheory(Path png, String title, String xLabel, String yLabel,
                                        double[] x, double[] y, double[] err,
                                        double[] theoryX, double[] theoryY) {
        XYChart chart = chart(title, xLabel, yLabel);
        if (theoryX != null && theoryX.length > 0) {
            XYSeries t = chart.addSeries("theory", theoryX, theoryY);
            t.setMarker(SeriesMarkers.NONE);
        }
        XYSeries m = chart.addSeries("measured", x, y, err);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        save(chart, png);
    }

    /** A log-log plot of y(x) with error bars and an optional fitted power law a x^slope. */
    public static void logLog(Path png, String title, String xLabel, String yLabel,
                              double[] x, double[] y, double[] err, double slope, double amplitude) {
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        XYSeries m = chart.addSeries("measured", x, y, err);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (Double.isFinite(slope) && Double.isFinite(amplitude)) {
            double[] fy = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                fy[i] = amplitude * Math.pow(x[i], slope);
            }
            XYSeries f = chart.addSeries(String.format(java.util.Locale.ROOT, "fit: slope %.3f", slope), x, fy);
            f.setMarker(SeriesMarkers.NONE);
        }
        save(chart, png);
    }

    /** A series against its index (Monte Carlo history, autocorrelation function). */
    public static void series(Path png, String title, String xLabel, String yLabel, double[] y) {
        XYChart chart = chart(title, xLabel, yLabel);
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = i;
        }
        XYSeries s = chart.addSeries(yLabel, x, y);
        s.setMarker(SeriesMarkers.NONE);
        save(chart, png);
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    private static void save(XYChart chart, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + png + ": " + e.getMessage(), e);
        }
    }
}
