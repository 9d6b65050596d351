package org.nnft.engine.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.random.Philox4x32;

/**
 * Philox4x32-10 on one block per int lane (8 blocks with AVX2, 16 with AVX-512), bit-exact with
 * {@link Philox4x32#block}, for the Vector API fast paths of the CPU backend and of domain kernels.
 * The Vector API has no unsigned 32x32 -> 64 high multiply, so the rounds run on long lanes: the even
 * and the odd int lanes are two vectors of zero-extended words (two independent chains), each product one
 * unsigned 32x32 -> 64 multiply (VPMULUDQ) whose 64-bit result holds both the high and the low word of the
 * round; only the final words are packed back into int lanes.
 *
 * <p>Output layout, word-major: {@code words[j * LANES + l]} is word {@code j} (0..3) of lane l's block.
 */
public final class VectorPhilox {
    /** Int species of the fast paths: one Philox block per lane. */
    public static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Blocks per call. */
    public static final int LANES = INTS.length();
    /** Blocks per {@link #stridedWide} call. */
    public static final int WIDE_LANES = 2 * LANES;
    /** Long species of {@link #blocks}: one Philox block per long lane. */
    public static final VectorSpecies<Long> LONGS = INTS.withLanes(long.class);
    /** Blocks per {@link #blocks} call: two long vectors. */
    public static final int LONG_LANES = 2 * LONGS.length();
    private static final long LOW = 0xFFFF_FFFFL;
    /** 2i in long lane i: the even int lanes of {@link #strided}. */
    private static final LongVector EVEN = LongVector.zero(LONGS).addIndex(2);
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
        strided(seed, stream, firstBlock, stride, words, 0, LANES);
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
        // the rounds of fromCounters, on counters built in long lanes (the 64-bit block carries by itself): even
        // lanes in b, odd lanes in e. Written out once more, not shared: a vector passed to a method the JIT does not
        // inline is boxed, and a helper for the final packing past C2's node-count cutoff made Philox 6x slower.
        // Each round XORs the key into the old word first, off the dependency chain through the multiply.
        LongVector b0 = EVEN.mul(stride).add(firstBlock);
        LongVector e0 = b0.add(stride);
        LongVector b1 = b0.lanewise(VectorOperators.LSHR, 32);
        LongVector e1 = e0.lanewise(VectorOperators.LSHR, 32);
        LongVector b2 = LongVector.broadcast(LONGS, stream & LOW);
        LongVector b3 = LongVector.broadcast(LONGS, stream >>> 32);
        LongVector e2 = b2;
        LongVector e3 = b3;
        LongVector m0 = LongVector.fromArray(LONGS, MULTIPLIERS, 0).and(LOW);
        LongVector m1 = LongVector.fromArray(LONGS, MULTIPLIERS, LONGS.length()).and(LOW);
        LongVector k0 = LongVector.broadcast(LONGS, seed & LOW);
        LongVector k1 = LongVector.broadcast(LONGS, seed >>> 32);
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                k0 = k0.add(Philox4x32.W0 & LOW);
                k1 = k1.add(Philox4x32.W1 & LOW);
            }
            LongVector pb0 = b0.and(LOW).mul(m0);
            LongVector pb2 = b2.and(LOW).mul(m1);
            LongVector pe0 = e0.and(LOW).mul(m0);
            LongVector pe2 = e2.and(LOW).mul(m1);
            b0 = pb2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, b1.lanewise(VectorOperators.XOR, k0));
            b2 = pb0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, b3.lanewise(VectorOperators.XOR, k1));
            b1 = pb2;
            b3 = pb0;
            e0 = pe2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, e1.lanewise(VectorOperators.XOR, k0));
            e2 = pe0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, e3.lanewise(VectorOperators.XOR, k1));
            e1 = pe2;
            e3 = pe0;
        }
        ((IntVector) b0.and(LOW).or(e0.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at);
        ((IntVector) b1.and(LOW).or(e1.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + pitch);
        ((IntVector) b2.and(LOW).or(e2.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + 2 * pitch);
        ((IntVector) b3.and(LOW).or(e3.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + 3 * pitch);
    }

    /**
     * {@link #strided(long, long, long, int, int[], int, int)} for the {@link #WIDE_LANES} blocks {@code firstBlock +
     * l * stride}, l = 0 .. WIDE_LANES-1 (lane l at {@code words[at + j * pitch + l]}, {@code pitch} at least
     * WIDE_LANES): the same words as two strided calls. With 512-bit vectors (AVX-512, 32 vector registers) it runs
     * four independent chains per round instead of two, which the CPU overlaps; narrower shapes make the two calls
     * (with 16 registers, as on AVX2, the four chains spill).
     */
    public static void stridedWide(long seed, long stream, long firstBlock, int stride, int[] words, int at,
                                   int pitch) {
        if (INTS.vectorBitSize() < 512) {
            strided(seed, stream, firstBlock, stride, words, at, pitch);
            strided(seed, stream, firstBlock + (long) LANES * stride, stride, words, at + LANES, pitch);
            return;
        }
        // the rounds of strided for blocks 0 .. LANES-1 (b, e) and LANES .. WIDE_LANES-1 (f, g), interleaved
        LongVector b0 = EVEN.mul(stride).add(firstBlock);
        LongVector e0 = b0.add(stride);
        LongVector b1 = b0.lanewise(VectorOperators.LSHR, 32);
        LongVector e1 = e0.lanewise(VectorOperators.LSHR, 32);
        LongVector b2 = LongVector.broadcast(LONGS, stream & LOW);
        LongVector b3 = LongVector.broadcast(LONGS, stream >>> 32);
        LongVector e2 = b2;
        LongVector e3 = b3;
        LongVector m0 = LongVector.fromArray(LONGS, MULTIPLIERS, 0).and(LOW);
        LongVector m1 = LongVector.fromArray(LONGS, MULTIPLIERS, LONGS.length()).and(LOW);
        LongVector k0 = LongVector.broadcast(LONGS, seed & LOW);
        LongVector k1 = LongVector.broadcast(LONGS, seed >>> 32);
        LongVector f0 = b0.add((long) LANES * stride);
        LongVector g0 = f0.add(stride);
        LongVector f1 = f0.lanewise(VectorOperators.LSHR, 32);
        LongVector g1 = g0.lanewise(VectorOperators.LSHR, 32);
        LongVector f2 = b2;
        LongVector f3 = b3;
        LongVector g2 = b2;
        LongVector g3 = b3;
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                k0 = k0.add(Philox4x32.W0 & LOW);
                k1 = k1.add(Philox4x32.W1 & LOW);
            }
            LongVector pb0 = b0.and(LOW).mul(m0);
            LongVector pb2 = b2.and(LOW).mul(m1);
            LongVector pe0 = e0.and(LOW).mul(m0);
            LongVector pe2 = e2.and(LOW).mul(m1);
            b0 = pb2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, b1.lanewise(VectorOperators.XOR, k0));
            b2 = pb0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, b3.lanewise(VectorOperators.XOR, k1));
            b1 = pb2;
            b3 = pb0;
            e0 = pe2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, e1.lanewise(VectorOperators.XOR, k0));
            e2 = pe0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, e3.lanewise(VectorOperators.XOR, k1));
            e1 = pe2;
            e3 = pe0;
            LongVector pf0 = f0.and(LOW).mul(m0);
            LongVector pf2 = f2.and(LOW).mul(m1);
            LongVector pg0 = g0.and(LOW).mul(m0);
            LongVector pg2 = g2.and(LOW).mul(m1);
            f0 = pf2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, f1.lanewise(VectorOperators.XOR, k0));
            f2 = pf0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, f3.lanewise(VectorOperators.XOR, k1));
            f1 = pf2;
            f3 = pf0;
            g0 = pg2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, g1.lanewise(VectorOperators.XOR, k0));
            g2 = pg0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, g3.lanewise(VectorOperators.XOR, k1));
            g1 = pg2;
            g3 = pg0;
        }
        ((IntVector) b0.and(LOW).or(e0.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at);
        ((IntVector) b1.and(LOW).or(e1.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + pitch);
        ((IntVector) b2.and(LOW).or(e2.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + 2 * pitch);
        ((IntVector) b3.and(LOW).or(e3.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + 3 * pitch);
        ((IntVector) f0.and(LOW).or(g0.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + LANES);
        ((IntVector) f1.and(LOW).or(g1.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + LANES + pitch);
        ((IntVector) f2.and(LOW).or(g2.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + LANES + 2 * pitch);
        ((IntVector) f3.and(LOW).or(g3.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + LANES + 3 * pitch);
    }

    /**
     * {@link #fromCounters(long, int[], int[])} with counters and words at {@code at + j * pitch}: each counter
     * vector viewed as longs gives the even lanes (low halves) and the odd lanes (high halves shifted down).
     */
    private static void fromCounters(long seed, int[] counters, int[] words, int at, int pitch) {
        LongVector b0 = (LongVector) IntVector.fromArray(INTS, counters, at).reinterpretShape(LONGS, 0);
        LongVector b1 = (LongVector) IntVector.fromArray(INTS, counters, at + pitch).reinterpretShape(LONGS, 0);
        LongVector b2 = (LongVector) IntVector.fromArray(INTS, counters, at + 2 * pitch).reinterpretShape(LONGS, 0);
        LongVector b3 = (LongVector) IntVector.fromArray(INTS, counters, at + 3 * pitch).reinterpretShape(LONGS, 0);
        LongVector e0 = b0.lanewise(VectorOperators.LSHR, 32);
        LongVector e1 = b1.lanewise(VectorOperators.LSHR, 32);
        LongVector e2 = b2.lanewise(VectorOperators.LSHR, 32);
        LongVector e3 = b3.lanewise(VectorOperators.LSHR, 32);
        LongVector m0 = LongVector.fromArray(LONGS, MULTIPLIERS, 0).and(LOW);
        LongVector m1 = LongVector.fromArray(LONGS, MULTIPLIERS, LONGS.length()).and(LOW);
        // Only the low 32 bits of every lane are the word: the high bits carry garbage (the odd word, the high half
        // of a product, the XORs), dropped by the and(LOW) before each multiply and when the words are packed.
        LongVector k0 = LongVector.broadcast(LONGS, seed & LOW);
        LongVector k1 = LongVector.broadcast(LONGS, seed >>> 32);
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                k0 = k0.add(Philox4x32.W0 & LOW);
                k1 = k1.add(Philox4x32.W1 & LOW);
            }
            LongVector pb0 = b0.and(LOW).mul(m0);
            LongVector pb2 = b2.and(LOW).mul(m1);
            LongVector pe0 = e0.and(LOW).mul(m0);
            LongVector pe2 = e2.and(LOW).mul(m1);
            b0 = pb2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, b1.lanewise(VectorOperators.XOR, k0));
            b2 = pb0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, b3.lanewise(VectorOperators.XOR, k1));
            b1 = pb2;
            b3 = pb0;
            e0 = pe2.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, e1.lanewise(VectorOperators.XOR, k0));
            e2 = pe0.lanewise(VectorOperators.LSHR, 32)
                    .lanewise(VectorOperators.XOR, e3.lanewise(VectorOperators.XOR, k1));
            e1 = pe2;
            e3 = pe0;
        }
        // even lanes from the low words of b, odd lanes from those of e (written out here: a helper method that the
        // JIT does not inline, past its node-count cutoff, would box the vectors)
        ((IntVector) b0.and(LOW).or(e0.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at);
        ((IntVector) b1.and(LOW).or(e1.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + pitch);
        ((IntVector) b2.and(LOW).or(e2.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + 2 * pitch);
        ((IntVector) b3.and(LOW).or(e3.lanewise(VectorOperators.LSHL, 32)).reinterpretShape(INTS, 0))
                .intoArray(words, at + 3 * pitch);
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
