package org.nnft.engine.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.PortableFloat;

/**
 * {@link PortableFloat}'s uniforms and Box-Muller normals in float lanes, bit-exact with the scalar reference (the
 * same operations in the same order, fused multiply-adds where it has them, branches as lane blends). The float
 * species has the shape of {@link VectorPhilox#INTS}, so one {@link VectorPhilox#strided} call feeds one float
 * vector per word: twice the lanes of {@link VectorRandom#D}. Each method is one loop of Vector API calls over
 * arrays (see {@link VectorRandom} for why no vector crosses a method boundary).
 */
public final class VectorRandomF {
    /** Float species of the fast paths. */
    public static final VectorSpecies<Float> F = VectorPhilox.INTS.withLanes(float.class);
    /** Floats per vector (= {@link VectorPhilox#LANES}). */
    public static final int LANES = F.length();
    private static final VectorSpecies<Integer> I = VectorPhilox.INTS;
    private static final float[] LOG = PortableFloat.logSeries();
    private static final float[] COS = PortableFloat.cosSeries();

    private VectorRandomF() {
    }

    /**
     * {@code scale * }{@link PortableFloat#signedUnit} of {@code words[from .. from + count)} ({@code count} a
     * multiple of {@link #LANES}) into {@code out[at ..]}: the product is one more rounding, as in the scalar
     * {@code signedUnit(w) * scale}.
     */
    public static void signedUnits(int[] words, int from, int count, float scale, float[] out, int at) {
        for (int l = 0; l < count; l += LANES) {
            IntVector w = IntVector.fromArray(I, words, from + l);
            FloatVector q = ((FloatVector) w.lanewise(VectorOperators.XOR, w.lanewise(VectorOperators.ASHR, 31))
                    .convert(VectorOperators.I2F, 0)).add(0.5f).mul(0x1p-32f);
            FloatVector t = FloatVector.broadcast(F, 1.0f).sub(q.mul(2.0f));
            VectorMask<Float> up = w.compare(VectorOperators.LT, 0).cast(F);
            t.blend(t.neg(), up.not()).mul(scale).intoArray(out, at + l);
        }
    }

    /**
     * {@code scale * }{@link PortableFloat#boxMuller}{@code (words[u + l], words[t + l], false, precision[at + l])}
     * into {@code out[at + l]} for l below {@code count} (a multiple of {@link #LANES}); {@code precision} null means
     * precision 1.
     */
    public static void boxMullerCos(int[] words, int u, int t, int count, float[] precision, float scale,
                                    float[] out, int at) {
        boxMuller(words, u, t, count, precision, scale, out, at, null, 0);
    }

    /**
     * Both branches of {@link PortableFloat#boxMuller}{@code (words[u + l], words[t + l], sine)} (precision 1): the
     * cosine branch into {@code cosOut[cosAt + l]}, the sine branch into {@code sinOut[sinAt + l]}, for l below
     * {@code count} (a multiple of {@link #LANES}); one radius for both, as the scalar pair of calls computes twice.
     */
    public static void boxMullerPairs(int[] words, int u, int t, int count, float[] cosOut, int cosAt,
                                      float[] sinOut, int sinAt) {
        boxMuller(words, u, t, count, null, 1.0f, cosOut, cosAt, sinOut, sinAt);
    }

    /**
     * The one loop body of {@link #boxMullerCos} and {@link #boxMullerPairs}: the cosine branch times {@code scale}
     * (a product by 1 is exact) into {@code cosOut}, and with {@code sinOut} not null the sine branch into it. One loop
     * of Vector API calls, no vector passed to a helper (the JIT boxes those on the heap; see {@link VectorRandom}).
     * The logarithm's two branches are blended before their one division.
     */
    private static void boxMuller(int[] words, int u, int t, int count, float[] precision, float scale,
                                  float[] cosOut, int cosAt, float[] sinOut, int sinAt) {
        for (int l = 0; l < count; l += LANES) {
            IntVector w0 = IntVector.fromArray(I, words, u + l);
            FloatVector q = ((FloatVector) w0.lanewise(VectorOperators.XOR, w0.lanewise(VectorOperators.ASHR, 31))
                    .convert(VectorOperators.I2F, 0)).add(0.5f).mul(0x1p-32f);
            // below 1/2: exponent split of q; above: log(1 - q) with s = -q / (2 - q), e = 0
            IntVector bits = q.reinterpretAsInts();
            FloatVector m = bits.and(0x007FFFFF).or(0x3F800000).reinterpretAsFloats();
            FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).and(0xFF).sub(127)
                    .convert(VectorOperators.I2F, 0));
            VectorMask<Float> big = m.compare(VectorOperators.GT, PortableFloat.SQRT2);
            m = m.blend(m.mul(0.5f), big);
            e = e.blend(e.add(1.0f), big);
            // one division for both branches: (m - 1)/(m + 1) below 1/2, -q/(2 - q) above (the same bits per lane)
            VectorMask<Float> high = w0.compare(VectorOperators.LT, 0).cast(F);
            FloatVector s = m.sub(1.0f).blend(q.neg(), high).div(m.add(1.0f).blend(FloatVector.broadcast(F, 2.0f)
                    .sub(q), high));
            e = e.blend(0.0f, high);
            FloatVector z = s.mul(s);
            FloatVector z2 = z.mul(z);
            FloatVector p = FloatVector.broadcast(F, LOG[6]);
            for (int k = 4; k >= 0; k -= 2) {
                p = p.fma(z2, z.fma(LOG[k + 1], LOG[k]));
            }
            FloatVector log = e.mul(PortableFloat.LN2_HI).add(e.mul(PortableFloat.LN2_LO).add(s.mul(2.0f).mul(p)));
            FloatVector r2 = log.mul(-2.0f);
            if (precision != null) {
                r2 = r2.div(FloatVector.fromArray(F, precision, cosAt + l));
            }
            FloatVector r = r2.lanewise(VectorOperators.SQRT);
            IntVector w1 = IntVector.fromArray(I, words, t + l);
            FloatVector a = ((FloatVector) w1.lanewise(VectorOperators.XOR, w1.lanewise(VectorOperators.ASHR, 31))
                    .convert(VectorOperators.I2F, 0)).add(0.5f).mul(0x1p-32f);
            // cos 2 pi a, and for the sine branch +-cos 2 pi (a - 1/4) (PortableFloat.cos2pi), sign from the word; the
            // branches differ by scalars and the output array only (a vector chosen per branch would be boxed)
            for (int branch = 0; branch < (sinOut == null ? 1 : 2); branch++) {
                FloatVector b = a.sub(branch == 0 ? 0.0f : 0.25f);
                FloatVector sh = b.mul(2.0f).add(PortableFloat.ROUNDER);
                FloatVector x = b.sub(sh.sub(PortableFloat.ROUNDER).mul(0.5f)).mul(PortableFloat.TWO_PI);
                FloatVector y = x.mul(x);
                FloatVector y2 = y.mul(y);
                FloatVector c = FloatVector.broadcast(F, COS[6]);
                for (int k = 4; k >= 0; k -= 2) {
                    c = c.fma(y2, y.fma(COS[k + 1], COS[k]));
                }
                IntVector sign = sh.reinterpretAsInts().lanewise(VectorOperators.LSHL, 31)
                        .lanewise(VectorOperators.XOR, w1.and(branch == 0 ? 0 : 0x80000000));
                c.reinterpretAsInts().lanewise(VectorOperators.XOR, sign).reinterpretAsFloats().mul(r)
                        .mul(branch == 0 ? scale : 1.0f)
                        .intoArray(branch == 0 ? cosOut : sinOut, (branch == 0 ? cosAt : sinAt) + l);
            }
        }
    }
}
