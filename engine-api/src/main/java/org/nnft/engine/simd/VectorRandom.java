package org.nnft.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.PortableMath;
import org.nnft.engine.random.RandomStreams;

/**
 * {@link PortableMath} and the variate transforms of {@link RandomStreams} in double lanes,
 * bit-exact with the scalar reference: the same polynomials in the same operation order (the Vector
 * API never fuses a multiply and an add), with the scalar branches turned into lane blends. The
 * double species has the shape of {@link VectorPhilox#INTS}, so one Philox call feeds
 * {@code VectorPhilox.LANES / LANES} double vectors per word.
 *
 * <p>The public methods take and return arrays, and each is one loop body of Vector API calls:
 * a vector passed to a helper method that the JIT compiled on its own first (it then refuses to
 * inline it into a large caller) is boxed on the heap, which costs more than the arithmetic. Polynomials
 * are loops over shared coefficient tables for the same reason.
 */
public final class VectorRandom {
    /** Double species of the fast paths. */
    public static final VectorSpecies<Double> D = VectorPhilox.INTS.withLanes(double.class);
    private static final VectorSpecies<Integer> WORDS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(D.length() * Integer.SIZE));
    /** Doubles per vector. */
    public static final int LANES = D.length();
    private static final VectorSpecies<Long> LONG_WORDS = VectorPhilox.LONGS;
    /** Bits of the double 2^52: OR-ing an integer below 2^52 into them gives 2^52 + that integer, exactly. */
    public static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);

    private static final double LN2_HI = PortableMath.LN2_HI;
    private static final double LN2_LO = PortableMath.LN2_LO;
    private static final double SQRT2 = PortableMath.SQRT2;
    private static final double TWO_PI = PortableMath.TWO_PI;
    /**
     * {@code 2^52 + 1023}: subtracting it from the double with bits {@code 0x433 << 52 | e} gives {@code e - 1023}
     * exactly.
     */
    private static final double EXPONENT_BIAS = 0x1p52 + 1023.0;
    private static final double ROUNDER = PortableMath.ROUNDER;

    private VectorRandom() {
    }

    private static final double[] LOG_SERIES = PortableMath.logSeries();
    private static final double[] COS_SERIES = PortableMath.halfTurnCosSeries();

    /**
     * {@link RandomStreams#boxMuller} of {@code count} word pairs (a multiple of {@link #LANES}):
     * lane l uses words {@code (words[u + l], words[t + l])} and writes its cosine branch to
     * {@code cosOut[cosAt + l]} and its sine branch to {@code sinOut[sinAt + l]} (two ranges that do not overlap,
     * each also the scratch of its lanes' uniforms). The radius is
     * {@link PortableMath#log}'s algorithm, the angle {@link PortableMath#sin2pi}/{@link PortableMath#cos2pi}'s.
     */
    public static void boxMuller(int[] words, int u, int t, int count, double[] cosOut, int cosAt,
                                 double[] sinOut, int sinAt) {
        // The open-unit uniforms go through the output slots (arrays, not a helper returning a vector, which the JIT
        // may leave out of line and then box)
        openUnits(words, u, count, cosOut, cosAt);
        openUnits(words, t, count, sinOut, sinAt);
        boxMullerInPlace(count, cosOut, cosAt, sinOut, sinAt, true, null, 0);
    }

    /**
     * {@link #boxMuller} of uniforms already in place: lane l turns the open-unit uniforms (values of
     * {@link #openUnits}, which the half-turn count relies on) {@code cosOut[cosAt + l]} (radius) and
     * {@code sinOut[sinAt + l]} (angle) into its cosine branch and, if {@code sine}, its sine branch, in the same
     * slots (else the angle's slot keeps the uniform). With {@code precision} not null, lane l is
     * {@link RandomStreams#boxMuller(int, int, boolean, double)} of precision {@code precision[precisionAt + l]}.
     */
    public static void boxMullerInPlace(int count, double[] cosOut, int cosAt, double[] sinOut, int sinAt,
                                        boolean sine, double[] precision, int precisionAt) {
        for (int l = 0; l < count; l += LANES) {
            // First pass: -2 log u (the radius squared) into the radius's slot; log by exponent split and the atanh
            // series
            LongVector bits = DoubleVector.fromArray(D, cosOut, cosAt + l).reinterpretAsLongs();
            LongVector biased = bits.lanewise(VectorOperators.LSHR, 52).and(0x7FFL);
            DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
            DoubleVector e = biased.or(0x4330000000000000L).reinterpretAsDoubles().sub(EXPONENT_BIAS);
            VectorMask<Double> big = m.compare(VectorOperators.GT, SQRT2);
            m = m.blend(m.mul(0.5), big);
            e = e.blend(e.add(1.0), big);
            DoubleVector s = m.sub(1.0).div(m.add(1.0));
            DoubleVector y = s.mul(s);
            DoubleVector y2 = y.mul(y);
            DoubleVector p = y.mul(LOG_SERIES[7]).add(LOG_SERIES[6]);       // PortableMath.pairHorner, degree 7
            for (int k = 4; k >= 0; k -= 2) {
                p = p.mul(y2).add(y.mul(LOG_SERIES[k + 1]).add(LOG_SERIES[k]));
            }
            DoubleVector log = e.mul(LN2_HI).add(e.mul(LN2_LO).add(s.mul(2.0).mul(p)));
            log.mul(-2.0).intoArray(cosOut, cosAt + l);
        }
        // Second pass: the radius's square root, the angle's cosine(s) and the products. Two passes, not one: one
        // body's dependency chain (division, polynomial, square root) is longer than a core's floating-point
        // scheduler can look ahead, so a single pass would run at the chain's latency; split, each pass's iterations
        // overlap
        for (int l = 0; l < count; l += LANES) {
            DoubleVector radius2 = DoubleVector.fromArray(D, cosOut, cosAt + l);
            if (precision != null) {
                radius2 = radius2.div(DoubleVector.fromArray(D, precision, precisionAt + l));
            }
            DoubleVector r = radius2.lanewise(VectorOperators.SQRT);
            // angle 2 pi t, the sine branch as the cosine of t - 1/4: half-turn count n = round(2u) in the low bit of
            // sh = 2u + 1.5 2^52 (2u is exact, and 2u = (w + 1/2) 2^-31 for an integer word w is never a
            // half-integer, so no tie tells rounding modes apart), then (-1)^n cos of 2 pi (u - n/2)
            DoubleVector angle = DoubleVector.fromArray(D, sinOut, sinAt + l);
            // Both branches in one loop without a vector chosen per branch (angle - 0 is the angle exactly, and the
            // output array is picked, not the vector): C2 boxed such a vector phi on the heap in every iteration
            for (int branch = 0; branch < (sine ? 2 : 1); branch++) {
                DoubleVector u = angle.sub(branch == 0 ? 0.0 : 0.25);
                DoubleVector sh = u.fma(2.0, ROUNDER);
                DoubleVector x = u.sub(sh.sub(ROUNDER).mul(0.5)).mul(TWO_PI);
                DoubleVector z = x.mul(x);
                DoubleVector z2 = z.mul(z);
                DoubleVector c = DoubleVector.broadcast(D, COS_SERIES[8]);     // pairHorner, degree 8
                for (int k = 6; k >= 0; k -= 2) {
                    c = c.mul(z2).add(z.mul(COS_SERIES[k + 1]).add(COS_SERIES[k]));
                }
                c = c.reinterpretAsLongs()
                        .lanewise(VectorOperators.XOR, sh.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 63))
                        .reinterpretAsDoubles();
                r.mul(c).intoArray(branch == 0 ? cosOut : sinOut, branch == 0 ? cosAt + l : sinAt + l);
            }
        }
    }

    /**
     * {@link RandomStreams#toOpenUnit} of words {@code words[from .. from + count)} ({@code count} a multiple of
     * {@link #LANES}) into {@code out[at ..]}: {@code (w + 1/2) 2^-32}, w unsigned, exact.
     */
    public static void openUnits(int[] words, int from, int count, double[] out, int at) {
        for (int l = 0; l < count; l += LANES) {
            ((DoubleVector) IntVector.fromArray(WORDS, words, from + l).lanewise(VectorOperators.XOR, Integer.MIN_VALUE)
                    .convertShape(VectorOperators.I2D, D, 0)).add(0x1p31 + 0.5).mul(0x1p-32).intoArray(out, at + l);
        }
    }

    /**
     * {@link RandomStreams#toOpenUnit} of the words {@code words[from .. from + count)} held zero-extended in longs (as
     * {@link VectorPhilox#blocks} writes them), {@code count} a multiple of {@link #LANES}, into {@code out[at ..]}:
     * w exactly ({@link #exactDoubles}), plus 1/2, times 2^-32, all exact, so the values equal {@link #openUnits}'.
     */
    public static void openUnits(long[] words, int from, int count, double[] out, int at) {
        for (int l = 0; l < count; l += LANES) {
            exactDoubles(LongVector.fromArray(LONG_WORDS, words, from + l)).add(0.5).mul(0x1p-32)
                    .intoArray(out, at + l);
        }
    }

    /**
     * Lanes in [0, 2^52) as doubles, exactly (AVX2 has no long-to-double conversion): the bits of 2^52 OR-ed with
     * the lane are the double 2^52 + lane, from which 2^52 is subtracted exactly. Small enough for the JIT to inline.
     */
    public static DoubleVector exactDoubles(LongVector small) {
        return small.or(TWO_52_BITS).reinterpretAsDoubles().sub(0x1p52);
    }
}
