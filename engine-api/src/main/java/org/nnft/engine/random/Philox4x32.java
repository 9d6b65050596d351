package org.nnft.engine.random;

/**
 * Reference Philox4x32-10 block function (Salmon, Moraes, Dror, Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3", SC11): a bijection of a 128-bit counter under a 64-bit key, 10 rounds.
 * Every backend's generator must match this bit for bit; the tests check it against the Random123
 * known-answer vectors and Apache Commons RNG's {@code Philox4x32}.
 */
public final class Philox4x32 {
    /** Round multipliers. */
    public static final int M0 = 0xD2511F53;
    public static final int M1 = 0xCD9E8D57;
    /** Key schedule increments (golden ratio and sqrt(3) - 1). */
    public static final int W0 = 0x9E3779B9;
    public static final int W1 = 0xBB67AE85;
    /** Number of rounds. */
    public static final int ROUNDS = 10;

    private Philox4x32() {
    }

    /**
     * Encrypts counter {@code (c0, c1, c2, c3)} under key {@code (k0, k1)}; writes the four output
     * words to {@code out[0..3]}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }
}
