package org.nnft.cli.plot;

import org.knowm.xchart.BitmapEncoder;
import org.nnft.cli.io.OutputSet;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The amputated 4-point vertex as a heat map over two of its arguments (docs/couplings.md section 5):
 * V(y1, y1, y2, y2) on the measured points, which a local vertex concentrates on the diagonal y1 = y2.
 */
public final class VertexHeatMap {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private VertexHeatMap() {
    }

    /**
     * @param points the M points
     * @param tuples the sorted 4-tuples of point indices of the vertex entries
     * @param values V per 4-tuple
     */
    public static void write(OutputSet set, Path png, String title, double[] points, int[][] tuples,
                             double[] values) {
        int m = points.length;
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                int[] s = {a, a, b, b};
                Arrays.sort(s);
                for (int k = 0; k < tuples.length; k++) {
                    if (Arrays.equals(tuples[k], s)) {
                        cells.add(new Number[]{a, b, values[k]});
                    }
                }
            }
        }
        List<String> labels = new ArrayList<>();
        for (double x : points) {
            labels.add(String.format(Locale.ROOT, "%.3g", x));
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(640).height(560).title(title)
                .xAxisTitle("y1").yAxisTitle("y2").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[]{Color.BLUE, Color.WHITE, Color.RED});
        chart.addSeries("V(y1, y1, y2, y2)", labels, labels, cells);
        set.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
