package org.nnft.lattice.update;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import org.nnft.engine.random.RandomStreams;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;

import static org.nnft.lattice.update.LaneShape.BLOCKS_PER_CALL;
import static org.nnft.lattice.update.LaneShape.D;
import static org.nnft.lattice.update.LaneShape.DOUBLE_LANES;
import static org.nnft.lattice.update.LaneShape.WORDS;

/**
 * The passes of the double heat-bath fast path ({@link VectorMetropolis#runHeatBath}) over a loaded
 * {@link TableBatch}: the first attempt of every lane in lanes, the few lanes it rejects attempt by attempt as
 * {@link HeatBathKernel#run} does. Attempt 0 of site x uses Philox block {@code x * tries}: the normal is
 * {@link VectorRandom}'s Box-Muller of words 0,1 (cosine branch, bit for bit {@link RandomStreams#boxMuller}), the
 * accept variate {@link RandomStreams#toUniformDouble} of words 2,3 (exact in lanes), and the decision
 * {@code u < exp(-b q^4)} is {@link HitPasses#decide}'s with ds = b q^4 (exactly the reference's: its
 * {@code -b q^2 q^2} is the negated ds, rounding being symmetric).
 */
final class HeatBathPasses {
    private HeatBathPasses() {
    }

    /** Lane l of the first {@code m} draws from block {@code x * tries} of its site x; padding lanes from block 0. */
    static void address(LaneBatch lanes, int[] sites, int i0, int m, int tries) {
        for (int l = 0; l < lanes.padded; l++) {
            lanes.block[l] = l < m ? (long) sites[i0 + l] * tries : 0L;
        }
    }

    /**
     * Attempt 0's normals into {@link LaneBatch#proposal} and accept uniforms into {@link LaneBatch#uniform}
     * ({@link LaneBatch#acceptedHits} is the angle's scratch).
     */
    static void draw(LaneBatch lanes, long seed, long stream, long[] words) {
        int n = lanes.padded;
        for (int c = 0; c < n; c += BLOCKS_PER_CALL) {
            VectorPhilox.blocks(seed, stream, lanes.block, c, 0L, words);
            VectorRandom.openUnits(words, 0, BLOCKS_PER_CALL, lanes.proposal, c);
            VectorRandom.openUnits(words, BLOCKS_PER_CALL, BLOCKS_PER_CALL, lanes.acceptedHits, c);
            for (int lane = 0; lane < BLOCKS_PER_CALL; lane += DOUBLE_LANES) {
                // ((w2 >>> 5) 2^26 + (w3 >>> 6)) 2^-53: every step exact
                LongVector hi = LongVector.fromArray(WORDS, words, 2 * BLOCKS_PER_CALL + lane)
                        .lanewise(VectorOperators.LSHR, 5);
                LongVector lo = LongVector.fromArray(WORDS, words, 3 * BLOCKS_PER_CALL + lane)
                        .lanewise(VectorOperators.LSHR, 6);
                VectorRandom.exactDoubles(hi).mul(67108864.0).add(VectorRandom.exactDoubles(lo)).mul(0x1p-53)
                        .intoArray(lanes.uniform, c + lane);
            }
        }
        VectorRandom.boxMullerInPlace(n, lanes.proposal, 0, lanes.acceptedHits, 0, false, null, 0);
    }

    /**
     * The proposals {@code q = J/(2a) + sqrt(1/(2a)) z} into {@link LaneBatch#proposal} (z, the normal, there before)
     * and {@code ds = b q^2 q^2} into {@link LaneBatch#trial}, the reference's operations in its order.
     */
    static void propose(LaneBatch lanes) {
        int n = lanes.padded;
        for (int k = 0; k < n; k += DOUBLE_LANES) {
            DoubleVector twoA = DoubleVector.fromArray(D, lanes.a, k).mul(2.0);
            DoubleVector mean = DoubleVector.fromArray(D, lanes.j, k).div(twoA);
            DoubleVector sigma = DoubleVector.broadcast(D, 1.0).div(twoA).lanewise(VectorOperators.SQRT);
            DoubleVector q = mean.add(sigma.mul(DoubleVector.fromArray(D, lanes.proposal, k)));
            DoubleVector q2 = q.mul(q);
            q.intoArray(lanes.proposal, k);
            DoubleVector.fromArray(D, lanes.b, k).mul(q2).mul(q2).intoArray(lanes.trial, k);
        }
    }

    /**
     * Attempts 1 .. tries - 1 of the first {@code m} lanes that attempt 0 rejected, one lane at a time, as
     * {@link HeatBathKernel#run} makes them; an accepted attempt sets phi and {@link LaneBatch#hitAccepted}.
     */
    static void retry(LaneBatch lanes, int[] sites, int i0, int m, int tries, long seed, long stream, int[] w) {
        for (int l = 0; l < m; l++) {
            if (lanes.hitAccepted[l] != 0.0) {
                continue;
            }
            int x = sites[i0 + l];
            double mean = lanes.j[l] / (2.0 * lanes.a[l]);
            double sigma = Math.sqrt(1.0 / (2.0 * lanes.a[l]));
            double bx = lanes.b[l];
            for (int k = 1; k < tries; k++) {
                RandomStreams.block(seed, stream, (long) x * tries + k, w);
                double q = mean + sigma * RandomStreams.boxMuller(w[0], w[1], false);
                double q2 = q * q;
                if (RandomStreams.toUniformDouble(w[2], w[3]) < Math.exp(-bx * q2 * q2)) {
                    lanes.phi[l] = q;
                    lanes.hitAccepted[l] = 1.0;
                    break;
                }
            }
        }
    }
}
