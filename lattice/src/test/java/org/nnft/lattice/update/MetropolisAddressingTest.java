package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.nnft.lattice.geometry.Lattice;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Philox addressing of {@link MetropolisKernel} ({@link MetropolisKernel#firstBlock},
 * {@link MetropolisKernel#firstWord}):
 * within one stream (one colour of one step) no two (site, hit) pairs draw the same words, or their proposals and
 * accept variates would be correlated. Both colours of the two-colour checkerboard and every parity class of the
 * diagonal couplings (which share the stream of their parity) draw from words of the sites of one parity.
 */
class MetropolisAddressingTest {
    @Test
    void sitesOfOneParityNeverShareWords() {
        int[][] shapes = {{2, 2}, {2, 10}, {2, 64}, {2, 96}, {3, 6}, {4, 4}};
        for (int[] shape : shapes) {
            Lattice lattice = new Lattice(shape[0], shape[1]);
            for (int hits = 1; hits <= 3; hits++) {
                for (int colour = 0; colour < 2; colour++) {
                    Set<Long> words = new HashSet<>();
                    int[] sites = lattice.sitesOfColour(colour);
                    for (int x : sites) {
                        long block = MetropolisKernel.firstBlock(x, hits);
                        int word = MetropolisKernel.firstWord(x);
                        assertTrue(word == 0 || word == 2);
                        for (int h = 0; h < hits; h++) {
                            words.add(4 * (block + (long) MetropolisKernel.GROUP_BLOCKS * h) + word);
                        }
                    }
                    assertEquals((long) sites.length * hits, words.size(),
                            "d=" + shape[0] + " L=" + shape[1] + " hits=" + hits + " colour=" + colour);
                }
            }
        }
    }

    /**
     * The layout the fast path relies on: the 32 pair indices of a group (sites x .. x + 63, x a multiple of 64)
     * take blocks first .. first + 15 in order, words 0,1 for the first 16 and 2,3 for the next 16, and the next
     * group starts 16 hits blocks later.
     */
    @Test
    void groupsOfThirtyTwoPairIndicesShareSixteenBlocks() {
        int hits = 3;
        for (int x = 0; x < 4096; x += 64) {
            long first = MetropolisKernel.firstBlock(x, hits);
            assertEquals((long) x / 64 * 16 * hits, first);
            for (int s = 0; s < 16; s++) {
                for (int parity = 0; parity < 2; parity++) {
                    int low = x + 2 * s + parity;
                    assertEquals(first + s, MetropolisKernel.firstBlock(low, hits));
                    assertEquals(first + s, MetropolisKernel.firstBlock(low + 32, hits));
                    assertEquals(0, MetropolisKernel.firstWord(low));
                    assertEquals(2, MetropolisKernel.firstWord(low + 32));
                }
            }
        }
    }
}
