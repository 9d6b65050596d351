package org.nnft.lattice.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.lattice.action.HomogeneousTheory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints are never resumed when damaged (every single flipped byte and every truncation is refused with a
 * one-line message naming the file), are never overwritten by a fresh run, never resumed into a shorter run, and
 * leave no temporary file behind.
 */
class CheckpointIntegrityTest {
    @TempDir
    Path dir;

    private static final LatticeRun.Config CONFIG = new LatticeRun.Config(2, 4, new HomogeneousTheory(1.0, 2.25, 0.1),
            LatticeRun.ScheduleSpec.parse("metropolis+overrelax"), 40, 5, 1, 11);

    private static LatticeRun.Result run(LatticeRun.Config c, LatticeRun.Options o) {
        try (Backend backend = Backends.named("cpu")) {
            return LatticeRun.run(c, backend, o);
        }
    }

    private Path checkpointOfShortRun() {
        Path ckpt = dir.resolve("chain.ckpt");
        LatticeRun.Config shorter = new LatticeRun.Config(2, 4, CONFIG.theory(), CONFIG.schedule(), 20, 5, 1, 11);
        run(shorter, new LatticeRun.Options(ckpt, 7, null, null));
        return ckpt;
    }

    private static String resumeError(Path ckpt) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(CONFIG, new LatticeRun.Options(ckpt, 7, ckpt, null)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains(ckpt.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void everyFlippedByteIsRefused() throws IOException {
        Path ckpt = checkpointOfShortRun();
        byte[] good = Files.readAllBytes(ckpt);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(ckpt, bad);
            assertThrows(IOException.class, () -> Checkpoint.read(ckpt), "flipped byte " + i);
        }
        Files.write(ckpt, good);
        byte[] bad = good.clone();
        bad[good.length / 2] ^= 0x10;
        Files.write(ckpt, bad);
        assertTrue(resumeError(ckpt).contains("corrupt"));
    }

    @Test
    void truncatedCheckpointsGetAClearMessage() throws IOException {
        Path ckpt = checkpointOfShortRun();
        byte[] good = Files.readAllBytes(ckpt);
        for (int n : new int[]{0, 3, 8, 12, 16, good.length / 2, good.length - 1}) {
            Files.write(ckpt, Arrays.copyOf(good, n));
            String message = resumeError(ckpt);
            assertTrue(message.contains("truncated"), message);
            assertFalse(message.contains("null"), message);
        }
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne() {
        Path ckpt = checkpointOfShortRun();
        double[][] resumed = run(CONFIG, new LatticeRun.Options(ckpt, 7, ckpt, null)).series().rows();
        double[][] whole = run(CONFIG, LatticeRun.Options.NONE).series().rows();
        assertArrayEquals(whole, resumed);
    }

    @Test
    void freshRunDoesNotOverwriteAnExistingCheckpoint() throws IOException {
        Path ckpt = checkpointOfShortRun();
        byte[] before = Files.readAllBytes(ckpt);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(CONFIG, new LatticeRun.Options(ckpt, 7, null, null)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(ckpt));
    }

    @Test
    void resumeIntoAShorterRunIsRefused() {
        Path ckpt = checkpointOfShortRun();
        LatticeRun.Config shorter = new LatticeRun.Config(2, 4, CONFIG.theory(), CONFIG.schedule(), 10, 5, 1, 11);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(shorter, new LatticeRun.Options(ckpt, 7, ckpt, null)));
        assertTrue(e.getMessage().contains("already holds 25 sweeps"), e.getMessage());
    }

    @Test
    void checkpointIntervalMustBePositive() {
        for (int every : new int[]{0, -1}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new LatticeRun.Options(dir.resolve("c.ckpt"), every, null, null));
        }
    }

    @Test
    void staleTemporaryFileIsRemovedAndNoneIsLeft() throws IOException {
        Path ckpt = dir.resolve("chain.ckpt");
        Path stale = Checkpoint.temporaryOf(ckpt);
        assertEquals(dir.resolve(".chain.ckpt.tmp"), stale);
        Files.writeString(stale, "half a checkpoint of a killed write");
        run(CONFIG, new LatticeRun.Options(ckpt, 7, null, null));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(ckpt), files.toList());
        }
    }
}
