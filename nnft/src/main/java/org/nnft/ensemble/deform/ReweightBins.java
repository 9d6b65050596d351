package org.nnft.ensemble.deform;

import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.Provenance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-jackknife-bin sums of a reweighted run (or of shards of one) before they are put on one common
 * reference: bin j (global bin {@code binIds[j]}, increasing) holds {@code counts[j]} networks and, with every weight
 * stored as {@code exp(-S_int - logShifts[j])} ({@code logShifts[j]} is the largest log weight of the bin, so no
 * exp overflows), the sum of weights, of squared weights and per tuple of weight x product. These are what a
 * shard writes: a bin's sums and shift depend only on the bin (its blocks are folded in block order), never on
 * the shard that sampled it, so {@link #concat concatenating} the bins of shards gives the one-process bins bit
 * for bit, and {@link #sample} puts them on the run's common reference (the largest shift) exactly as a
 * one-process run does. Arrays are shared, not copied: treat as read only.
 */
public record ReweightBins(long[] binIds, long[] counts, double[] weights, double[] weightSquares, double[][] sums,
                           double[] logShifts) {

    public ReweightBins {
        int n = counts.length;
        if (n == 0 || binIds.length != n || weights.length != n || weightSquares.length != n || sums.length != n
                || logShifts.length != n) {
            throw new IllegalArgumentException("reweighted bins: ids, counts, weights, squares, sums and logShifts "
                    + "must have one equal (>= 1) length");
        }
        for (int b = 0; b < n; b++) {
            if (binIds[b] < 0 || (b > 0 && binIds[b] <= binIds[b - 1])) {
                throw new IllegalArgumentException("reweighted bins: bin ids must be >= 0 and increasing, got "
                        + binIds[b] + " at " + b);
            }
            if (counts[b] <= 0 || !(weights[b] >= 0) || !Double.isFinite(weights[b])
                    || !(weightSquares[b] >= 0) || !Double.isFinite(weightSquares[b])
                    || !Double.isFinite(logShifts[b]) || sums[b] == null || sums[b].length != sums[0].length) {
                throw new IllegalArgumentException("reweighted bins: bin " + binIds[b] + " is malformed (count > 0"
                        + ", finite non-negative weights, finite shift and tuple sums of one length)");
            }
        }
    }

    /** Number of bins. */
    public int size() {
        return counts.length;
    }

    /** The first bin's id. */
    public int firstBin() {
        return (int) binIds[0];
    }

    /** All bins of several disjoint parts of one run, in increasing bin order (a bin held twice is refused). */
    public static ReweightBins concat(List<ReweightBins> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no reweighted bins to combine");
        }
        Map<Long, int[]> where = new TreeMap<>();
        for (int p = 0; p < parts.size(); p++) {
            long[] ids = parts.get(p).binIds;
            for (int b = 0; b < ids.length; b++) {
                if (where.put(ids[b], new int[]{p, b}) != null) {
                    throw new IllegalArgumentException("reweighted bins: bin " + ids[b] + " is held twice");
                }
            }
        }
        int n = where.size();
        long[] ids = new long[n];
        long[] counts = new long[n];
        double[] weights = new double[n];
        double[] squares = new double[n];
        double[][] sums = new double[n][];
        double[] shifts = new double[n];
        int at = 0;
        for (Map.Entry<Long, int[]> e : where.entrySet()) {
            ReweightBins p = parts.get(e.getValue()[0]);
            int b = e.getValue()[1];
            ids[at] = e.getKey();
            counts[at] = p.counts[b];
            weights[at] = p.weights[b];
            squares[at] = p.weightSquares[b];
            sums[at] = p.sums[b];
            shifts[at] = p.logShifts[b];
            at++;
        }
        return new ReweightBins(ids, counts, weights, squares, sums, shifts);
    }

    /** The common reference: the largest shift of the bins. */
    public double logReference() {
        double common = logShifts[0];
        for (double r : logShifts) {
            common = Math.max(common, r);
        }
        return common;
    }

    /**
     * These bins of {@code config}'s run on the common reference {@link #logReference()}: bin j's sums times
     * {@code exp(logShifts[j] - reference)} (squares times its square), the one-process run's last step.
     */
    public ReweightSample sample(EnsembleConfig config, Deformation deformation, Provenance provenance) {
        double common = logReference();
        int n = size();
        double[] w = new double[n];
        double[] w2 = new double[n];
        double[][] s = new double[n][];
        for (int b = 0; b < n; b++) {
            double f = Math.exp(logShifts[b] - common);
            s[b] = new double[sums[b].length];
            for (int t = 0; t < s[b].length; t++) {
                s[b][t] = sums[b][t] * f;
            }
            w[b] = weights[b] * f;
            w2[b] = weightSquares[b] * (f * f);
        }
        return new ReweightSample(config, deformation, firstBin(), counts, w, w2, s, common, provenance, this);
    }
}
