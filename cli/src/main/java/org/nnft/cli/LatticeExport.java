package org.nnft.cli;

import org.nnft.cli.io.PyerrorsJson;
import org.nnft.engine.io.NpyFile;
import org.nnft.lattice.measure.MeasurementSeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lattice run's Monte Carlo history for the exports: every per-measurement column (the JSON keeps only
 * m, absM, phi2 and action), and the per-measurement time-slice correlator
 * {@code C_i(t) = (1/V) sum_t0 Sigma(t0) Sigma(t0 + t)}, t = 0..L/2, from which the JSON's connected
 * {@code correlator.value[t] = mean_i C_i(t) - (V/L) (mean_i m_i)^2}. In the npz: {@code series.NAME}
 * ({@code <f8}, one value per measurement), {@code correlatorSeries} ({@code <f8}, measurements x (L/2 + 1)) and
 * {@code correlatorScale} (V/L); in the pyerrors file one {@code Obs} per column and one {@code List} of the
 * L/2 + 1 correlator values.
 */
final class LatticeExport {
    private final MeasurementSeries series;
    private final int dim;
    private final int size;

    LatticeExport(MeasurementSeries series, int dim, int size) {
        this.series = series;
        this.dim = dim;
        this.size = size;
    }

    /** The npz arrays (name to .npy bytes). */
    Map<String, byte[]> arrays() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int n = series.size();
        for (String name : columns()) {
            out.put("series." + name, NpyFile.encode(new int[]{n}, series.column(name)));
        }
        int width = size / 2 + 1;
        double[] c = new double[n * width];
        for (int t = 0; t < width; t++) {
            double[] col = series.column("C" + t);
            for (int i = 0; i < n; i++) {
                c[i * width + t] = col[i];
            }
        }
        out.put("correlatorSeries", NpyFile.encode(new int[]{n, width}, c));
        out.put("correlatorScale", NpyFile.encode(new int[0], new double[]{Math.pow(size, dim - 1)}));
        return out;
    }

    /** The pyerrors entries: one per column, then the correlator. */
    Map<String, PyerrorsJson.Entry> entries() {
        Map<String, PyerrorsJson.Entry> out = new LinkedHashMap<>();
        for (String name : columns()) {
            out.put(name, new PyerrorsJson.Entry(List.of(name), List.of(series.column(name))));
        }
        List<String> tags = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (int t = 0; t <= size / 2; t++) {
            tags.add("C" + t);
            cols.add(series.column("C" + t));
        }
        out.put("correlatorSeries", new PyerrorsJson.Entry(tags, cols));
        return out;
    }

    /** The pyerrors ensemble name: the run's lattice and seed. */
    String ensemble(long seed) {
        return String.format(Locale.ROOT, "nnft-lattice-%dD-L%d-seed%d", dim, size, seed);
    }

    /** The pyerrors file's description. */
    String description() {
        return String.format(Locale.ROOT, "nnft lattice phi^4, %dD, L = %d: one Obs per measured column (tag ="
                + " column), then a List of the time-slice correlator C(t) = (1/V) sum_t0 Sigma(t0) Sigma(t0+t),"
                + " t = 0..%d, unsubtracted (connected: subtract %d <m>^2); configurations are the measurement"
                + " indices", dim, size, size / 2, (long) Math.pow(size, dim - 1));
    }

    /** The per-measurement columns other than the raw time-slice correlator C0..C(L-1). */
    private List<String> columns() {
        return series.names().stream().filter(s -> !s.matches("C\\d+")).toList();
    }
}
