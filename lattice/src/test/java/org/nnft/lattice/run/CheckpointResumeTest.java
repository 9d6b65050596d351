package org.nnft.lattice.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.support.Chains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A chain interrupted (during and after thermalisation) and resumed from a checkpoint equals the uninterrupted one bit
 * for bit.
 */
class CheckpointResumeTest {
    private static final Lattice LATTICE = new Lattice(2, 6);
    private static final HomogeneousTheory THEORY = HomogeneousTheory.fromMassAndLambda(2, -0.5, 0.7);
    private static final String SCHEDULE = "metropolis+wolff";

    @Test
    void resumedChainIsBitForBitIdentical(@TempDir Path dir) throws IOException {
        long total = 200;
        ChainState reference;
        try (Chains ch = new Chains(THEORY.couplings(LATTICE))) {
            MarkovChain c = ch.chain(ch.schedule(SCHEDULE), 99, 40, 2);
            c.runUntil(total);
            reference = c.state();
        }
        Path file = dir.resolve("chain.ckpt");
        for (long interrupt : new long[] {25, 41, 120}) {
            try (Chains ch = new Chains(THEORY.couplings(LATTICE))) {
                MarkovChain c = ch.chain(ch.schedule(SCHEDULE), 99, 40, 2);
                c.runUntil(interrupt);
                Checkpoint.write(file, c.state());
            }
            try (Chains ch = new Chains(THEORY.couplings(LATTICE))) {
                MarkovChain c = ch.chain(ch.schedule(SCHEDULE), 99, 40, 2);
                c.restore(Checkpoint.read(file));
                c.runUntil(total);
                ChainState resumed = c.state();
                assertEquals(reference.step(), resumed.step());
                assertArrayEquals(reference.field(), resumed.field(), "field after interrupt at " + interrupt);
                assertArrayEquals(reference.tunings(), resumed.tunings());
                assertEquals(reference.rows().length, resumed.rows().length);
                for (int i = 0; i < reference.rows().length; i++) {
                    assertArrayEquals(reference.rows()[i], resumed.rows()[i], "row " + i);
                }
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void restoreRejectsAnotherSeed(@TempDir Path dir) throws IOException {
        try (Chains ch = new Chains(THEORY.couplings(LATTICE))) {
            MarkovChain c = ch.chain(ch.schedule(SCHEDULE), 1, 5, 1);
            c.runUntil(10);
            Path file = dir.resolve("c.ckpt");
            Checkpoint.write(file, c.state());
            MarkovChain other = ch.chain(ch.schedule(SCHEDULE), 2, 5, 1);
            assertThrows(IllegalArgumentException.class, () -> other.restore(Checkpoint.read(file)));
        }
    }
}
