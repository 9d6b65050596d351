package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;
import org.nnft.theory.Activation;
import org.nnft.theory.Parameterization;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.ShallowNetTangentKernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnft ntk}: the JSON layout and values, and one-line errors before any work. */
class NtkCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void writesTheoryNngpAndNtkForEveryPairOfPoints() {
        Path out = dir.resolve("ntk.json");
        CliRun r = run("ntk", "--arch", "erf", "--dim", "2", "--width", "64", "--sigma-w", "1.5", "--sigma-b", "0.1",
                "--parameterization", "standard", "--points", "0,0;0.5,1;1,-1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = ResultFile.read(out);
        JsonNode ntk = doc.get("results").get("ntk");
        assertEquals(6, ntk.size());
        ShallowNetTangentKernel theory = new ShallowNetTangentKernel(new ShallowNetTheory(Activation.ERF, 1.5, 0.1, 2),
                Parameterization.STANDARD, 64);
        double[][] xs = {{0, 0}, {0.5, 1}, {1, -1}};
        for (JsonNode e : ntk) {
            int i = e.get("points").get(0).asInt(), j = e.get("points").get(1).asInt();
            assertEquals(theory.ntk(xs[i], xs[j]), e.get("theory").asDouble(), 1e-15);
            assertFalse(e.has("empirical"));
        }
        assertEquals(theory.nngp(xs[1], xs[2]), doc.get("results").get("nngp").get(4).get("theory").asDouble(), 1e-15);
        assertTrue(doc.get("results").get("empirical").asText().contains("not computed yet"));
        assertTrue(doc.get("config").get("neuralTangents").asText().contains("parameterization='standard'"));
        assertTrue(r.out().contains("empirical NTK: not computed yet"), r.out());
    }

    @Test
    void cosNetRunsWithDefaults() {
        Path out = dir.resolve("cos.json");
        CliRun r = run("ntk", "--arch", "cauchy", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode first = ResultFile.read(out).get("results").get("ntk").get(0);
        assertEquals(2 * 0.5, first.get("theory").asDouble(), 1e-15); // (2 + 0.0) G2(0), G2(0) = 1/(2m)
    }

    @Test
    void linearisedTrainingInterpolatesAtInfiniteTimeAndIsThePriorAtStepZero() {
        String[] base = {"ntk", "--arch", "erf", "--dim", "2", "--sigma-b", "0.2", "--points", "0,0;1,0;0.5,0.5",
                "--train", "0,0;1,0",
                "--targets", "1,-1"};
        Path out = dir.resolve("trained.json");
        CliRun r = run(with(base, "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode training = ResultFile.read(out).get("results").get("training");
        assertEquals(1, training.get("mean").get(0).asDouble(), 1e-9);
        assertEquals(-1, training.get("mean").get(1).asDouble(), 1e-9);
        assertEquals(0, training.get("covariance").get(1).get(1).asDouble(), 1e-9);
        Path prior = dir.resolve("prior.json");
        assertEquals(0, run(with(base, "--steps", "0", "--out", prior.toString())).code());
        JsonNode doc = ResultFile.read(prior);
        assertEquals(0, doc.get("results").get("training").get("mean").get(2).asDouble(), 0);
        assertEquals(doc.get("results").get("nngp").get(5).get("theory").asDouble(),
                doc.get("results").get("training").get("covariance").get(2).get(2).asDouble(), 1e-14);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void badInputGivesOneLineErrorsAndExitCode2BeforeAnyWork() throws Exception {
        Path out = dir.resolve("keep.json");
        Files.writeString(out, "{\"old\": true}");
        String[][] bad = {
                {"ntk", "--arch", "tanh", "--out", out.toString()},
                {"ntk", "--parameterization", "mup", "--out", out.toString()},
                {"ntk", "--width", "0", "--out", out.toString()},
                {"ntk", "--sigma-w", "-1", "--out", out.toString()},
                {"ntk", "--sigma-b", "NaN", "--out", out.toString()},
                {"ntk", "--dim", "2", "--points", "0,1;2", "--out", out.toString()},
                {"ntk", "--arch", "cauchy", "--dim", "2", "--out", out.toString()},
                {"ntk", "--arch", "cos", "--dim", "5", "--out", out.toString()},
                {"ntk", "--train", "0;1", "--out", out.toString()},
                {"ntk", "--train", "0;1", "--targets", "1", "--out", out.toString()},
                {"ntk", "--train", "0;1", "--targets", "1,x", "--out", out.toString()},
                {"ntk", "--train", "0;1", "--targets", "1,2", "--steps", "-4", "--out", out.toString()},
                {"ntk", "--train", "0;1", "--targets", "1,2", "--learning-rate", "0", "--out", out.toString()},
                {"ntk", "--train", "0;1", "--targets", "1,2", "--learning-rate", "100", "--out", out.toString()},
                {"ntk", "--bogus"}};
        for (String[] args : bad) {
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("nnft: "), r.err());
        }
        assertEquals("{\"old\": true}", Files.readString(out));
    }
}
