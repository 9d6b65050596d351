package org.nnft.spark;

import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.measure.MeasurementSeries;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lattice task sends back: its spec, the measurement time series (names and rows, so replicas combine in
 * {@link org.nnft.stats.MultiReplicaGamma}) and the replica's own estimates (value, error, tau_int by name).
 */
public record ReplicaResult(LatticeSpec spec, List<String> names, double[][] rows, Map<String, double[]> estimates)
        implements Serializable {

    /** The measurement series as the lattice module holds it. */
    public MeasurementSeries series() {
        MeasurementSeries s = new MeasurementSeries(names);
        for (double[] row : rows) {
            s.add(row);
        }
        return s;
    }

    /** The replica's estimates by name, as {@link org.nnft.lattice.run.LatticeRun.Result#observables()}. */
    public Map<String, Estimate> observables() {
        Map<String, Estimate> out = new LinkedHashMap<>();
        estimates.forEach((k, v) -> out.put(k, new Estimate(v[0], v[1], v[2])));
        return out;
    }

    /** The series of observable {@code name}. */
    public double[] column(String name) {
        int c = names.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("unknown observable '" + name + "', known: " + names);
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }
}
