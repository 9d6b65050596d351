package org.nnft.engine.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.Philox4x32;

/**
 * Philox4x32-10 on one block per int lane (8 blocks with AVX2, 16 with AVX-512), bit-exact with
 * {@link Philox4x32#block}, for the Vector API fast paths of the CPU backend and of domain kernels.
 * The Vector API has no unsigned 32x32 -> 64 high multiply, so {@link #mulHi} views each pair of
 * int lanes as one long lane and multiplies the even and the odd words separately (operands below
 * 2^32, so the 64-bit products are exact).
 *
 * <p>Output layout, word-major: {@code words[j * LANES + l]} is word {@code j} (0..3) of lane l's block.
 */
public final class VectorPhilox {
    /** Int species of the fast paths: one Philox block per lane. */
    public static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Blocks per call. */
    public static final int LANES = INTS.length();
    /** Long species of {@link #blocks}: one Philox block per long lane. */
    public static final VectorSpecies<Long> LONGS = INTS.withLanes(long.class);
    /** Blocks per {@link #blocks} call: two long vectors. */
    public static final int LONG_LANES = 2 * LONGS.length();
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long HIGH = 0xFFFF_FFFF_0000_0000L;
    private static final IntVector LANE = IntVector.zero(INTS).addIndex(1);
    /**
     * The round multipliers M0 (first LONGS lanes) and M1 (next), zero-extended to long lanes. They
     * are loaded from this array and masked rather than broadcast as constants so that the JIT sees
     * both factors of each 64-bit product as zero-extended 32-bit values and emits one unsigned
     * 32x32 -> 64 multiply (VPMULUDQ) instead of a full 64-bit multiply sequence.
     */
    private static final long[] MULTIPLIERS = multipliers();

    private VectorPhilox() {
    }

    /** The words of blocks {@code firstBlock .. firstBlock + LANES - 1} of {@code stream}. */
    public static void consecutive(long seed, long stream, long firstBlock, int[] words) {
        strided(seed, stream, firstBlock, 1, words);
    }

    /**
     * The words of blocks {@code firstBlock + l * stride} (l = 0 .. LANES-1) of {@code stream};
     * {@code stride} in 1..2^24 (e.g. the blocks of consecutive neurons that own {@code stride} blocks each).
     */
    public static void strided(long seed, long stream, long firstBlock, int stride, int[] words) {
        int base = (int) firstBlock;
        IntVector c0 = LANE.mul(stride).add(base);
        VectorMask<Integer> carry = c0.compare(VectorOperators.ULT, base);
        c0.intoArray(words, 0);
        IntVector.broadcast(INTS, (int) (firstBlock >>> 32)).add(1, carry).intoArray(words, LANES);
        IntVector.broadcast(INTS, (int) stream).intoArray(words, 2 * LANES);
        IntVector.broadcast(INTS, (int) (stream >>> 32)).intoArray(words, 3 * LANES);
        fromCounters(seed, words, words);
    }

    /**
     * Ten Philox rounds with key {@code seed} on arbitrary counters, one per lane: counter word j of
     * lane l at {@code counters[j * LANES + l]}; writes the output words in the same layout
     * ({@code words} may be {@code counters}). Vectors cross no method boundary here, so the JIT
     * keeps them in registers whether or not it inlines this method into the caller.
     */
    public static void fromCounters(long seed, int[] counters, int[] words) {
        fromCounters(seed, counters, words, 0, LANES);
    }

    /**
     * {@link #strided} with the words at {@code words[at + j * pitch + l]} (word j, lane l): {@code pitch} a multiple
     * of {@link #LANES} (at least LANES), so that the words of several calls can sit side by side in one row per word
     * (the fast paths then run each later stage as one loop over all of them).
     */
    public static void strided(long seed, long stream, long firstBlock, int stride, int[] words, int at, int pitch) {
        int base = (int) firstBlock;
        IntVector c0 = LANE.mul(stride).add(base);
        VectorMask<Integer> carry = c0.compare(VectorOperators.ULT, base);
        c0.intoArray(words, at);
        IntVector.broadcast(INTS, (int) (firstBlock >>> 32)).add(1, carry).intoArray(words, at + pitch);
        IntVector.broadcast(INTS, (int) stream).intoArray(words, at + 2 * pitch);
        IntVector.broadcast(INTS, (int) (stream >>> 32)).intoArray(words, at + 3 * pitch);
        fromCounters(seed, words, words, at, pitch);
    }

    /** {@link #fromCounters(long, int[], int[])} with counters and words at {@code at + j * pitch} (in place). */
    private static void fromCounters(long seed, int[] counters, int[] words, int at, int pitch) {
        IntVector c0 = IntVector.fromArray(INTS, counters, at);
        IntVector c1 = IntVector.fromArray(INTS, counters, at + pitch);
        IntVector c2 = IntVector.fromArray(INTS, counters, at + 2 * pitch);
        IntVector c3 = IntVector.fromArray(INTS, counters, at + 3 * pitch);
        LongVector m0 = LongVector.fromArray(LONGS, MULTIPLIERS, 0).and(LOW);
        LongVector m1 = LongVector.fromArray(LONGS, MULTIPLIERS, LONGS.length()).and(LOW);
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                k0 += Philox4x32.W0;
                k1 += Philox4x32.W1;
            }
            IntVector hi0 = mulHi(c0, m0);
            IntVector lo0 = c0.mul(Philox4x32.M0);
            IntVector hi2 = mulHi(c2, m1);
            IntVector lo2 = c2.mul(Philox4x32.M1);
            IntVector n0 = hi2.lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, k0);
            IntVector n2 = hi0.lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, k1);
            c0 = n0;
            c1 = lo2;
            c2 = n2;
            c3 = lo0;
        }
        c0.intoArray(words, at);
        c1.intoArray(words, at + pitch);
        c2.intoArray(words, at + 2 * pitch);
        c3.intoArray(words, at + 3 * pitch);
    }

    /**
     * The words of blocks {@code blocks[offset + l] + add} (l = 0 .. {@link #LONG_LANES}-1) of {@code stream}
     * (counters may cross 2^32), one block per long lane: each word sits zero-extended in a long lane, so a
     * round needs one 32x32 -> 64 multiply per product (a single unsigned multiply on x86, where the int lanes of
     * {@link #fromCounters} need two plus shuffles), and the two vectors are independent chains the CPU overlaps.
     * Word-major output: {@code words[j * LONG_LANES + l]} is word {@code j} (0..3) of block l, as an
     * unsigned value in [0, 2^32). Meant for kernels that turn words into doubles (see {@link VectorRandom#D},
     * which has the shape of {@link #LONGS}).
     */
    public static void blocks(long seed, long stream, long[] blocks, int offset, long add, long[] words) {
        int n = LONGS.length();
        LongVector b = LongVector.fromArray(LONGS, blocks, offset).add(add);
        LongVector e = LongVector.fromArray(LONGS, blocks, offset + n).add(add);
        LongVector m0 = LongVector.broadcast(LONGS, Philox4x32.M0 & LOW).and(LOW);
        LongVector m1 = LongVector.broadcast(LONGS, Philox4x32.M1 & LOW).and(LOW);
        LongVector b0 = b.and(LOW);
        LongVector b1 = b.lanewise(VectorOperators.LSHR, 32);
        LongVector e0 = e.and(LOW);
        LongVector e1 = e.lanewise(VectorOperators.LSHR, 32);
        LongVector b2 = LongVector.broadcast(LONGS, stream & LOW);
        LongVector b3 = LongVector.broadcast(LONGS, stream >>> 32);
        LongVector e2 = b2;
        LongVector e3 = b3;
        // The round keys in every lane; their bits above 32 may carry garbage, as the XORs do (see below)
        LongVector k0 = LongVector.broadcast(LONGS, seed & LOW);
        LongVector k1 = LongVector.broadcast(LONGS, seed >>> 32);
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                k0 = k0.add(Philox4x32.W0 & LOW);
                k1 = k1.add(Philox4x32.W1 & LOW);
            }
            // Only the low 32 bits of every lane are the word; the and(LOW) before each multiply drops the
            // high garbage that the XORs carry along and lets C2 use one unsigned 32x32 -> 64 multiply.
            LongVector pb0 = b0.and(LOW).mul(m0);
            LongVector pb2 = b2.and(LOW).mul(m1);
            LongVector pe0 = e0.and(LOW).mul(m0);
            LongVector pe2 = e2.and(LOW).mul(m1);
            b0 = pb2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, b1)
                    .lanewise(VectorOperators.XOR, k0);
            b2 = pb0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, b3)
                    .lanewise(VectorOperators.XOR, k1);
            b1 = pb2;
            b3 = pb0;
            e0 = pe2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, e1)
                    .lanewise(VectorOperators.XOR, k0);
            e2 = pe0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, e3)
                    .lanewise(VectorOperators.XOR, k1);
            e1 = pe2;
            e3 = pe0;
        }
        b0.and(LOW).intoArray(words, 0);
        e0.and(LOW).intoArray(words, n);
        b1.and(LOW).intoArray(words, 2 * n);
        e1.and(LOW).intoArray(words, 3 * n);
        b2.and(LOW).intoArray(words, 4 * n);
        e2.and(LOW).intoArray(words, 5 * n);
        b3.and(LOW).intoArray(words, 6 * n);
        e3.and(LOW).intoArray(words, 7 * n);
    }

    /**
     * Blocks {@code block} and {@code block + 1} of each of the {@code LONGS.length()} streams
     * {@code streams[offset ..]}, one block per long lane as in {@link #blocks}, for kernels whose lanes are
     * independent streams (one network per lane): word {@code j} of block {@code block + h} of stream {@code l} goes
     * to {@code words[at + j * row + h * LONGS.length() + l]}, as an unsigned value in [0, 2^32).
     */
    public static void streamPairs(long seed, long[] streams, int offset, long block, long[] words, int at, int row) {
        int n = LONGS.length();
        LongVector m0 = LongVector.broadcast(LONGS, Philox4x32.M0 & LOW).and(LOW);
        LongVector m1 = LongVector.broadcast(LONGS, Philox4x32.M1 & LOW).and(LOW);
        LongVector b0 = LongVector.broadcast(LONGS, block & LOW);
        LongVector b1 = LongVector.broadcast(LONGS, block >>> 32);
        LongVector e0 = LongVector.broadcast(LONGS, (block + 1) & LOW);
        LongVector e1 = LongVector.broadcast(LONGS, (block + 1) >>> 32);
        LongVector s = LongVector.fromArray(LONGS, streams, offset);
        LongVector b2 = s.and(LOW);
        LongVector b3 = s.lanewise(VectorOperators.LSHR, 32);
        LongVector e2 = b2;
        LongVector e3 = b3;
        LongVector k0 = LongVector.broadcast(LONGS, seed & LOW);
        LongVector k1 = LongVector.broadcast(LONGS, seed >>> 32);
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                k0 = k0.add(Philox4x32.W0 & LOW);
                k1 = k1.add(Philox4x32.W1 & LOW);
            }
            // as in blocks: the and(LOW) drops the high garbage of the XORs before each unsigned 32x32 multiply
            LongVector pb0 = b0.and(LOW).mul(m0);
            LongVector pb2 = b2.and(LOW).mul(m1);
            LongVector pe0 = e0.and(LOW).mul(m0);
            LongVector pe2 = e2.and(LOW).mul(m1);
            b0 = pb2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, b1)
                    .lanewise(VectorOperators.XOR, k0);
            b2 = pb0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, b3)
                    .lanewise(VectorOperators.XOR, k1);
            b1 = pb2;
            b3 = pb0;
            e0 = pe2.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, e1)
                    .lanewise(VectorOperators.XOR, k0);
            e2 = pe0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, e3)
                    .lanewise(VectorOperators.XOR, k1);
            e1 = pe2;
            e3 = pe0;
        }
        b0.and(LOW).intoArray(words, at);
        e0.and(LOW).intoArray(words, at + n);
        b1.and(LOW).intoArray(words, at + row);
        e1.and(LOW).intoArray(words, at + row + n);
        b2.and(LOW).intoArray(words, at + 2 * row);
        e2.and(LOW).intoArray(words, at + 2 * row + n);
        b3.and(LOW).intoArray(words, at + 3 * row);
        e3.and(LOW).intoArray(words, at + 3 * row + n);
    }

    /** Per lane, the high 32 bits of the unsigned product {@code x * m}, m zero-extended in every long lane. */
    static IntVector mulHi(IntVector x, LongVector m) {
        LongVector pairs = x.reinterpretAsLongs();                      // lane 2i in the low half
        LongVector even = pairs.and(LOW).mul(m);
        LongVector odd = pairs.lanewise(VectorOperators.LSHR, 32).mul(m);
        return even.lanewise(VectorOperators.LSHR, 32).or(odd.and(HIGH)).reinterpretAsInts();
    }

    private static long[] multipliers() {
        long[] m = new long[2 * LONGS.length()];
        for (int i = 0; i < LONGS.length(); i++) {
            m[i] = Philox4x32.M0 & LOW;
            m[LONGS.length() + i] = Philox4x32.M1 & LOW;
        }
        return m;
    }

    static {
        if (LONGS.length() * 2 != INTS.length()) {
            throw new AssertionError("int and long species of one shape");
        }
    }
}
