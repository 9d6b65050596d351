package org.nnft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training data of {@code nnft train}: inputs X (n points of dimension d) and targets Y, read from a file of
 * {@code x1,...,xd,y} rows ('#' comments and blank lines skipped) or made from the built-in toy target
 * y = sin(x_1) on n equally spaced points of [-pi, pi] along the first axis (the other coordinates 0).
 *
 * @param points  n training inputs
 * @param targets n targets
 * @param source  where the data came from, for the result file
 */
record TrainingSet(double[][] points, double[] targets, String source) {

    /** The toy target sin(x_1) on {@code n >= 1} points of [-pi, pi] (one point: x = 0). */
    static TrainingSet sine(int n, int dim) {
        if (n < 1) {
            throw new IllegalArgumentException("--train-points must be >= 1, got " + n);
        }
        double[][] x = new double[n][dim];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = n == 1 ? 0 : -Math.PI + 2 * Math.PI * i / (n - 1);
            y[i] = Math.sin(x[i][0]);
        }
        return new TrainingSet(x, y, "sin");
    }

    /** Rows {@code x1,...,xd,y} of {@code file}. */
    static TrainingSet file(Path file, int dim) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--data: cannot read " + file + ": " + e.getMessage());
        }
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != dim + 1) {
                throw new IllegalArgumentException("--data " + file + " line " + (l + 1) + ": need " + (dim + 1)
                        + " values (x1..x" + dim + ",y), got " + cells.length);
            }
            double[] row = new double[dim + 1];
            for (int c = 0; c <= dim; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--data " + file + " line " + (l + 1) + ": '" + cells[c].trim()
                            + "' is not a number");
                }
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException("--data " + file + " line " + (l + 1) + ": not finite");
                }
            }
            xs.add(Arrays.copyOf(row, dim));
            ys.add(row[dim]);
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("--data " + file + ": no rows");
        }
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
        }
        return new TrainingSet(xs.toArray(new double[0][]), y, file.toString());
    }
}
