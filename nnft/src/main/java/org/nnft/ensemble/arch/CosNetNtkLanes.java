package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;

import java.util.Arrays;

/**
 * Vector API fast path of {@link EmpiricalNtkKernel}'s cos-net body: {@link #L} networks at once, one per double
 * lane, each lane repeating the reference's operations in its order, so the field and the neuron sums a, b are
 * bit-identical to the reference body's. The neurons are {@link CosNet#drawNeuron}'s (vector Philox, one stream per
 * lane, and vector Box-Muller are bit-exact twins of the scalar draws; tan and pow go lane by lane through
 * {@link Math}, the rest is plain arithmetic, which the Vector API never fuses); cos and sin of the phases are
 * {@link PortableTrig}'s, whose vector and scalar forms give the same bits. Outputs lane-interleaved:
 * {@code f[p L + n]}, {@code a[q L + n]}, {@code b[q L + n]} for network {@code first + n}. One instance per
 * work-item range (it holds the scratch).
 */
final class CosNetNtkLanes {
    private static final VectorSpecies<Double> D = VectorRandom.D;
    /** Networks per group: one per double lane. */
    static final int L = VectorRandom.LANES;
    /** Neurons drawn per pass, whose pair terms are then summed with the accumulators in registers. */
    static final int CHUNK = 16;
    private static final int MAX_P = EmpiricalNtkKernel.MAX_POINTS;
    /** Row length of {@link #words}: two blocks per neuron of the chunk. */
    private static final int ROW = 2 * CHUNK * L;

    private final long[] streams = new long[L];
    /** Word j of block 2i + k (k = 0, 1) of chunk neuron h, network n, at {@code [j ROW + (2 h + k) L + n]}. */
    private final long[] words = new long[4 * ROW];
    /** Per chunk neuron h at {@code [h L + n]}: uniforms, then normals, then the neuron (amplitude, c, w, s^2). */
    final double[] amp = new double[CHUNK * L];
    private final double[] angle = new double[CHUNK * L];
    final double[] phase = new double[CHUNK * L];
    private final double[] unit = new double[CHUNK * L];
    private final double[] precision = new double[CHUNK * L];
    final double[] s2 = new double[CHUNK * L];
    private final double[] amp2 = new double[CHUNK * L];
    /** Momentum component k of chunk neuron h at {@code [(k CHUNK + h) L + n]} (ball d &gt; 1: first the normals). */
    final double[] momenta = new double[4 * CHUNK * L];
    /** cos and sin of chunk neuron h's phase at point p at {@code [(h P + p) L + n]}. */
    private final double[] cs = new double[CHUNK * MAX_P * L];
    private final double[] sn = new double[CHUNK * MAX_P * L];
    private final double[] lane = new double[L];

    /** Same contract as the reference body, for networks {@code first .. first + L - 1} (lane-interleaved). */
    void cosNet(double[] points, int pointCount, double[] hyper, int width, int dim, int variant, long seed,
                long first, double[] f, double[] a, double[] b) {
        int pairs = EmpiricalNtkKernel.pairs(pointCount);
        Arrays.fill(f, 0, pointCount * L, 0.0);
        Arrays.fill(a, 0, pairs * L, 0.0);
        Arrays.fill(b, 0, pairs * L, 0.0);
        streams(first);
        for (int i0 = 0; i0 < width; i0 += CHUNK) {
            int count = Math.min(CHUNK, width - i0);
            draw(seed, i0, count, hyper, dim, variant);
            for (int h = 0; h < count; h++) {
                waves(h, points, pointCount, dim, f);
            }
            int q = 0;
            for (int p = 0; p < pointCount; p++) {
                for (int r = p; r < pointCount; r += 2, q += 2) {
                    pairTerms(p, r, q, count, pointCount, a, b);
                }
                q -= (pointCount - p) & 1;
            }
        }
    }

    /** Sets the lanes' Philox streams to those of networks {@code first .. first + L - 1}. */
    void streams(long first) {
        for (int n = 0; n < L; n++) {
            streams[n] = EnsembleStreams.stream(first + n);
        }
    }

    /**
     * Neurons {@code i0 .. i0 + count - 1} (count at most {@link #CHUNK}) of every lane's network, as
     * {@link CosNet#drawNeuron} draws them, into {@link #amp}, {@link #phase}, {@link #momenta} and their NTK factors
     * {@code s^2} into {@link #s2} and {@code amplitude^2} (the reference's expressions); shared with
     * {@link TrainedCosNetLanes}, after {@link #streams}.
     */
    void draw(long seed, int i0, int count, double[] hyper, int dim, int variant) {
        double m = hyper[0];
        double lambda = hyper[1];
        double scale = hyper[2];
        boolean ball = variant == 0 && dim > 1;
        int n = count * L;
        for (int h = 0; h < count; h++) {
            VectorPhilox.streamPairs(seed, streams, 0, 2L * (i0 + h), words, 2 * h * L, ROW);
            int at = 2 * h * L;
            VectorRandom.openUnits(words, at, L, amp, h * L);
            VectorRandom.openUnits(words, ROW + at, L, angle, h * L);
            VectorRandom.openUnits(words, 2 * ROW + at, L, phase, h * L);
            VectorRandom.openUnits(words, 3 * ROW + at, L, unit, h * L);
            if (ball) {
                for (int j = 0; j < 4; j++) {
                    VectorRandom.openUnits(words, j * ROW + at + L, L, momenta, (j * CHUNK + h) * L);
                }
            }
        }
        for (int k = 0; k < n; k++) {
            phase[k] = (2.0 * phase[k] - 1.0) * Math.PI;
        }
        if (variant == 1) {
            for (int k = 0; k < n; k++) {
                momenta[k] = m * Math.tan(Math.PI * (unit[k] - 0.5));
            }
        } else if (!ball) {
            for (int k = 0; k < n; k++) {
                double w = lambda * (2.0 * unit[k] - 1.0);
                momenta[k] = w;
                precision[k] = w * w + m * m;
            }
        } else {
            int row = CHUNK * L;
            VectorRandom.boxMullerInPlace(n, momenta, 0, momenta, row, true, null, 0);
            VectorRandom.boxMullerInPlace(n, momenta, 2 * row, momenta, 3 * row, true, null, 0);
            double root = 1.0 / dim;
            for (int k = 0; k < n; k++) {
                double norm2 = 0.0;
                for (int c = 0; c < dim; c++) {
                    norm2 = norm2 + momenta[c * row + k] * momenta[c * row + k];
                }
                double radius = lambda * Math.pow(unit[k], root);
                double s = radius / Math.sqrt(norm2);
                for (int c = 0; c < dim; c++) {
                    momenta[c * row + k] = momenta[c * row + k] * s;
                }
                precision[k] = radius * radius + m * m;
            }
        }
        VectorRandom.boxMullerInPlace(n, amp, 0, angle, 0, false, variant == 1 ? null : precision, 0);
        int row = CHUNK * L;
        for (int k = 0; k < n; k++) {
            amp[k] = scale * amp[k];
            double s = hyper[2] * hyper[2];
            if (variant == 0) {
                double p = hyper[0] * hyper[0];
                for (int c = 0; c < dim; c++) {
                    p = p + momenta[c * row + k] * momenta[c * row + k];
                }
                s = s / p;
            }
            s2[k] = s;
            amp2[k] = amp[k] * amp[k];
        }
    }

    /**
     * Phases {@code c + w.x_p} of chunk neuron h at every point (summed over k in order, unfused), their cosines and
     * sines into {@link #cs}, {@link #sn}, and {@code amplitude cos} added to the field.
     */
    private void waves(int h, double[] points, int pointCount, int dim, double[] f) {
        int row = CHUNK * L;
        DoubleVector c = DoubleVector.fromArray(D, phase, h * L);
        DoubleVector amplitude = DoubleVector.fromArray(D, amp, h * L);
        for (int p = 0; p < pointCount; p++) {
            DoubleVector arg = c;
            for (int k = 0; k < dim; k++) {
                arg = arg.add(DoubleVector.fromArray(D, momenta, (k * CHUNK + h) * L).mul(points[p * dim + k]));
            }
            int at = (h * pointCount + p) * L;
            DoubleVector cosine;
            DoubleVector sine;
            if (arg.abs().compare(VectorOperators.LE, PortableTrig.RANGE).allTrue()) {
                cosine = PortableTrig.cos(arg);
                sine = PortableTrig.sin(arg);
            } else {
                arg.intoArray(lane, 0);
                for (int n = 0; n < L; n++) {
                    cs[at + n] = PortableTrig.cos(lane[n]);
                    sn[at + n] = PortableTrig.sin(lane[n]);
                }
                cosine = DoubleVector.fromArray(D, cs, at);
                sine = DoubleVector.fromArray(D, sn, at);
            }
            cosine.intoArray(cs, at);
            sine.intoArray(sn, at);
            DoubleVector.fromArray(D, f, p * L).add(amplitude.mul(cosine)).intoArray(f, p * L);
        }
    }

    /**
     * Adds the chunk's {@code count} neurons' terms {@code s^2 (cos_p cos_r)} and {@code amplitude^2 (sin_p sin_r)},
     * in neuron order, to pair q = (p, r) and, if {@code r + 1 < P}, pair q + 1 = (p, r + 1) (else the second pair
     * runs on a repeat of r and is dropped): four independent sums held in registers over the chunk.
     */
    private void pairTerms(int p, int r, int q, int count, int pointCount, double[] a, double[] b) {
        boolean both = r + 1 < pointCount;
        int t = both ? r + 1 : r;
        int stride = pointCount * L;
        DoubleVector a0 = DoubleVector.fromArray(D, a, q * L);
        DoubleVector b0 = DoubleVector.fromArray(D, b, q * L);
        DoubleVector a1 = both ? DoubleVector.fromArray(D, a, (q + 1) * L) : a0;
        DoubleVector b1 = both ? DoubleVector.fromArray(D, b, (q + 1) * L) : b0;
        for (int h = 0, at = 0; h < count; h++, at += stride) {
            DoubleVector s = DoubleVector.fromArray(D, s2, h * L);
            DoubleVector g = DoubleVector.fromArray(D, amp2, h * L);
            DoubleVector cp = DoubleVector.fromArray(D, cs, at + p * L);
            DoubleVector sp = DoubleVector.fromArray(D, sn, at + p * L);
            a0 = a0.add(s.mul(cp.mul(DoubleVector.fromArray(D, cs, at + r * L))));
            b0 = b0.add(g.mul(sp.mul(DoubleVector.fromArray(D, sn, at + r * L))));
            a1 = a1.add(s.mul(cp.mul(DoubleVector.fromArray(D, cs, at + t * L))));
            b1 = b1.add(g.mul(sp.mul(DoubleVector.fromArray(D, sn, at + t * L))));
        }
        a0.intoArray(a, q * L);
        b0.intoArray(b, q * L);
        if (both) {
            a1.intoArray(a, (q + 1) * L);
            b1.intoArray(b, (q + 1) * L);
        }
    }

    static {
        if (VectorPhilox.LONGS.length() != L) {
            throw new AssertionError("long and double lanes of one shape");
        }
    }
}
