package org.nnft.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses evaluation points. Inline: points separated by ';', coordinates within a point by ','
 * ({@code "0,0;0.5,0;1,0"}). File: one point per line, coordinates separated by commas or
 * white space; blank lines and lines starting with '#' are skipped. An empty inline point
 * ({@code "1;;2"}, a trailing ';') is an error, not skipped: it is a typo more often than not.
 * Every point must have the expected dimension; errors name the input, the point (or line) and
 * the offending text.
 */
public final class PointsParser {
    private PointsParser() {
    }

    /** Points from the inline form. */
    public static double[][] inline(String text, int dim) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--points: no points given");
        }
        String[] parts = text.split(";", -1);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new IllegalArgumentException("--points: point " + (i + 1) + " is empty in '" + text + "'");
            }
            out.add(point(parts[i].split(","), dim, "--points: point " + (i + 1)));
        }
        return out.toArray(double[][]::new);
    }

    /** Points from a file. */
    public static double[][] file(Path file, int dim) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--points-file: cannot read " + file + " ("
                    + IoMessages.reason(e) + ")");
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(point(line.split("[,\\s]+"), dim, "--points-file " + file + ": line " + (i + 1)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--points-file " + file + ": no points in the file");
        }
        return out.toArray(double[][]::new);
    }

    private static double[] point(String[] coords, int dim, String where) {
        if (coords.length != dim) {
            throw new IllegalArgumentException(where + " has " + coords.length + " coordinates, expected " + dim
                    + " (--dim " + dim + ")");
        }
        double[] p = new double[dim];
        for (int k = 0; k < dim; k++) {
            try {
                p[k] = Double.parseDouble(coords[k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + coords[k].trim() + "' is not a number");
            }
            if (!Double.isFinite(p[k])) {
                throw new IllegalArgumentException(where + ": coordinate " + (k + 1) + " is not finite");
            }
        }
        return p;
    }
}
