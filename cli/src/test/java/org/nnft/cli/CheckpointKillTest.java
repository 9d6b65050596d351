package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection: a checkpointed lattice chain in a child JVM is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at seeded random points, each time after it has written a new checkpoint
 * (so every life makes progress) and a random time later (so kills land in sweeps and in checkpoint writes alike),
 * and resumed each time. The final series, observables and correlators equal those of the uninterrupted run bit for
 * bit, no temporary checkpoint file survives, and a checkpoint with one flipped byte is refused with exit code 2.
 */
class CheckpointKillTest {
    private static final int KILLS = 15;
    private static final long SEED = 20261207L;

    @TempDir
    Path dir;

    private static final String[] CHAIN = {"lattice", "--dim", "2", "--size", "16", "--mu2", "-0.5", "--lambda",
            "0.7", "--algorithm", "metropolis+overrelax+wolff", "--thermalize", "50", "--sweeps", "2400",
            "--seed", "5", "--backend", "cpu", "--threads", "1", "--quiet", "--no-plots"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static int inProcess(StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private Process child(Path ckpt, Path out) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(with(CHAIN, "--checkpoint", ckpt.toString(), "--checkpoint-every", "3",
                "--out", out.toString())));
        if (Files.exists(ckpt)) {
            cmd.addAll(List.of("--resume", ckpt.toString()));
        }
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("child-stderr.txt").toFile()).start();
    }

    private static FileTime modified(Path p) {
        try {
            return Files.exists(p) ? Files.getLastModifiedTime(p) : FileTime.fromMillis(0);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    @Test
    void killedAndResumedChainEqualsTheUninterruptedOne() throws Exception {
        Path ckpt = dir.resolve("chain.ckpt"), out = dir.resolve("killed.json"), whole = dir.resolve("whole.json");
        Random random = new Random(SEED);
        int kills = 0;
        int exit = -1;
        for (int life = 0; life < 200 && exit != 0; life++) {
            FileTime before = modified(ckpt);
            Process p = child(ckpt, out);
            if (kills < KILLS) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (p.isAlive() && modified(ckpt).equals(before) && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(80));
                if (p.isAlive()) {
                    p.destroyForcibly();
                    p.waitFor();
                    kills++;
                    continue;
                }
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
            exit = p.exitValue();
            assertEquals(0, exit, Files.readString(dir.resolve("child-stderr.txt")));
        }
        System.out.println("CheckpointKillTest: " + kills + " kills");
        assertTrue(kills >= KILLS / 2, "only " + kills + " kills landed before the chain finished");
        StringWriter err = new StringWriter();
        assertEquals(0, inProcess(err, with(CHAIN, "--out", whole.toString())), err.toString());
        JsonNode a = ResultFile.read(whole).get("results"), b = ResultFile.read(out).get("results");
        for (String part : new String[]{"series", "observables", "correlator", "effectiveMass"}) {
            assertEquals(a.get(part), b.get(part), part + " after " + kills + " kills");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> left = files.map(f -> f.getFileName().toString()).filter(n -> n.contains("ckpt")).toList();
            assertEquals(List.of("chain.ckpt"), left, "only the checkpoint itself is left");
        }

        byte[] bytes = Files.readAllBytes(ckpt);
        bytes[new Random(SEED + 1).nextInt(bytes.length)] ^= 0x04;
        Files.write(ckpt, bytes);
        StringWriter refused = new StringWriter();
        int code = inProcess(refused, with(CHAIN, "--checkpoint", ckpt.toString(),
                "--resume", ckpt.toString(), "--out", dir.resolve("never.json").toString()));
        assertEquals(2, code, refused.toString());
        assertEquals(1, refused.toString().strip().lines().count(), refused.toString());
        assertTrue(refused.toString().contains(ckpt.toString()), refused.toString());
        assertFalse(Files.exists(dir.resolve("never.json")));
    }
}
