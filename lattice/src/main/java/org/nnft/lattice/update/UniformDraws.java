package org.nnft.lattice.update;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.nnft.engine.simd.VectorPhilox;
import org.nnft.engine.simd.VectorRandom;

import static org.nnft.lattice.update.LaneShape.BLOCKS_PER_CALL;
import static org.nnft.lattice.update.LaneShape.D;
import static org.nnft.lattice.update.LaneShape.DOUBLE_LANES;
import static org.nnft.lattice.update.LaneShape.WORDS;
import static org.nnft.lattice.update.MetropolisKernel.GROUP;
import static org.nnft.lattice.update.MetropolisKernel.GROUP_BLOCKS;

/**
 * The random numbers of one hit of the Metropolis fast path: Philox words of each lane's block, addressed as
 * {@link MetropolisKernel#firstBlock} does, turned into the proposal steps 2u - 1 and the accept uniforms u of
 * {@link LaneBatch#proposal} and {@link LaneBatch#uniform}, bit for bit as the reference body draws them.
 */
final class UniformDraws {
    private UniformDraws() {
    }

    /**
     * For hit {@code h} of the batch's {@link LaneBatch#padded} lanes: the proposal steps 2u - 1 and the accept
     * uniforms. In the lanes of whole groups ({@link LaneBatch#sharedFrom} .. {@link LaneBatch#sharedTo}), lanes
     * {@code k .. k + 15} hold the group's 16 blocks in order and lanes {@code k + 16 .. k + 31} use the same blocks'
     * words 2,3, so a Philox call on lanes {@code k + c ..} feeds those lanes and the ones 16 further; the other lanes
     * draw their own blocks ({@link #drawEach}; calls before the groups may run into them, which the groups then
     * overwrite).
     */
    static void draw(LaneBatch lanes, long seed, long stream, int h, long[] words) {
        long add = (long) GROUP_BLOCKS * h;
        int k = 0;
        for (; k < lanes.sharedFrom; k += BLOCKS_PER_CALL) {
            drawEach(lanes, k, seed, stream, add, words);
        }
        for (k = lanes.sharedFrom; k < lanes.sharedTo; k += GROUP) {
            for (int c = 0; c < GROUP_BLOCKS; c += BLOCKS_PER_CALL) {
                VectorPhilox.blocks(seed, stream, lanes.block, k + c, add, words);
                for (int lane = 0; lane < BLOCKS_PER_CALL; lane += DOUBLE_LANES) {
                    openUnits(word(words, 0, lane), word(words, 1, lane), lanes, k + c + lane);
                    openUnits(word(words, 2, lane), word(words, 3, lane), lanes, k + GROUP_BLOCKS + c + lane);
                }
            }
        }
        for (; k < lanes.padded; k += BLOCKS_PER_CALL) {
            drawEach(lanes, k, seed, stream, add, words);
        }
    }

    /**
     * {@link #draw} for lanes {@code k .. k + BLOCKS_PER_CALL - 1}, each from words 0,1 or 2,3 of its own block as
     * {@link LaneBatch#wordPair} says.
     */
    private static void drawEach(LaneBatch lanes, int k, long seed, long stream, long add, long[] words) {
        VectorPhilox.blocks(seed, stream, lanes.block, k, add, words);
        for (int lane = 0; lane < BLOCKS_PER_CALL; lane += DOUBLE_LANES) {
            VectorMask<Long> up = LongVector.fromArray(WORDS, lanes.wordPair, k + lane).compare(VectorOperators.NE, 0L);
            openUnits(word(words, 0, lane).blend(word(words, 2, lane), up),
                    word(words, 1, lane).blend(word(words, 3, lane), up), lanes, k + lane);
        }
    }

    /**
     * Word {@code j} of the blocks of lanes {@code lane .. lane + DOUBLE_LANES - 1} of a Philox call
     * ({@link VectorPhilox#blocks} layout).
     */
    private static LongVector word(long[] words, int j, int lane) {
        return LongVector.fromArray(WORDS, words, j * BLOCKS_PER_CALL + lane);
    }

    /**
     * From words in [0, 2^32): the proposal steps {@code 2u - 1} of {@code step} into {@link LaneBatch#proposal} and
     * the uniforms of {@code accept} into {@link LaneBatch#uniform}, at lanes {@code at ..}, u as
     * {@code RandomStreams.toOpenUnit}: {@code u = (2w + 1) 2^-33}. The double {@code d = 2^52 + 2w + 1} holds 2w + 1
     * in its significand; {@code d 2^-32 - (2^20 + 1) = 2u - 1} and {@code d 2^-33 - 2^19 = u} by one fused
     * multiply-add each, exact (multiples of 2^-33 below 1 in size), so both equal the reference's bit for bit.
     */
    private static void openUnits(LongVector step, LongVector accept, LaneBatch lanes, int at) {
        odd(step).fma(DoubleVector.broadcast(D, 0x1p-32), DoubleVector.broadcast(D, -(0x1p20 + 1.0)))
                .intoArray(lanes.proposal, at);
        odd(accept).fma(DoubleVector.broadcast(D, 0x1p-33), DoubleVector.broadcast(D, -0x1p19))
                .intoArray(lanes.uniform, at);
    }

    /** The double {@code 2^52 + 2w + 1} of each word w in [0, 2^32). */
    private static DoubleVector odd(LongVector w) {
        return w.lanewise(VectorOperators.LSHL, 1).or(VectorRandom.TWO_52_BITS | 1L).reinterpretAsDoubles();
    }
}
