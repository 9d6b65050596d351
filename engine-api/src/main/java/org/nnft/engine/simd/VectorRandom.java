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
 * inline it into a large caller) is boxed on the heap, which costs more than the arithmetic.
 * Polynomials are Horner loops over shared coefficient tables for the same reason.
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
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);

    private static final double LN2_HI = PortableMath.LN2_HI;
    private static final double LN2_LO = PortableMath.LN2_LO;
    private static final double SQRT2 = PortableMath.SQRT2;
    private static final double TWO_PI = PortableMath.TWO_PI;
    /** {@code 2^52 + 1023}: subtracting it from the double with bits {@code 0x433 << 52 | e} gives {@code e - 1023} exactly. */
    private static final double EXPONENT_BIAS = 0x1p52 + 1023.0;
    /** 1.5 * 2^52: adding and subtracting it rounds to the nearest integer (|y| < 2^51). */
    static final double ROUNDER = 0x1.8p52;

    private VectorRandom() {
    }

    /** Horner coefficients, highest first, of {@code atanh(s)/s = 1 + z/3 + ... + z^11/23} in z = s^2. */
    static final double[] LOG_SERIES = {1.0 / 23.0, 1.0 / 21.0, 1.0 / 19.0, 1.0 / 17.0, 1.0 / 15.0, 1.0 / 13.0,
            1.0 / 11.0, 1.0 / 9.0, 1.0 / 7.0, 1.0 / 5.0, 1.0 / 3.0, 1.0};
    /** Horner coefficients of {@code sin(x)/x} to x^16 in {@code -x^2}: accurate to an ulp for |x| <= pi/4. */
    static final double[] SIN_SERIES = {1.0 / 355687428096000.0, 1.0 / 1307674368000.0, 1.0 / 6227020800.0,
            1.0 / 39916800.0, 1.0 / 362880.0, 1.0 / 5040.0, 1.0 / 120.0, 1.0 / 6.0, 1.0};
    /** Horner coefficients of {@code cos(x)} to x^18 in {@code -x^2}: accurate to an ulp for |x| <= pi/4. */
    static final double[] COS_SERIES = {1.0 / 6402373705728000.0, 1.0 / 20922789888000.0, 1.0 / 87178291200.0,
            1.0 / 479001600.0, 1.0 / 3628800.0, 1.0 / 40320.0, 1.0 / 720.0, 1.0 / 24.0, 1.0 / 2.0, 1.0};

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
        boxMullerInPlace(count, cosOut, cosAt, sinOut, sinAt, true);
    }

    /**
     * {@link #boxMuller} of uniforms already in place: lane l turns the open-unit uniforms (values of {@link #openUnits},
     * which the quadrant count relies on) {@code cosOut[cosAt + l]}
     * (radius) and {@code sinOut[sinAt + l]} (angle) into its cosine branch and, if {@code sine}, its sine branch, in
     * the same slots (else the angle's slot keeps the uniform).
     */
    public static void boxMullerInPlace(int count, double[] cosOut, int cosAt, double[] sinOut, int sinAt,
                                        boolean sine) {
        for (int l = 0; l < count; l += LANES) {
            // radius sqrt(-2 log u): log by exponent split and the atanh series
            LongVector bits = DoubleVector.fromArray(D, cosOut, cosAt + l).reinterpretAsLongs();
            LongVector biased = bits.lanewise(VectorOperators.LSHR, 52).and(0x7FFL);
            DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
            DoubleVector e = biased.or(0x4330000000000000L).reinterpretAsDoubles().sub(EXPONENT_BIAS);
            VectorMask<Double> big = m.compare(VectorOperators.GT, SQRT2);
            m = m.blend(m.mul(0.5), big);
            e = e.blend(e.add(1.0), big);
            DoubleVector s = m.sub(1.0).div(m.add(1.0));
            DoubleVector z = s.mul(s);
            // angle 2 pi t: quarter-turn count q = floor(4t + 1/2), then the Taylor kernels on [-pi/4, pi/4]. Here
            // q = round(4t) by the rounding of 4t + 1.5 2^52 (4t is exact): 4t = (w + 1/2) 2^-30 for an integer word w
            // is never a half-integer, so no tie tells the two apart
            DoubleVector angle = DoubleVector.fromArray(D, sinOut, sinAt + l);
            DoubleVector q = angle.fma(4.0, ROUNDER).sub(ROUNDER);
            DoubleVector x = angle.sub(q.mul(0.25)).mul(TWO_PI);
            DoubleVector nz = x.mul(x).neg();
            // The three Horner chains (log series, sine, cosine) step together, so that the core's scheduler sees
            // independent work from all three instead of one long chain at a time; each chain's operations and
            // their order are unchanged. Highest coefficients are aligned at step 0.
            DoubleVector p = DoubleVector.broadcast(D, LOG_SERIES[0]);
            DoubleVector sn = DoubleVector.broadcast(D, SIN_SERIES[0]);
            DoubleVector cs = DoubleVector.broadcast(D, COS_SERIES[0]);
            for (int k = 1; k < LOG_SERIES.length; k++) {
                p = p.mul(z).add(LOG_SERIES[k]);
                int ks = k - (LOG_SERIES.length - SIN_SERIES.length);
                if (ks >= 1) {
                    sn = sn.mul(nz).add(SIN_SERIES[ks]);
                }
                int kc = k - (LOG_SERIES.length - COS_SERIES.length);
                if (kc >= 1) {
                    cs = cs.mul(nz).add(COS_SERIES[kc]);
                }
            }
            DoubleVector log = e.mul(LN2_HI).add(e.mul(LN2_LO).add(s.mul(2.0).mul(p)));
            DoubleVector r = log.mul(-2.0).lanewise(VectorOperators.SQRT);
            sn = sn.mul(x);
            // quadrant q & 3: 0 -> (s, c), 1 -> (c, -s), 2 -> (-s, -c), 3 -> (-c, s); q = 4 acts as 0
            VectorMask<Double> q1 = q.eq(1.0);
            VectorMask<Double> q2 = q.eq(2.0);
            VectorMask<Double> q3 = q.eq(3.0);
            VectorMask<Double> swap = q1.or(q3);
            DoubleVector cos = cs.blend(sn, swap);
            r.mul(cos.blend(cos.neg(), q1.or(q2))).intoArray(cosOut, cosAt + l);
            if (sine) {
                DoubleVector sin = sn.blend(cs, swap);
                r.mul(sin.blend(sin.neg(), q2.or(q3))).intoArray(sinOut, sinAt + l);
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
            exactDoubles(LongVector.fromArray(LONG_WORDS, words, from + l)).add(0.5).mul(0x1p-32).intoArray(out, at + l);
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
