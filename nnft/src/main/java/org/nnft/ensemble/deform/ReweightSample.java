package org.nnft.ensemble.deform;

import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.Provenance;

/**
 * The per-jackknife-bin output of {@link ReweightSampler}: bin j (global bin {@code bins.binIds()[j]}; the first is
 * {@code firstBin})
 * holds {@code counts[j]} networks with total weight {@code weights[j]}, sum of squared weights
 * {@code weightSquares[j]} and, per tuple, the sum of weight x product. Every weight is stored as
 * {@code exp(-S_int - logReference)} (one common reference for all bins), so ratios are exact.
 * {@code bins} are the same bins before the common reference was applied (what shards write and merge).
 * Arrays are shared, not copied: treat as read only.
 */
public record ReweightSample(EnsembleConfig config, Deformation deformation, int firstBin, long[] counts,
                             double[] weights, double[] weightSquares, double[][] sums, double logReference,
                             Provenance provenance, ReweightBins bins) {

    /** Networks sampled. */
    public long networks() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** Kish effective sample size {@code (sum w)^2 / sum w^2}; equals the number of networks when w = 1. */
    public double effectiveSampleSize() {
        double w = 0;
        double w2 = 0;
        for (int b = 0; b < counts.length; b++) {
            w += weights[b];
            w2 += weightSquares[b];
        }
        return w * w / w2;
    }

    /** Moments, connected correlators (ratio estimators, jackknife over bins) and diagnostics. */
    public DeformedResult result() {
        return DeformedResult.reweighted(this);
    }
}
