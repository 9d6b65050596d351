package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --cutoffs} on {@code nnft ensemble} (the couplings file beside the result) and {@code nnft widths}
 * (couplings per width, the locality against N), the vertex heat map, and the refusals (exit 2, one line,
 * no output).
 */
class CutoffsOptionTest {
    @TempDir
    Path dir;

    private static CliRun run(List<String> args) {
        return CliRun.of(args);
    }

    private static List<String> cos(String command, String... extra) {
        List<String> a = new ArrayList<>(List.of(command, "--arch", "cos", "--networks", "8192", "--points",
                "0;0.5;1", "--block-size", "64", "--bins", "8", "--seed", "3", "--backend", "cpu", "--quiet"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void ensembleWritesTheCouplingsBesideAndWidthsTheLocalityAgainstN() {
        Path out = dir.resolve("e.json");
        CliRun r = run(cos("ensemble", "--width", "4", "--cutoffs", "5,10", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode c = ResultFile.read(dir.resolve("e-couplings.json")).get("results");
        assertEquals(2, c.get("quartic").size());
        assertTrue(c.get("vertex").has("locality"));
        assertTrue(Files.exists(dir.resolve("e-couplings-vertex.png")), "vertex heat map");
        Path w = dir.resolve("w.json");
        CliRun s = run(cos("widths", "--widths", "4,8", "--cutoffs", "10", "--out", w.toString()));
        assertEquals(0, s.code(), s.err());
        for (JsonNode run : ResultFile.read(w).get("results").get("runs")) {
            JsonNode v = run.get("couplings").get("vertex");
            double loc = v.get("locality").get("value").asDouble();
            assertTrue(Math.abs(loc - v.get("theory").get("locality").asDouble())
                    < 5 * v.get("locality").get("error").asDouble(), v.toString());
        }
        assertTrue(Files.exists(dir.resolve("w-locality.png")), "locality plot");
    }

    @Test
    void refusesBadCutoffsBeforeAnyWork() {
        List<List<String>> bad = List.of(
                cos("ensemble", "--width", "4", "--cutoffs", "10,x"),
                cos("ensemble", "--width", "4", "--cutoffs", "10", "--order", "2"),
                cos("ensemble", "--width", "4", "--cutoffs", "10", "--lambda", "0.3", "--box", "4"),
                cos("ensemble", "--width", "4", "--cutoffs", "10", "--shard", "0/2"),
                cos("widths", "--widths", "4,8", "--cutoffs", "-1"),
                cos("widths", "--widths", "4,8", "--cutoffs", "10", "--dim", "2"));
        for (List<String> args : bad) {
            Path out = dir.resolve("refused.json");
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--out", out.toString()));
            CliRun r = run(all);
            assertEquals(2, r.code(), args + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), "no output for " + args);
        }
    }
}
