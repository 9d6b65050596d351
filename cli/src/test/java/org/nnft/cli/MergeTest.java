package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nnft merge} never passes off part of a run as the whole: a missing shard is refused by name unless
 * {@code --partial}, whose result records its shards and merges further into the one-run result bit for bit; null
 * or non-numbers in the block sums, missing files and truncated JSON are one-line input errors.
 */
class MergeTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String[] SMALL = {"ensemble", "--arch", "cos", "--width", "10", "--networks", "3072",
            "--points", "0;0.5", "--order", "4", "--block-size", "64", "--bins", "12", "--seed", "9",
            "--backend", "cpu", "--threads", "1", "--quiet", "--no-plots"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private Path whole;
    private final Path[] shards = new Path[3];

    @BeforeEach
    void shards() {
        whole = dir.resolve("whole.json");
        assertEquals(0, run(with(SMALL, "--out", whole.toString())).code());
        for (int i = 0; i < 3; i++) {
            shards[i] = dir.resolve("s" + i + ".json");
            CliRun r = run(with(SMALL, "--shard", i + "/3", "--out", shards[i].toString()));
            assertEquals(0, r.code(), r.err());
        }
    }

    private static void assertOneLineError(CliRun r, String... words) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' in " + r.err());
        }
    }

    @Test
    void shardsOfDifferentPrecisionsAreRefused() {
        Path single = dir.resolve("single1.json");
        CliRun r = run(with(SMALL, "--shard", "1/3", "--precision", "single", "--out", single.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals("single", ResultFile.read(single).get("config").get("precision").asText());
        assertEquals("double", ResultFile.read(shards[0]).get("config").get("precision").asText());
        Path out = dir.resolve("m.json");
        assertOneLineError(run("merge", shards[0].toString(), single.toString(), shards[2].toString(), "--out",
                out.toString()), "single1.json", "precision single", "different precisions");
        assertFalse(Files.exists(out));
    }

    @Test
    void missingShardIsRefusedAndPartialMergesFurtherIntoTheOneRunResult() {
        Path out = dir.resolve("m.json");
        assertOneLineError(run("merge", shards[0].toString(), shards[2].toString(), "--out", out.toString()),
                "shard(s) 1 of 3 missing");
        assertFalse(Files.exists(out));
        Path part = dir.resolve("part.json");
        CliRun p = run("merge", "--partial", shards[2].toString(), shards[0].toString(), "--out", part.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals("0,2/3", ResultFile.read(part).get("config").get("shard").asText());
        CliRun m = run("merge", part.toString(), shards[1].toString(), "--out", out.toString());
        assertEquals(0, m.code(), m.err());
        JsonNode a = ResultFile.read(whole), b = ResultFile.read(out);
        assertEquals("0/1", b.get("config").get("shard").asText());
        assertEquals(a.get("results").get("blockSums"), b.get("results").get("blockSums"), "bins bit for bit");
        assertEquals(a.get("results").get("correlators"), b.get("results").get("correlators"), "estimates");
        assertOneLineError(run("merge", part.toString(), shards[0].toString(), shards[1].toString(),
                "--out", out.toString()), "shard 0/3 is held twice");
    }

    @Test
    void nullsAndNonNumbersInBlockSumsAreRefused() throws IOException {
        String text = Files.readString(shards[1]);
        int sums = text.indexOf("\"sums\"");
        int number = text.indexOf('[', text.indexOf('[', sums) + 1) + 1;
        int end = text.indexOf(',', number);
        for (String bad : new String[]{"null", "\"1.5\"", "true"}) {
            Path f = dir.resolve("bad.json");
            Files.writeString(f, text.substring(0, number) + bad + text.substring(end));
            assertOneLineError(run("merge", shards[0].toString(), f.toString(), shards[2].toString(),
                    "--out", dir.resolve("x.json").toString()), "bad.json", "blockSums.sums[0][0] is not a number");
        }
    }

    @Test
    void missingAndTruncatedFilesAreOneLineErrors() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertOneLineError(run("merge", shards[0].toString(), missing.toString()), "missing.json", "no such file");
        Path cut = dir.resolve("cut.json");
        String text = Files.readString(shards[1]);
        Files.writeString(cut, text.substring(0, text.length() / 2));
        assertOneLineError(run("merge", shards[0].toString(), cut.toString(), shards[2].toString()), "cut.json",
                "not valid JSON");
    }

    @Test
    void defaultBinsAdaptToSmallRunsAndExplicitBinsNameTheOption() {
        Path out = dir.resolve("small.json");
        CliRun r = run("ensemble", "--networks", "2000", "--width", "5", "--points", "0;1", "--order", "2",
                "--backend", "cpu", "--threads", "1", "--quiet", "--no-plots", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(8, ResultFile.read(out).get("config").get("bins").asInt(), "min(64, 8 blocks)");
        assertOneLineError(run("ensemble", "--networks", "2000", "--bins", "64", "--out", out.toString()),
                "--bins must be in [2, 8]");
    }
}
