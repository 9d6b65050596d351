package org.nnft.engine.random;

/**
 * The stream layout every backend uses, so that a random number depends only on
 * {@code (seed, stream, index)} and never on threads, chunks or the device.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>Key: {@code k0 = (int) seed, k1 = (int) (seed >>> 32)}.</li>
 *   <li>Counter of block {@code b} of stream {@code s}:
 *       {@code c0 = (int) b, c1 = (int) (b >>> 32), c2 = (int) s, c3 = (int) (s >>> 32)}.</li>
 *   <li>32-bit word {@code i}: word {@code i & 3} of block {@code i >>> 2}.</li>
 *   <li>{@link #uniformFloat}: word {@code i} as {@code (w >>> 8) * 2^-24}, in [0, 1).</li>
 *   <li>{@link #uniformDouble}: block {@code i >>> 1}, words {@code 2(i & 1)} and {@code 2(i & 1) + 1}
 *       as {@code ((w_a >>> 5) 2^26 + (w_b >>> 6)) 2^-53}, in [0, 1).</li>
 *   <li>{@link #normal}: block {@code i >>> 2}; pair {@code p = (i >>> 1) & 1} of its words gives
 *       u1 = (w_{2p} + 1/2) 2^-32, t = (w_{2p+1} + 1/2) 2^-32 and Box-Muller
 *       r = sqrt(-2 ln u1); even {@code i} takes r cos(2 pi t), odd {@code i} r sin(2 pi t).
 *       Computed in float64 with {@link PortableMath}; an F32 normal is that value rounded to float.</li>
 * </ul>
 * Domain kernels reserve distinct stream numbers for distinct uses (see each module's stream map).
 *
 * <p>C twin: the resource {@code random.h} of this package, which every GPU kernel's source is compiled with
 * (the table of twins is in {@code engine-api/DIALECT.md}); change both sides together.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    /** Writes the four words of block {@code block} of {@code stream} under {@code seed} to {@code out}. */
    public static void block(long seed, long stream, long block, int[] out) {
        Philox4x32.block((int) block, (int) (block >>> 32), (int) stream, (int) (stream >>> 32),
                (int) seed, (int) (seed >>> 32), out);
    }

    /** The 32-bit word {@code index} of the stream. */
    public static int word(long seed, long stream, long index) {
        int[] w = new int[4];
        block(seed, stream, index >>> 2, w);
        return w[(int) (index & 3)];
    }

    /** Uniform float in [0, 1) from word {@code index}. */
    public static float uniformFloat(long seed, long stream, long index) {
        return toUniformFloat(word(seed, stream, index));
    }

    /** Uniform double in [0, 1) from the word pair {@code index}. */
    public static double uniformDouble(long seed, long stream, long index) {
        int[] w = new int[4];
        block(seed, stream, index >>> 1, w);
        int p = (int) (index & 1) * 2;
        return toUniformDouble(w[p], w[p + 1]);
    }

    /** Standard normal number {@code index} of the stream (float64). */
    public static double normal(long seed, long stream, long index) {
        int[] w = new int[4];
        block(seed, stream, index >>> 2, w);
        int p = (int) ((index >>> 1) & 1) * 2;
        return boxMuller(w[p], w[p + 1], (index & 1) != 0);
    }

    /** {@code (w >>> 8) * 2^-24}: a uniform float in [0, 1), exact. */
    public static float toUniformFloat(int w) {
        return (w >>> 8) * 0x1p-24f;
    }

    /** 53 random bits from two words as a double in [0, 1), exact. */
    public static double toUniformDouble(int wa, int wb) {
        return ((wa >>> 5) * 67108864.0 + (wb >>> 6)) * 0x1p-53;
    }

    /** {@code (w + 1/2) 2^-32}: a uniform double in (0, 1), exact, never 0 or 1. */
    public static double toOpenUnit(int w) {
        return ((w & 0xFFFFFFFFL) + 0.5) * 0x1p-32;
    }

    /** One Box-Muller normal from two words: the cosine branch, or the sine branch when {@code sine}. */
    public static double boxMuller(int w0, int w1, boolean sine) {
        return branch(Math.sqrt(radiusSquared(w0)), w1, sine);
    }

    /**
     * {@link #boxMuller} scaled to variance {@code 1 / precision} inside the square root:
     * {@code sqrt(-2 log u / precision)} times the branch. The same distribution as {@code boxMuller / sqrt(precision)}
     * with one square root and one division fewer (a cos-net amplitude needs exactly this).
     */
    public static double boxMuller(int w0, int w1, boolean sine, double precision) {
        return branch(Math.sqrt(radiusSquared(w0) / precision), w1, sine);
    }

    /** -2 log u of the radius word's open unit u. */
    private static double radiusSquared(int w0) {
        return -2.0 * PortableMath.log(toOpenUnit(w0));
    }

    private static double branch(double r, int w1, boolean sine) {
        double t = toOpenUnit(w1);
        return r * (sine ? PortableMath.sin2pi(t) : PortableMath.cos2pi(t));
    }
}
