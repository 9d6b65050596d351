package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;

/**
 * Shared stages of the Vector API fast paths of the scalar {@link ShallowNetwork} kernels (empirical NTK, trained
 * ensembles): {@link #L} networks at once, one network per double lane. Each lane performs exactly the scalar
 * reference's operations in the same order (vector Philox and Box-Muller are bit-exact twins of the scalar draws,
 * the Vector API never fuses a multiply and an add, and erf/exp go lane by lane through the reference's scalar
 * functions), so a lane's values are bit-identical to the reference body's for its network.
 *
 * <p>Lane-interleaved layout: value k of network {@code first + n} of the group sits at {@code [k L + n]}.
 * One instance per work-item range (it holds the scratch).
 */
final class ShallowLanes {
    /** Double species of the lanes. */
    static final VectorSpecies<Double> D = VectorRandom.D;
    /** Networks per group: one per double lane. */
    static final int L = VectorRandom.LANES;
    /** Neurons whose normals are drawn per {@link #normals} call in the fast paths (keeps the scratch in L1). */
    static final int CHUNK = 16;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** The Philox streams of the group's networks. */
    private final long[] streams = new long[L];
    /** Philox words of the last {@link #normals} call: word j of block k at {@code [j R + k L + n]}. */
    private long[] words = new long[0];
    /** Normal m (0..3) of block k of the last {@link #normals} call at {@code [m R + k L + n]} ({@link #at}). */
    double[] normals = new double[0];
    /** Row length R of {@link #normals}: the blocks of the last call, rounded up to even, times L. */
    private int row;

    /** Sets the group to networks {@code first .. first + L - 1} (their Philox streams). */
    void networks(long first) {
        for (int n = 0; n < L; n++) {
            streams[n] = EnsembleStreams.stream(first + n);
        }
    }

    /**
     * The four Box-Muller normals of each of the group's blocks {@code first .. first + blocks - 1} into
     * {@link #normals}: normal m of block {@code first + k} is {@link FieldScratch#normal}'s draw {@code 4 k + m} of
     * the run starting at block {@code first}, bit for bit (words (0, 1) then (2, 3), cosine then sine branch).
     * All Philox calls first, then the Box-Muller transforms over all lanes (long loops of independent iterations).
     */
    void normals(long seed, long first, int blocks) {
        normals(seed, first, blocks, 4);
    }

    /**
     * As {@link #normals(long, long, int)}, computing only normals m &lt; {@code used} of every block (the others are
     * left stale): a d = 1 network draws three normals per neuron, its output bias one.
     */
    void normals(long seed, long first, int blocks, int used) {
        philox(seed, first, blocks);
        for (int pair = 0; 2 * pair < used; pair++) {
            int radius = 2 * pair * row;
            int angle = radius + row;
            VectorRandom.openUnits(words, radius, row, normals, radius);
            VectorRandom.openUnits(words, angle, row, normals, angle);
            VectorRandom.boxMullerInPlace(row, normals, radius, normals, angle, 2 * pair + 1 < used, null, 0);
        }
    }

    /**
     * The Philox words of the group's blocks {@code first .. first + blocks - 1} into {@link #words()}: word j of
     * block {@code first + k} of network n at {@code [j R + k L + n]}, R = {@link #row()}.
     */
    void philox(long seed, long first, int blocks) {
        int rounded = (blocks + 1) / 2 * 2;
        row = rounded * L;
        if (normals.length < 4 * row) {
            normals = new double[4 * row];
            words = new long[4 * row];
        }
        for (int k = 0; k < rounded; k += 2) {
            VectorPhilox.streamPairs(seed, streams, 0, first + k, words, k * L, row);
        }
    }

    /** The words of the last {@link #philox} or {@link #normals} call (unsigned values in long lanes). */
    long[] words() {
        return words;
    }

    /** Row length R of the last call: the blocks rounded up to even, times L (a multiple of 2 L). */
    int row() {
        return row;
    }

    /** Index in {@link #normals} of the lanes of draw {@code j} of the run starting at block {@code k}. */
    int at(int k, int j) {
        return (j & 3) * row + (k + (j >> 2)) * L;
    }

    static {
        if (VectorPhilox.LONGS.length() != L) {
            throw new AssertionError("long and double lanes of one shape");
        }
    }

    /**
     * Activations and their derivatives of the lanes {@code z[0 .. points L)} (point p's lanes at {@code [p L ..]}):
     * variant 0 erf ({@link PortableErf}, derivative {@code 2/sqrt(pi) exp(-z^2)}), 1 ReLU (derivative
     * {@code z > 0 ? 1 : 0}), else Gauss {@code exp(z - hyper[ca + p])} (its own derivative); the reference's
     * expressions, lane by lane where they are not plain vector arithmetic, erf by {@link ErfLanes} (bit for bit
     * {@link PortableErf}); written from {@code act[at]} and {@code der[at]} on. The erf variant overwrites
     * {@code z[0 .. L)} (its scratch).
     */
    static void activate(double[] z, int points, int variant, double[] hyper, int ca, double[] act, double[] der,
                         int at) {
        if (variant == 1) {
            DoubleVector one = DoubleVector.broadcast(D, 1.0);
            DoubleVector zero = DoubleVector.zero(D);
            for (int k = 0; k < points * L; k += L) {
                DoubleVector v = DoubleVector.fromArray(D, z, k);
                v.max(0.0).intoArray(act, at + k);
                zero.blend(one, v.compare(VectorOperators.GT, 0.0)).intoArray(der, at + k);
            }
        } else if (variant == 0) {
            for (int k = 0; k < points * L; k++) {
                double v = z[k];
                act[at + k] = v;
                der[at + k] = TWO_OVER_SQRT_PI * Math.exp(-(v * v));
            }
            ErfLanes.erf(D, act, at, points * L, z);
        } else {
            for (int p = 0; p < points; p++) {
                for (int n = 0; n < L; n++) {
                    int k = p * L + n;
                    act[at + k] = Math.exp(z[k] - hyper[ca + p]);
                    der[at + k] = act[at + k];
                }
            }
        }
    }
}
