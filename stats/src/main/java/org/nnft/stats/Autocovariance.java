package org.nnft.stats;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

import java.util.Arrays;

/**
 * Autocovariance Gamma(t) = 1/(N-t) sum_{i<N-t} d_i d_{i+t} of a series of fluctuations d (already
 * centred). Lags are computed lazily by direct O(N) sums while few are needed; once more than
 * {@link #directLagLimit} lags are requested all lags are computed at once by zero-padded FFT in
 * O(N log N). Not thread safe.
 */
final class Autocovariance {

    private final double[] deltas;
    private final int directLagLimit;
    private double[] cache;        // lags computed so far (direct) or all lags (FFT)
    private int computed;          // number of valid entries in cache
    private boolean fromFft;

    Autocovariance(double[] deltas) {
        this(deltas, defaultDirectLagLimit(deltas.length));
    }

    /** @param directLagLimit number of lags computed directly before switching to FFT */
    Autocovariance(double[] deltas, int directLagLimit) {
        this.deltas = deltas;
        this.directLagLimit = directLagLimit;
        this.cache = new double[Math.min(deltas.length, 16)];
    }

    /** Direct lags cost N each, the FFT about 6 N log2(2N): switch when the direct path is dearer. */
    private static int defaultDirectLagLimit(int n) {
        int log2 = 64 - Long.numberOfLeadingZeros(2L * n);
        return Math.max(32, 6 * log2);
    }

    /** Gamma(t) for 0 <= t < N. */
    double at(int t) {
        if (t < 0 || t >= deltas.length) {
            throw new IllegalArgumentException("lag t must be in [0, " + deltas.length + "), got " + t);
        }
        if (t < computed) {
            return cache[t];
        }
        if (!fromFft && t >= directLagLimit) {
            cache = viaFft(deltas);
            computed = deltas.length;
            fromFft = true;
            return cache[t];
        }
        while (computed <= t) {
            if (computed == cache.length) {
                cache = Arrays.copyOf(cache, Math.min(deltas.length, 2 * cache.length));
            }
            cache[computed] = direct(deltas, computed);
            computed++;
        }
        return cache[t];
    }

    static double direct(double[] d, int t) {
        double sum = 0;
        for (int i = 0, n = d.length - t; i < n; i++) {
            sum += d[i] * d[i + t];
        }
        return sum / (d.length - t);
    }

    /** All lags by the Wiener-Khinchin theorem on a zero-padded array of length >= 2N. */
    static double[] viaFft(double[] d) {
        int n = d.length;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n) {
            size <<= 1;
        }
        double[][] data = new double[2][size];
        System.arraycopy(d, 0, data[0], 0, n);
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
        double[] re = data[0];
        double[] im = data[1];
        for (int k = 0; k < size; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.INVERSE);
        double[] gamma = new double[n];
        for (int t = 0; t < n; t++) {
            gamma[t] = re[t] / (n - t);
        }
        return gamma;
    }
}
