package org.nnft.ensemble.deform;

import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.Provenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-jackknife-bin sums of a reweighted run (or of a shard of one) before they are put on one common
 * reference: bin j (global bin {@code firstBin + j}) holds {@code counts[j]} networks and, with every weight
 * stored as {@code exp(-S_int - logShifts[j])} ({@code logShifts[j]} is the largest log weight of the bin, so no
 * exp overflows), the sum of weights, of squared weights and per tuple of weight x product. These are what a
 * shard writes: a bin's sums and shift depend only on the bin (its blocks are folded in block order), never on
 * the shard that sampled it, so {@link #concat concatenating} the bins of shards gives the one-process bins bit
 * for bit, and {@link #sample} puts them on the run's common reference (the largest shift) exactly as a
 * one-process run does. Arrays are shared, not copied: treat as read only.
 */
public record ReweightBins(int firstBin, long[] counts, double[] weights, double[] weightSquares, double[][] sums,
                           double[] logShifts) {

    public ReweightBins {
        int n = counts.length;
        if (n == 0 || weights.length != n || weightSquares.length != n || sums.length != n || logShifts.length != n) {
            throw new IllegalArgumentException("reweighted bins: counts, weights, weightSquares, sums and logShifts "
                    + "must have one equal (>= 1) length");
        }
        if (firstBin < 0) {
            throw new IllegalArgumentException("reweighted bins: firstBin must be >= 0, got " + firstBin);
        }
        for (int b = 0; b < n; b++) {
            if (counts[b] <= 0 || !(weights[b] >= 0) || !Double.isFinite(weights[b])
                    || !(weightSquares[b] >= 0) || !Double.isFinite(weightSquares[b])
                    || !Double.isFinite(logShifts[b]) || sums[b] == null || sums[b].length != sums[0].length) {
                throw new IllegalArgumentException("reweighted bins: bin " + (firstBin + b) + " is malformed (count > 0"
                        + ", finite non-negative weights, finite shift and tuple sums of one length)");
            }
        }
    }

    /** Number of bins. */
    public int size() {
        return counts.length;
    }

    /** The bins of several disjoint parts of one run, in increasing bin order; they must be contiguous. */
    public static ReweightBins concat(List<ReweightBins> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no reweighted bins to combine");
        }
        List<ReweightBins> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(ReweightBins::firstBin));
        int n = 0;
        int next = sorted.get(0).firstBin;
        for (ReweightBins p : sorted) {
            if (p.firstBin != next) {
                throw new IllegalArgumentException("reweighted bins: expected bin " + next + ", got bin "
                        + p.firstBin + " (bins missing or held twice)");
            }
            next += p.size();
            n += p.size();
        }
        long[] counts = new long[n];
        double[] weights = new double[n];
        double[] squares = new double[n];
        double[][] sums = new double[n][];
        double[] shifts = new double[n];
        int at = 0;
        for (ReweightBins p : sorted) {
            System.arraycopy(p.counts, 0, counts, at, p.size());
            System.arraycopy(p.weights, 0, weights, at, p.size());
            System.arraycopy(p.weightSquares, 0, squares, at, p.size());
            System.arraycopy(p.sums, 0, sums, at, p.size());
            System.arraycopy(p.logShifts, 0, shifts, at, p.size());
            at += p.size();
        }
        return new ReweightBins(sorted.get(0).firstBin, counts, weights, squares, sums, shifts);
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
        return new ReweightSample(config, deformation, firstBin, counts, w, w2, s, common, provenance, this);
    }
}
