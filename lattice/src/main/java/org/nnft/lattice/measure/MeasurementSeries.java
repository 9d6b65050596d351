package org.nnft.lattice.measure;

import java.util.ArrayList;
import java.util.List;

/** Time series of named observables, one row per measurement, in measurement order. */
public final class MeasurementSeries {
    private final List<String> names;
    private final List<double[]> rows = new ArrayList<>();

    public MeasurementSeries(List<String> names) {
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }

    public void add(double[] row) {
        if (row.length != names.size()) {
            throw new IllegalArgumentException("row must have " + names.size() + " values, got " + row.length);
        }
        rows.add(row.clone());
    }

    public int size() {
        return rows.size();
    }

    /** The series of observable {@code name}. */
    public double[] column(String name) {
        int c = names.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("unknown observable '" + name + "', known: " + names);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    /** Copies of all rows. */
    public double[][] rows() {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).clone();
        }
        return out;
    }

    /** Mean with error and tau_int of observable {@code name}. */
    public Estimate estimate(String name) {
        return ErrorAnalysis.mean(column(name));
    }
}
