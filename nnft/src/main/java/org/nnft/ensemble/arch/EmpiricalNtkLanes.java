package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Vector API fast path of {@link EmpiricalNtkKernel}'s scalar shallow-network body: {@link ShallowLanes#L} networks
 * at once, one per double lane, each lane repeating the reference's operations in its order (the neuron sums a, b
 * and the field run over neurons in increasing order per network), so the field and the neuron sums are bit-identical
 * to the reference body's. Outputs lane-interleaved: {@code f[p L + n]}, {@code a[q L + n]}, {@code b[q L + n]}.
 */
final class EmpiricalNtkLanes {
    private static final VectorSpecies<Double> D = ShallowLanes.D;
    private static final int L = ShallowLanes.L;

    /** Neurons per draw call and per pass of the pair sums (32: measured ~5% faster than 16 or 64 here). */
    private static final int CHUNK = 32;

    private final ShallowLanes draws = new ShallowLanes();
    private final double[] z = new double[EmpiricalNtkKernel.MAX_POINTS * L];
    /** Activations and derivatives of a chunk's neurons: neuron h's point p at {@code [(h P + p) L + n]}. */
    private final double[] act = new double[CHUNK * EmpiricalNtkKernel.MAX_POINTS * L];
    private final double[] der = new double[CHUNK * EmpiricalNtkKernel.MAX_POINTS * L];
    /** Output weights of a chunk's neurons and their squares: neuron h at {@code [h L + n]}. */
    private final double[] outs = new double[CHUNK * L];
    private final double[] squares = new double[CHUNK * L];
    /** ReLU only: {@code out^2 der} of a chunk's neurons, laid out as {@link #der}. */
    private final double[] scaled = new double[CHUNK * EmpiricalNtkKernel.MAX_POINTS * L];

    /**
     * Field and neuron sums of networks {@code first .. first + L - 1} (same contract as the scalar body). A chunk's
     * neurons are evaluated first; then each sum runs over the chunk's neurons in increasing order (the reference's
     * order per lane) with its accumulator held in a register, two pairs of a row at a time, so the accumulators
     * are loaded and stored once per chunk, not once per neuron.
     */
    void shallowNetwork(double[] points, int pointCount, double[] hyper, int width, int inDim, int variant,
                        long seed, long first, double[] f, double[] a, double[] b) {
        int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
        int pairs = EmpiricalNtkKernel.pairs(pointCount);
        Arrays.fill(f, 0, pointCount * L, 0.0);
        Arrays.fill(a, 0, pairs * L, 0.0);
        Arrays.fill(b, 0, pairs * L, 0.0);
        draws.networks(first);
        int used = Math.min(4, inDim + 2);
        for (int i0 = 0; i0 < width; i0 += CHUNK) {
            int count = Math.min(CHUNK, width - i0);
            draws.normals(seed, (long) i0 * blocksPerNeuron, count * blocksPerNeuron, blocksPerNeuron > 1 ? 4 : used);
            for (int h = 0; h < count; h++) {
                neuron(h * blocksPerNeuron, h, points, pointCount, hyper, inDim, variant);
            }
            for (int p = 0; p < pointCount; p++) {
                field(p, count, pointCount, f);
            }
            if (variant == 1) {
                for (int p = 0; p < pointCount; p += 2) {
                    for (int r = p; r < pointCount; r += 4) {
                        boolean wide = pointCount - r > 2;
                        tile(act, act, a, p, r, wide, count, pointCount);
                        tile(scaled, der, b, p, r, wide, count, pointCount);
                    }
                }
            } else {
                int q = 0;
                for (int p = 0; p < pointCount; p++) {
                    int r = p;
                    for (; r + 1 < pointCount; r += 2, q += 2) {
                        twoPairs(p, r, q, count, pointCount, a, b);
                    }
                    if (r < pointCount) {
                        twoPairs(p, r, q, count, pointCount, a, b);
                        q++;
                    }
                }
            }
        }
        draws.normals(seed, (long) width * blocksPerNeuron, 1, 1);
        DoubleVector b1 = DoubleVector.fromArray(D, draws.normals, 0).mul(hyper[0]);
        for (int p = 0; p < pointCount; p++) {
            DoubleVector.fromArray(D, f, p * L).add(b1).intoArray(f, p * L);
        }
    }

    /**
     * Activations, derivatives, output weight and its square of the neuron whose draws start at block k, into chunk
     * slot h; for ReLU also {@code out^2 der_p}, which equals the reference's {@code out^2 (der_p der_r)} when
     * multiplied by {@code der_r} (both derivatives are 0 or 1, so both products are out^2 or +0 exactly).
     */
    private void neuron(int k, int h, double[] points, int pointCount, double[] hyper, int inDim, int variant) {
        double[] normals = draws.normals;
        int base = h * pointCount * L;
        DoubleVector bias = DoubleVector.fromArray(D, normals, draws.at(k, inDim)).mul(hyper[0]);
        DoubleVector out = DoubleVector.fromArray(D, normals, draws.at(k, inDim + 1)).mul(hyper[2]);
        DoubleVector square = out.mul(out);
        out.intoArray(outs, h * L);
        square.intoArray(squares, h * L);
        DoubleVector first = DoubleVector.fromArray(D, normals, draws.at(k, 0)).mul(hyper[1]);
        for (int p = 0; p < pointCount; p++) {
            DoubleVector zp = DoubleVector.zero(D).add(first.mul(points[p * inDim]));
            for (int j = 1; j < inDim; j++) {
                DoubleVector weight = DoubleVector.fromArray(D, normals, draws.at(k, j)).mul(hyper[1]);
                zp = zp.add(weight.mul(points[p * inDim + j]));
            }
            zp = zp.add(bias);
            if (variant == 1) {
                VectorMask<Double> on = zp.compare(VectorOperators.GT, 0.0);
                zp.max(0.0).intoArray(act, base + p * L);
                DoubleVector.zero(D).blend(1.0, on).intoArray(der, base + p * L);
                DoubleVector.zero(D).blend(square, on).intoArray(scaled, base + p * L);
            } else {
                zp.intoArray(z, p * L);
            }
        }
        if (variant != 1) {
            ShallowLanes.activate(z, pointCount, variant, hyper, 3, act, der, base);
        }
    }

    /** Adds {@code out act(x_p)} of the chunk's {@code count} neurons, in order, to the field at point p. */
    private void field(int p, int count, int pointCount, double[] f) {
        int stride = pointCount * L;
        DoubleVector sum = DoubleVector.fromArray(D, f, p * L);
        for (int h = 0, at = p * L; h < count; h++, at += stride) {
            sum = sum.add(DoubleVector.fromArray(D, outs, h * L).mul(DoubleVector.fromArray(D, act, at)));
        }
        sum.intoArray(f, p * L);
    }

    /**
     * Adds the terms {@code act_p act_r} and {@code out^2 (der_p der_r)} of the chunk's {@code count} neurons, in
     * order, to pairs q = (p, r) and, if {@code r + 1 < P}, q + 1 = (p, r + 1); with {@code r + 1 = P} the second
     * pair's sums are computed on a repeat of r and dropped.
     */
    private void twoPairs(int p, int r, int q, int count, int pointCount, double[] a, double[] b) {
        int stride = pointCount * L;
        boolean both = r + 1 < pointCount;
        int s = both ? r + 1 : r;
        DoubleVector a0 = DoubleVector.fromArray(D, a, q * L);
        DoubleVector b0 = DoubleVector.fromArray(D, b, q * L);
        DoubleVector a1 = both ? DoubleVector.fromArray(D, a, (q + 1) * L) : a0;
        DoubleVector b1 = both ? DoubleVector.fromArray(D, b, (q + 1) * L) : b0;
        for (int h = 0, at = 0; h < count; h++, at += stride) {
            DoubleVector ap = DoubleVector.fromArray(D, act, at + p * L);
            DoubleVector dp = DoubleVector.fromArray(D, der, at + p * L);
            DoubleVector sq = DoubleVector.fromArray(D, squares, h * L);
            a0 = a0.add(ap.mul(DoubleVector.fromArray(D, act, at + r * L)));
            b0 = b0.add(sq.mul(dp.mul(DoubleVector.fromArray(D, der, at + r * L))));
            a1 = a1.add(ap.mul(DoubleVector.fromArray(D, act, at + s * L)));
            b1 = b1.add(sq.mul(dp.mul(DoubleVector.fromArray(D, der, at + s * L))));
        }
        a0.intoArray(a, q * L);
        b0.intoArray(b, q * L);
        if (both) {
            a1.intoArray(a, (q + 1) * L);
            b1.intoArray(b, (q + 1) * L);
        }
    }

    /**
     * ReLU pair sums as a register tile: adds {@code x_p' y_r'} of the chunk's {@code count} neurons, in order, to
     * {@code acc} at pair (p', r') for rows p' = p, p + 1 and columns r' = r .. r + 3 ({@code wide}) or r, r + 1.
     * Each neuron's 2 + 4 loads feed 8 sums (the accumulators stay in registers); tile entries outside the triangle
     * r' &gt;= p' or past the last point run on clamped indices and are dropped.
     */
    private static void tile(double[] x, double[] y, double[] acc, int p, int r, boolean wide, int count,
                             int pointCount) {
        int stride = pointCount * L;
        int last = pointCount - 1;
        int x0 = p * L;
        int x1 = Math.min(p + 1, last) * L;
        int y0 = r * L;
        int y1 = Math.min(r + 1, last) * L;
        int y2 = Math.min(r + 2, last) * L;
        int y3 = Math.min(r + 3, last) * L;
        int q00 = slot(p, r, pointCount);
        int q01 = slot(p, r + 1, pointCount);
        int q10 = slot(p + 1, r, pointCount);
        int q11 = slot(p + 1, r + 1, pointCount);
        DoubleVector s00 = sum(acc, q00);
        DoubleVector s01 = sum(acc, q01);
        DoubleVector s10 = sum(acc, q10);
        DoubleVector s11 = sum(acc, q11);
        if (wide) {
            int q02 = slot(p, r + 2, pointCount);
            int q03 = slot(p, r + 3, pointCount);
            int q12 = slot(p + 1, r + 2, pointCount);
            int q13 = slot(p + 1, r + 3, pointCount);
            DoubleVector s02 = sum(acc, q02);
            DoubleVector s03 = sum(acc, q03);
            DoubleVector s12 = sum(acc, q12);
            DoubleVector s13 = sum(acc, q13);
            for (int h = 0, at = 0; h < count; h++, at += stride) {
                DoubleVector u = DoubleVector.fromArray(D, x, at + x0);
                DoubleVector v = DoubleVector.fromArray(D, x, at + x1);
                DoubleVector c0 = DoubleVector.fromArray(D, y, at + y0);
                DoubleVector c1 = DoubleVector.fromArray(D, y, at + y1);
                DoubleVector c2 = DoubleVector.fromArray(D, y, at + y2);
                DoubleVector c3 = DoubleVector.fromArray(D, y, at + y3);
                s00 = s00.add(u.mul(c0));
                s01 = s01.add(u.mul(c1));
                s02 = s02.add(u.mul(c2));
                s03 = s03.add(u.mul(c3));
                s10 = s10.add(v.mul(c0));
                s11 = s11.add(v.mul(c1));
                s12 = s12.add(v.mul(c2));
                s13 = s13.add(v.mul(c3));
            }
            store(s02, acc, q02);
            store(s03, acc, q03);
            store(s12, acc, q12);
            store(s13, acc, q13);
        } else {
            for (int h = 0, at = 0; h < count; h++, at += stride) {
                DoubleVector u = DoubleVector.fromArray(D, x, at + x0);
                DoubleVector v = DoubleVector.fromArray(D, x, at + x1);
                DoubleVector c0 = DoubleVector.fromArray(D, y, at + y0);
                DoubleVector c1 = DoubleVector.fromArray(D, y, at + y1);
                s00 = s00.add(u.mul(c0));
                s01 = s01.add(u.mul(c1));
                s10 = s10.add(v.mul(c0));
                s11 = s11.add(v.mul(c1));
            }
        }
        store(s00, acc, q00);
        store(s01, acc, q01);
        store(s10, acc, q10);
        store(s11, acc, q11);
    }

    /** Pair index of (p, r) in row order, or -1 outside the triangle p &lt;= r &lt; P. */
    private static int slot(int p, int r, int pointCount) {
        return r < pointCount && p <= r ? p * pointCount - p * (p - 1) / 2 + r - p : -1;
    }

    /** The sum of pair q's lanes ({@link #slot}), zero for a dropped tile entry. */
    private static DoubleVector sum(double[] acc, int q) {
        return q < 0 ? DoubleVector.zero(D) : DoubleVector.fromArray(D, acc, q * L);
    }

    /** Stores pair q's lanes unless the entry is dropped. */
    private static void store(DoubleVector s, double[] acc, int q) {
        if (q >= 0) {
            s.intoArray(acc, q * L);
        }
    }
}
