package org.nnft.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Monte Carlo histories in the gzipped JSON format of pyerrors ({@code pyerrors.input.json.load_json}), so that a
 * Python user gets {@code Obs} objects with their full history and does the Gamma-method analysis there. Layout
 * (as {@code create_json_string} of pyerrors 2.x writes it, file format version 0.2): {@code program},
 * {@code version}, {@code who}, {@code date}, {@code host}, {@code description}, and {@code obsdata}, a list of
 * <ul>
 * <li>{@code {"type": "Obs", "layout": "1", "tag": [NAME], "value": [mean], "data": [{"id": ENSEMBLE,
 * "replica": [{"name": ENSEMBLE|r0, "deltas": [[1, x_1 - mean], [2, x_2 - mean], ...]}]}]}} for one series;</li>
 * <li>{@code {"type": "List", "layout": "n", "tag": [NAME_0, ...], "value": [mean_0, ...], "data": [... "deltas":
 * [[1, d_0, d_1, ...], ...]]}} for n series measured together (the time-slice correlator).</li>
 * </ul>
 * Configuration numbers are the measurement indices 1, 2, ...; pyerrors rebuilds each sample as value + delta.
 */
public final class PyerrorsJson {
    /** The pyerrors file format version written (the one {@code create_json_string} writes). */
    public static final String VERSION = "0.2";

    /** One entry of {@code obsdata}: a single series ({@code Obs}) or several measured together ({@code List}). */
    public record Entry(List<String> tags, List<double[]> series) {
    }

    private PyerrorsJson() {
    }

    /** Writes {@code entries}, all on the ensemble {@code ensemble} (one replica), gzipped to {@code out}. */
    public static void write(OutputStream out, String program, String ensemble, String description,
                             Map<String, Entry> entries) throws IOException {
        StringBuilder s = new StringBuilder("{\n");
        field(s, "program", program).append(",\n");
        field(s, "version", VERSION).append(",\n");
        field(s, "who", System.getProperty("user.name", "")).append(",\n");
        field(s, "date", ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z",
                Locale.ROOT))).append(",\n");
        field(s, "host", host()).append(",\n");
        field(s, "description", description).append(",\n");
        s.append(" \"obsdata\": [");
        boolean first = true;
        for (Entry e : entries.values()) {
            s.append(first ? "\n" : ",\n");
            first = false;
            obs(s, ensemble, e);
        }
        s.append("\n ]\n}\n");
        GZIPOutputStream gz = new GZIPOutputStream(out);
        gz.write(s.toString().getBytes(StandardCharsets.UTF_8));
        gz.finish();
    }

    private static void obs(StringBuilder s, String ensemble, Entry e) {
        int k = e.series().size();
        int n = e.series().getFirst().length;
        double[] mean = new double[k];
        for (int j = 0; j < k; j++) {
            double[] x = e.series().get(j);
            if (x.length != n) {
                throw new IllegalArgumentException("series of one entry must have equal lengths");
            }
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            mean[j] = sum / n;
        }
        s.append("  {\"type\": \"").append(k == 1 ? "Obs" : "List").append("\", \"layout\": \"").append(k)
                .append("\",\n   \"tag\": [");
        for (int j = 0; j < k; j++) {
            s.append(j == 0 ? "" : ", ");
            string(s, e.tags().get(j));
        }
        s.append("],\n   \"value\": [");
        for (int j = 0; j < k; j++) {
            s.append(j == 0 ? "" : ", ").append(number(mean[j]));
        }
        s.append("],\n   \"data\": [{\"id\": ");
        string(s, ensemble);
        s.append(", \"replica\": [{\"name\": ");
        string(s, ensemble + "|r0");
        s.append(", \"deltas\": [");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "\n    [" : ",\n    [").append(i + 1);
            for (int j = 0; j < k; j++) {
                s.append(", ").append(number(e.series().get(j)[i] - mean[j]));
            }
            s.append(']');
        }
        s.append("]}]}]}");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    private static StringBuilder field(StringBuilder s, String key, String value) {
        s.append(' ');
        string(s, key);
        s.append(": ");
        string(s, value);
        return s;
    }

    private static void string(StringBuilder s, String v) {
        s.append('"');
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }

    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "unknown";
        }
        return name + ", " + System.getProperty("os.name", "") + "-" + System.getProperty("os.version", "");
    }
}
