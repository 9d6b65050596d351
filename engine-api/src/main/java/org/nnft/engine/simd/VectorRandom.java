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
 */
public final class VectorRandom {
    /** Double species of the fast paths. */
    public static final VectorSpecies<Double> D = VectorPhilox.INTS.withLanes(double.class);
    private static final VectorSpecies<Integer> WORDS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(D.length() * Integer.SIZE));
    /** Doubles per vector. */
    public static final int LANES = D.length();

    private static final double LN2_HI = PortableMath.LN2_HI;
    private static final double LN2_LO = PortableMath.LN2_LO;
    private static final double SQRT2 = PortableMath.SQRT2;
    private static final double TWO_PI = PortableMath.TWO_PI;
    /** {@code 2^52 + 1023}: subtracting it from the double with bits {@code 0x433 << 52 | e} gives {@code e - 1023} exactly. */
    private static final double EXPONENT_BIAS = 0x1p52 + 1023.0;

    private VectorRandom() {
    }

    /**
     * {@link RandomStreams#boxMuller} of the word pairs {@code (words[u..u+LANES), words[t..t+LANES))}:
     * the cosine branch, or the sine branch when {@code sine}.
     */
    public static DoubleVector boxMuller(int[] words, int u, int t, boolean sine) {
        DoubleVector r = log(openUnit(words, u)).mul(-2.0).lanewise(VectorOperators.SQRT);
        return r.mul(sinCos2pi(openUnit(words, t), sine));
    }

    /** {@link RandomStreams#toOpenUnit}: {@code (w + 1/2) 2^-32} with w unsigned, exact. */
    public static DoubleVector openUnit(int[] words, int offset) {
        IntVector w = IntVector.fromArray(WORDS, words, offset).lanewise(VectorOperators.XOR, Integer.MIN_VALUE);
        DoubleVector signed = (DoubleVector) w.convertShape(VectorOperators.I2D, D, 0);
        return signed.add(0x1p31 + 0.5).mul(0x1p-32);
    }

    /** {@link PortableMath#log} for positive normal lanes. */
    public static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        LongVector biased = bits.lanewise(VectorOperators.LSHR, 52).and(0x7FFL);
        DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
        DoubleVector e = biased.or(0x4330000000000000L).reinterpretAsDoubles().sub(EXPONENT_BIAS);
        VectorMask<Double> big = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), big);
        e = e.blend(e.add(1.0), big);
        DoubleVector s = m.sub(1.0).div(m.add(1.0));
        DoubleVector z = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(D, 1.0 / 23.0);
        p = p.mul(z).add(1.0 / 21.0);
        p = p.mul(z).add(1.0 / 19.0);
        p = p.mul(z).add(1.0 / 17.0);
        p = p.mul(z).add(1.0 / 15.0);
        p = p.mul(z).add(1.0 / 13.0);
        p = p.mul(z).add(1.0 / 11.0);
        p = p.mul(z).add(1.0 / 9.0);
        p = p.mul(z).add(1.0 / 7.0);
        p = p.mul(z).add(1.0 / 5.0);
        p = p.mul(z).add(1.0 / 3.0);
        p = p.mul(z).add(1.0);
        return e.mul(LN2_HI).add(e.mul(LN2_LO).add(s.mul(2.0).mul(p)));
    }

    /**
     * {@link PortableMath#sin2pi} ({@code sine}) or {@link PortableMath#cos2pi} of t in (0, 1), per lane.
     * Both polynomials are evaluated; the JIT shares them when a caller asks for both.
     */
    public static DoubleVector sinCos2pi(DoubleVector t, boolean sine) {
        DoubleVector y = t.mul(4.0).add(0.5);                    // in [0.5, 4.5): floor is a count of thresholds
        DoubleVector q = DoubleVector.zero(D)
                .add(1.0, y.compare(VectorOperators.GE, 1.0))
                .add(1.0, y.compare(VectorOperators.GE, 2.0))
                .add(1.0, y.compare(VectorOperators.GE, 3.0))
                .add(1.0, y.compare(VectorOperators.GE, 4.0));
        DoubleVector x = t.sub(q.mul(0.25)).mul(TWO_PI);
        DoubleVector z = x.mul(x);
        DoubleVector nz = z.neg();
        DoubleVector s = DoubleVector.broadcast(D, 1.0 / 355687428096000.0);
        s = s.mul(nz).add(1.0 / 1307674368000.0);
        s = s.mul(nz).add(1.0 / 6227020800.0);
        s = s.mul(nz).add(1.0 / 39916800.0);
        s = s.mul(nz).add(1.0 / 362880.0);
        s = s.mul(nz).add(1.0 / 5040.0);
        s = s.mul(nz).add(1.0 / 120.0);
        s = s.mul(nz).add(1.0 / 6.0);
        s = s.mul(nz).add(1.0);
        s = s.mul(x);
        DoubleVector c = DoubleVector.broadcast(D, 1.0 / 6402373705728000.0);
        c = c.mul(nz).add(1.0 / 20922789888000.0);
        c = c.mul(nz).add(1.0 / 87178291200.0);
        c = c.mul(nz).add(1.0 / 479001600.0);
        c = c.mul(nz).add(1.0 / 3628800.0);
        c = c.mul(nz).add(1.0 / 40320.0);
        c = c.mul(nz).add(1.0 / 720.0);
        c = c.mul(nz).add(1.0 / 24.0);
        c = c.mul(nz).add(1.0 / 2.0);
        c = c.mul(nz).add(1.0);
        // quadrant q & 3: 0 -> (s, c), 1 -> (c, -s), 2 -> (-s, -c), 3 -> (-c, s); q = 4 acts as 0
        VectorMask<Double> q1 = q.eq(1.0);
        VectorMask<Double> q2 = q.eq(2.0);
        VectorMask<Double> q3 = q.eq(3.0);
        VectorMask<Double> swap = q1.or(q3);
        DoubleVector sin = s.blend(c, swap);
        DoubleVector cos = c.blend(s, swap);
        sin = sin.blend(sin.neg(), q2.or(q3));
        cos = cos.blend(cos.neg(), q1.or(q2));
        return sine ? sin : cos;
    }
}
