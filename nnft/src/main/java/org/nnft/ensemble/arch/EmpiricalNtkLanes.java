package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.simd.VectorPhilox;

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
    private static final VectorSpecies<Long> LONGS = VectorPhilox.LONGS;

    /** Neurons per draw call and per pass of the pair sums (32 to 512 within ~3% of each other here). */
    private static final int CHUNK = 64;
    /** Most points of the ReLU register path ({@link #relu}, {@link #pairSumsA}, {@link #pairSumsB}). */
    static final int SMALL = 6;
    /** Offsets in {@link #sums}: field sums of points 0..5, then the a and b sums of their 21 pairs. */
    private static final int F = 0;
    private static final int A = SMALL * L;
    private static final int B = A + 21 * L;

    private final ShallowLanes draws = new ShallowLanes();
    private final double[] z = new double[EmpiricalNtkKernel.MAX_POINTS * L];
    /** Activations and derivatives of a chunk's neurons: neuron h's point p at {@code [(h P + p) L + n]}. */
    private double[] act = new double[0];
    private double[] der = new double[0];
    /** ReLU register path: {@code z > 0} of a chunk's neurons as all-ones or zero bits, laid out as {@link #act}. */
    private long[] on = new long[0];
    /** Output weights of a chunk's neurons and their squares: neuron h at {@code [h L + n]}. */
    private final double[] outs = new double[CHUNK * L];
    private final double[] squares = new double[CHUNK * L];
    /** ReLU with more than {@link #SMALL} points: {@code out^2 der} of a chunk's neurons, laid out as {@link #der}. */
    private double[] scaled = new double[0];
    /**
     * ReLU register path: the sums of the {@link #SMALL}-point triangle, pair (p, r) at index
     * {@code 6 p - p (p - 1) / 2 + r - p}, between chunks (offsets {@link #F}, {@link #A}, {@link #B}).
     */
    private final double[] sums = new double[B + 21 * L];

    /**
     * Field and neuron sums of networks {@code first .. first + L - 1} (same contract as the scalar body). A chunk's
     * neurons are evaluated first; then each sum runs over the chunk's neurons in increasing order (the reference's
     * order per lane) with its accumulator held in a register, so the accumulators are loaded and stored once per
     * chunk, not once per neuron: ReLU with at most {@link #SMALL} points holds all 21 pair sums of a or of b (and
     * the field sums during the evaluation) in registers; otherwise pairs go in register tiles.
     */
    void shallowNetwork(double[] points, int pointCount, double[] hyper, int width, int inDim, int variant,
                        long seed, long first, double[] f, double[] a, double[] b) {
        int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
        int pairs = EmpiricalNtkKernel.pairs(pointCount);
        boolean small = variant == 1 && pointCount <= SMALL;
        int size = CHUNK * pointCount * L;
        if (act.length < size) {
            act = new double[size];
            der = new double[size];
            on = new long[size];
        }
        if (!small && variant == 1 && scaled.length < size) {
            scaled = new double[size];
        }
        Arrays.fill(f, 0, pointCount * L, 0.0);
        Arrays.fill(a, 0, pairs * L, 0.0);
        Arrays.fill(b, 0, pairs * L, 0.0);
        Arrays.fill(sums, 0.0);
        draws.networks(first);
        int used = Math.min(4, inDim + 2);
        for (int i0 = 0; i0 < width; i0 += CHUNK) {
            int count = Math.min(CHUNK, width - i0);
            draws.normals(seed, (long) i0 * blocksPerNeuron, count * blocksPerNeuron, blocksPerNeuron > 1 ? 4 : used);
            if (small) {
                relu(count, blocksPerNeuron, points, pointCount, hyper, inDim);
                pairSumsA(count, pointCount);
                pairSumsB(count, pointCount);
                continue;
            }
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
        if (small) {
            copyOut(pointCount, f, a, b);
        }
        draws.normals(seed, (long) width * blocksPerNeuron, 1, 1);
        DoubleVector b1 = DoubleVector.fromArray(D, draws.normals, 0).mul(hyper[0]);
        for (int p = 0; p < pointCount; p++) {
            DoubleVector.fromArray(D, f, p * L).add(b1).intoArray(f, p * L);
        }
    }

    /** The register path's field and pair sums of the P points from {@link #sums} into f, a and b. */
    private void copyOut(int pointCount, double[] f, double[] a, double[] b) {
        int q = 0;
        for (int p = 0; p < pointCount; p++) {
            System.arraycopy(sums, F + p * L, f, p * L, L);
            for (int r = p; r < pointCount; r++, q++) {
                int t = SMALL * p - p * (p - 1) / 2 + r - p;
                System.arraycopy(sums, A + t * L, a, q * L, L);
                System.arraycopy(sums, B + t * L, b, q * L, L);
            }
        }
    }

    /**
     * ReLU register path: activations, derivatives (written to {@link #act}, {@link #der}) and output weights'
     * squares ({@link #squares}) of the chunk's {@code count} neurons, the neuron of slot h drawn from block
     * {@code h blocksPerNeuron}, each as the reference computes it; the field sums {@code f_p += out act_p} of the
     * {@link #SMALL} points stay in registers over the chunk (points past P - 1 are clamped to P - 1 and dropped).
     */
    private void relu(int count, int blocksPerNeuron, double[] points, int pointCount, double[] hyper, int inDim) {
        double[] normals = draws.normals;
        int stride = pointCount * L;
        int last = pointCount - 1;
        int c0 = 0;
        int c1 = Math.min(1, last);
        int c2 = Math.min(2, last);
        int c3 = Math.min(3, last);
        int c4 = Math.min(4, last);
        int c5 = Math.min(5, last);
        DoubleVector f0 = DoubleVector.fromArray(D, sums, F);
        DoubleVector f1 = DoubleVector.fromArray(D, sums, F + L);
        DoubleVector f2 = DoubleVector.fromArray(D, sums, F + 2 * L);
        DoubleVector f3 = DoubleVector.fromArray(D, sums, F + 3 * L);
        DoubleVector f4 = DoubleVector.fromArray(D, sums, F + 4 * L);
        DoubleVector f5 = DoubleVector.fromArray(D, sums, F + 5 * L);
        LongVector none = LongVector.zero(LONGS);
        for (int h = 0, at = 0; h < count; h++, at += stride) {
            int k = h * blocksPerNeuron;
            DoubleVector bias = DoubleVector.fromArray(D, normals, draws.at(k, inDim)).mul(hyper[0]);
            DoubleVector out = DoubleVector.fromArray(D, normals, draws.at(k, inDim + 1)).mul(hyper[2]);
            out.mul(out).intoArray(squares, h * L);
            // z_p = (w_0 x_p0 + w_1 x_p1 + ...) + bias in the reference's order, less its leading 0 +, which can only
            // turn a zero's sign (a zero z_p of either sign gives act 0 and derivative 0 all the same)
            DoubleVector w = DoubleVector.fromArray(D, normals, draws.at(k, 0)).mul(hyper[1]);
            DoubleVector z0 = w.mul(points[c0 * inDim]);
            DoubleVector z1 = w.mul(points[c1 * inDim]);
            DoubleVector z2 = w.mul(points[c2 * inDim]);
            DoubleVector z3 = w.mul(points[c3 * inDim]);
            DoubleVector z4 = w.mul(points[c4 * inDim]);
            DoubleVector z5 = w.mul(points[c5 * inDim]);
            for (int j = 1; j < inDim; j++) {
                w = DoubleVector.fromArray(D, normals, draws.at(k, j)).mul(hyper[1]);
                z0 = z0.add(w.mul(points[c0 * inDim + j]));
                z1 = z1.add(w.mul(points[c1 * inDim + j]));
                z2 = z2.add(w.mul(points[c2 * inDim + j]));
                z3 = z3.add(w.mul(points[c3 * inDim + j]));
                z4 = z4.add(w.mul(points[c4 * inDim + j]));
                z5 = z5.add(w.mul(points[c5 * inDim + j]));
            }
            z0 = z0.add(bias);
            z1 = z1.add(bias);
            z2 = z2.add(bias);
            z3 = z3.add(bias);
            z4 = z4.add(bias);
            z5 = z5.add(bias);
            DoubleVector a0 = z0.max(0.0);
            DoubleVector a1 = z1.max(0.0);
            DoubleVector a2 = z2.max(0.0);
            DoubleVector a3 = z3.max(0.0);
            DoubleVector a4 = z4.max(0.0);
            DoubleVector a5 = z5.max(0.0);
            a0.intoArray(act, at + c0 * L);
            a1.intoArray(act, at + c1 * L);
            a2.intoArray(act, at + c2 * L);
            a3.intoArray(act, at + c3 * L);
            a4.intoArray(act, at + c4 * L);
            a5.intoArray(act, at + c5 * L);
            none.blend(-1L, z0.compare(VectorOperators.GT, 0.0).cast(LONGS)).intoArray(on, at + c0 * L);
            none.blend(-1L, z1.compare(VectorOperators.GT, 0.0).cast(LONGS)).intoArray(on, at + c1 * L);
            none.blend(-1L, z2.compare(VectorOperators.GT, 0.0).cast(LONGS)).intoArray(on, at + c2 * L);
            none.blend(-1L, z3.compare(VectorOperators.GT, 0.0).cast(LONGS)).intoArray(on, at + c3 * L);
            none.blend(-1L, z4.compare(VectorOperators.GT, 0.0).cast(LONGS)).intoArray(on, at + c4 * L);
            none.blend(-1L, z5.compare(VectorOperators.GT, 0.0).cast(LONGS)).intoArray(on, at + c5 * L);
            f0 = f0.add(out.mul(a0));
            f1 = f1.add(out.mul(a1));
            f2 = f2.add(out.mul(a2));
            f3 = f3.add(out.mul(a3));
            f4 = f4.add(out.mul(a4));
            f5 = f5.add(out.mul(a5));
        }
        f0.intoArray(sums, F);
        f1.intoArray(sums, F + L);
        f2.intoArray(sums, F + 2 * L);
        f3.intoArray(sums, F + 3 * L);
        f4.intoArray(sums, F + 4 * L);
        f5.intoArray(sums, F + 5 * L);
    }

    /**
     * The a sums of the chunk's {@code count} neurons, register path: all 21 sums {@code a(p, r) += act_p act_r} of
     * {@link #SMALL} points (p &lt;= r) in registers, neurons in increasing order, 6 loads per neuron; points past
     * P - 1 are clamped to P - 1 (their sums are dropped when copied out).
     */
    private void pairSumsA(int count, int pointCount) {
        int stride = pointCount * L;
        int last = pointCount - 1;
        int c0 = Math.min(0, last) * L;
        int c1 = Math.min(1, last) * L;
        int c2 = Math.min(2, last) * L;
        int c3 = Math.min(3, last) * L;
        int c4 = Math.min(4, last) * L;
        int c5 = Math.min(5, last) * L;
        DoubleVector s00 = DoubleVector.fromArray(D, sums, A);
        DoubleVector s01 = DoubleVector.fromArray(D, sums, A + L);
        DoubleVector s02 = DoubleVector.fromArray(D, sums, A + 2 * L);
        DoubleVector s03 = DoubleVector.fromArray(D, sums, A + 3 * L);
        DoubleVector s04 = DoubleVector.fromArray(D, sums, A + 4 * L);
        DoubleVector s05 = DoubleVector.fromArray(D, sums, A + 5 * L);
        DoubleVector s11 = DoubleVector.fromArray(D, sums, A + 6 * L);
        DoubleVector s12 = DoubleVector.fromArray(D, sums, A + 7 * L);
        DoubleVector s13 = DoubleVector.fromArray(D, sums, A + 8 * L);
        DoubleVector s14 = DoubleVector.fromArray(D, sums, A + 9 * L);
        DoubleVector s15 = DoubleVector.fromArray(D, sums, A + 10 * L);
        DoubleVector s22 = DoubleVector.fromArray(D, sums, A + 11 * L);
        DoubleVector s23 = DoubleVector.fromArray(D, sums, A + 12 * L);
        DoubleVector s24 = DoubleVector.fromArray(D, sums, A + 13 * L);
        DoubleVector s25 = DoubleVector.fromArray(D, sums, A + 14 * L);
        DoubleVector s33 = DoubleVector.fromArray(D, sums, A + 15 * L);
        DoubleVector s34 = DoubleVector.fromArray(D, sums, A + 16 * L);
        DoubleVector s35 = DoubleVector.fromArray(D, sums, A + 17 * L);
        DoubleVector s44 = DoubleVector.fromArray(D, sums, A + 18 * L);
        DoubleVector s45 = DoubleVector.fromArray(D, sums, A + 19 * L);
        DoubleVector s55 = DoubleVector.fromArray(D, sums, A + 20 * L);
        for (int h = 0, at = 0; h < count; h++, at += stride) {
            DoubleVector y0 = DoubleVector.fromArray(D, act, at + c0);
            DoubleVector y1 = DoubleVector.fromArray(D, act, at + c1);
            DoubleVector y2 = DoubleVector.fromArray(D, act, at + c2);
            DoubleVector y3 = DoubleVector.fromArray(D, act, at + c3);
            DoubleVector y4 = DoubleVector.fromArray(D, act, at + c4);
            DoubleVector y5 = DoubleVector.fromArray(D, act, at + c5);
            s00 = s00.add(y0.mul(y0));
            s01 = s01.add(y0.mul(y1));
            s02 = s02.add(y0.mul(y2));
            s03 = s03.add(y0.mul(y3));
            s04 = s04.add(y0.mul(y4));
            s05 = s05.add(y0.mul(y5));
            s11 = s11.add(y1.mul(y1));
            s12 = s12.add(y1.mul(y2));
            s13 = s13.add(y1.mul(y3));
            s14 = s14.add(y1.mul(y4));
            s15 = s15.add(y1.mul(y5));
            s22 = s22.add(y2.mul(y2));
            s23 = s23.add(y2.mul(y3));
            s24 = s24.add(y2.mul(y4));
            s25 = s25.add(y2.mul(y5));
            s33 = s33.add(y3.mul(y3));
            s34 = s34.add(y3.mul(y4));
            s35 = s35.add(y3.mul(y5));
            s44 = s44.add(y4.mul(y4));
            s45 = s45.add(y4.mul(y5));
            s55 = s55.add(y5.mul(y5));
        }
        s00.intoArray(sums, A);
        s01.intoArray(sums, A + L);
        s02.intoArray(sums, A + 2 * L);
        s03.intoArray(sums, A + 3 * L);
        s04.intoArray(sums, A + 4 * L);
        s05.intoArray(sums, A + 5 * L);
        s11.intoArray(sums, A + 6 * L);
        s12.intoArray(sums, A + 7 * L);
        s13.intoArray(sums, A + 8 * L);
        s14.intoArray(sums, A + 9 * L);
        s15.intoArray(sums, A + 10 * L);
        s22.intoArray(sums, A + 11 * L);
        s23.intoArray(sums, A + 12 * L);
        s24.intoArray(sums, A + 13 * L);
        s25.intoArray(sums, A + 14 * L);
        s33.intoArray(sums, A + 15 * L);
        s34.intoArray(sums, A + 16 * L);
        s35.intoArray(sums, A + 17 * L);
        s44.intoArray(sums, A + 18 * L);
        s45.intoArray(sums, A + 19 * L);
        s55.intoArray(sums, A + 20 * L);
    }

    /**
     * The b sums of the chunk's {@code count} neurons, register path, as {@link #pairSumsA}: {@code b(p, r) +=
     * (out^2 AND on_p) AND on_r}, bitwise with the all-ones or zero bits {@link #on}, which is out^2 or +0 exactly
     * as the reference's {@code out^2 (der_p der_r)} (out^2 &gt;= 0 finite, both derivatives 0 or 1); ANDs, not
     * multiplies, leave the multiply pipes to the a sums.
     */
    private void pairSumsB(int count, int pointCount) {
        int stride = pointCount * L;
        int last = pointCount - 1;
        int c0 = Math.min(0, last) * L;
        int c1 = Math.min(1, last) * L;
        int c2 = Math.min(2, last) * L;
        int c3 = Math.min(3, last) * L;
        int c4 = Math.min(4, last) * L;
        int c5 = Math.min(5, last) * L;
        DoubleVector s00 = DoubleVector.fromArray(D, sums, B);
        DoubleVector s01 = DoubleVector.fromArray(D, sums, B + L);
        DoubleVector s02 = DoubleVector.fromArray(D, sums, B + 2 * L);
        DoubleVector s03 = DoubleVector.fromArray(D, sums, B + 3 * L);
        DoubleVector s04 = DoubleVector.fromArray(D, sums, B + 4 * L);
        DoubleVector s05 = DoubleVector.fromArray(D, sums, B + 5 * L);
        DoubleVector s11 = DoubleVector.fromArray(D, sums, B + 6 * L);
        DoubleVector s12 = DoubleVector.fromArray(D, sums, B + 7 * L);
        DoubleVector s13 = DoubleVector.fromArray(D, sums, B + 8 * L);
        DoubleVector s14 = DoubleVector.fromArray(D, sums, B + 9 * L);
        DoubleVector s15 = DoubleVector.fromArray(D, sums, B + 10 * L);
        DoubleVector s22 = DoubleVector.fromArray(D, sums, B + 11 * L);
        DoubleVector s23 = DoubleVector.fromArray(D, sums, B + 12 * L);
        DoubleVector s24 = DoubleVector.fromArray(D, sums, B + 13 * L);
        DoubleVector s25 = DoubleVector.fromArray(D, sums, B + 14 * L);
        DoubleVector s33 = DoubleVector.fromArray(D, sums, B + 15 * L);
        DoubleVector s34 = DoubleVector.fromArray(D, sums, B + 16 * L);
        DoubleVector s35 = DoubleVector.fromArray(D, sums, B + 17 * L);
        DoubleVector s44 = DoubleVector.fromArray(D, sums, B + 18 * L);
        DoubleVector s45 = DoubleVector.fromArray(D, sums, B + 19 * L);
        DoubleVector s55 = DoubleVector.fromArray(D, sums, B + 20 * L);
        for (int h = 0, at = 0; h < count; h++, at += stride) {
            LongVector square = DoubleVector.fromArray(D, squares, h * L).reinterpretAsLongs();
            LongVector y0 = LongVector.fromArray(LONGS, on, at + c0);
            LongVector y1 = LongVector.fromArray(LONGS, on, at + c1);
            LongVector y2 = LongVector.fromArray(LONGS, on, at + c2);
            LongVector y3 = LongVector.fromArray(LONGS, on, at + c3);
            LongVector y4 = LongVector.fromArray(LONGS, on, at + c4);
            LongVector y5 = LongVector.fromArray(LONGS, on, at + c5);
            LongVector x0 = square.and(y0);
            s00 = s00.add(x0.and(y0).reinterpretAsDoubles());
            s01 = s01.add(x0.and(y1).reinterpretAsDoubles());
            s02 = s02.add(x0.and(y2).reinterpretAsDoubles());
            s03 = s03.add(x0.and(y3).reinterpretAsDoubles());
            s04 = s04.add(x0.and(y4).reinterpretAsDoubles());
            s05 = s05.add(x0.and(y5).reinterpretAsDoubles());
            LongVector x1 = square.and(y1);
            s11 = s11.add(x1.and(y1).reinterpretAsDoubles());
            s12 = s12.add(x1.and(y2).reinterpretAsDoubles());
            s13 = s13.add(x1.and(y3).reinterpretAsDoubles());
            s14 = s14.add(x1.and(y4).reinterpretAsDoubles());
            s15 = s15.add(x1.and(y5).reinterpretAsDoubles());
            LongVector x2 = square.and(y2);
            s22 = s22.add(x2.and(y2).reinterpretAsDoubles());
            s23 = s23.add(x2.and(y3).reinterpretAsDoubles());
            s24 = s24.add(x2.and(y4).reinterpretAsDoubles());
            s25 = s25.add(x2.and(y5).reinterpretAsDoubles());
            LongVector x3 = square.and(y3);
            s33 = s33.add(x3.and(y3).reinterpretAsDoubles());
            s34 = s34.add(x3.and(y4).reinterpretAsDoubles());
            s35 = s35.add(x3.and(y5).reinterpretAsDoubles());
            LongVector x4 = square.and(y4);
            s44 = s44.add(x4.and(y4).reinterpretAsDoubles());
            s45 = s45.add(x4.and(y5).reinterpretAsDoubles());
            LongVector x5 = square.and(y5);
            s55 = s55.add(x5.and(y5).reinterpretAsDoubles());
        }
        s00.intoArray(sums, B);
        s01.intoArray(sums, B + L);
        s02.intoArray(sums, B + 2 * L);
        s03.intoArray(sums, B + 3 * L);
        s04.intoArray(sums, B + 4 * L);
        s05.intoArray(sums, B + 5 * L);
        s11.intoArray(sums, B + 6 * L);
        s12.intoArray(sums, B + 7 * L);
        s13.intoArray(sums, B + 8 * L);
        s14.intoArray(sums, B + 9 * L);
        s15.intoArray(sums, B + 10 * L);
        s22.intoArray(sums, B + 11 * L);
        s23.intoArray(sums, B + 12 * L);
        s24.intoArray(sums, B + 13 * L);
        s25.intoArray(sums, B + 14 * L);
        s33.intoArray(sums, B + 15 * L);
        s34.intoArray(sums, B + 16 * L);
        s35.intoArray(sums, B + 17 * L);
        s44.intoArray(sums, B + 18 * L);
        s45.intoArray(sums, B + 19 * L);
        s55.intoArray(sums, B + 20 * L);
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
