package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnft couplings} end to end on a small linear-ReLU ensemble, and its refusals (exit 2, one line). */
class CouplingsCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path ensemble(String name, String order, String arch) {
        Path f = dir.resolve(name);
        CliRun r = run("ensemble", "--arch", arch, "--dim", "1", "--width", "20", "--networks", "32768",
                "--points", "0.5;1;2", "--order", order, "--block-size", "64", "--bins", "16", "--seed", "5",
                "--backend", "cpu", "--quiet", "--no-plots", "--out", f.toString());
        assertEquals(0, r.code(), r.err());
        return f;
    }

    @Test
    void writesCouplingsSixPointRatiosAndFitWithTheirTheory() {
        Path in = ensemble("relu.json", "6", "relu");
        Path out = dir.resolve("c.json");
        CliRun r = run("couplings", in.toString(), "--cutoffs", "5,10,20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("c-lambda.png")), "plot");
        JsonNode doc = ResultFile.read(out);
        assertTrue(doc.has("config") && doc.has("provenance"));
        JsonNode res = doc.get("results");
        assertTrue(res.get("convention").asText().contains("lambda/4!"));
        assertEquals(3, res.get("quartic").size());
        for (JsonNode c : res.get("quartic")) {
            double cutoff = c.get("cutoff").asDouble();
            assertEquals(-300 / (20 * Math.pow(cutoff, 5)), c.get("theory").asDouble(),
                    1e-9 * 300 / (20 * Math.pow(cutoff, 5)));
            double v = c.get("mean").get("value").asDouble(), e = c.get("mean").get("error").asDouble();
            assertTrue(e > 0 && Math.abs(v - c.get("theory").asDouble()) < 5 * e, c.toString());
            assertEquals(v / 24, c.get("meanLambdaPrime").get("value").asDouble(), 1e-12 * Math.abs(v));
            assertEquals(15, c.get("tuples").size(), "C(3+3, 4) 4-tuples of 3 points");
            assertTrue(c.get("tuples").get(0).get("lambda").has("error"));
        }
        JsonNode six = res.get("sixPoint").get(0);
        assertEquals(0.5376, six.get("theory").get("gpRatio").asDouble(), 5e-5);
        assertTrue(Math.abs(six.get("predictedRatio").get("value").asDouble() - 0.9409)
                < 5 * six.get("predictedRatio").get("error").asDouble(), six.toString());
        assertEquals(-5, res.get("fit").get("slope").get("value").asDouble(), 1e-9);
        assertEquals(-5, res.get("fit").get("theory").get("slope").asDouble(), 1e-9);
        assertTrue(res.get("vertex").get("missing").asText().contains("rank 1"), "rank-1 G2: no vertex");
    }

    /**
     * d = 2 (Gauss net, N = 4, three points in the plane): finite couplings with errors within 5 of the exact
     * finite-width values, the 6-point ratios, and the vertex missing with its reason in the result and on stderr.
     */
    @Test
    void twoDimensionalEnsembleGivesCouplingsAndSaysWhyTheVertexIsMissing() {
        Path in = dir.resolve("gauss2.json");
        CliRun e = run("ensemble", "--arch", "gauss", "--dim", "2", "--width", "4", "--sigma-b", "0.3",
                "--networks", "32768", "--points", "0,0;0.6,-0.3;-0.2,0.7", "--order", "6", "--block-size", "64",
                "--bins", "16", "--seed", "5", "--backend", "cpu", "--quiet", "--no-plots", "--out", in.toString());
        assertEquals(0, e.code(), e.err());
        Path out = dir.resolve("c2.json");
        CliRun r = run("couplings", in.toString(), "--cutoffs", "1,3", "--no-plots", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("amputated vertex is implemented for d = 1"), r.err());
        JsonNode res = ResultFile.read(out).get("results");
        assertEquals(2, res.get("quartic").size());
        for (JsonNode c : res.get("quartic")) {
            double v = c.get("mean").get("value").asDouble(), err = c.get("mean").get("error").asDouble();
            assertTrue(Double.isFinite(v) && err > 0 && Math.abs(v - c.get("theory").asDouble()) < 5 * err,
                    c.toString());
            assertEquals(15, c.get("tuples").size());
        }
        assertEquals(2, res.get("sixPoint").size());
        assertTrue(res.get("vertex").get("missing").asText().contains("d = 2"), res.get("vertex").toString());
        assertEquals(2, run("ensemble", "--arch", "gauss", "--dim", "4", "--points", "0,0,0,0", "--order", "4",
                "--cutoffs", "10", "--out", dir.resolve("d4.json").toString()).code());
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        Path order2 = ensemble("relu2.json", "2", "relu");
        Path good = ensemble("relu4.json", "4", "relu");
        Path text = dir.resolve("text.json");
        Files.writeString(text, "not json");
        String[][] bad = {
                {"couplings", dir.resolve("missing.json").toString(), "--cutoffs", "10"},
                {"couplings", text.toString(), "--cutoffs", "10"},
                {"couplings", order2.toString(), "--cutoffs", "10"},
                {"couplings", good.toString(), "--cutoffs", "10,x"},
                {"couplings", good.toString(), "--cutoffs", "-1"},
                {"couplings", good.toString(), "--cutoffs", "10,10"},
                {"couplings", good.toString()},
        };
        for (String[] args : bad) {
            Path out = dir.resolve("never.json");
            CliRun r = run(with(args, "--out", out.toString()));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out));
        }
        // a couplings result is not an ensemble result
        Path c = dir.resolve("c.json");
        assertEquals(0,
                run("couplings", good.toString(), "--cutoffs", "10", "--out", c.toString(), "--no-plots").code());
        CliRun r = run("couplings", c.toString(), "--cutoffs", "10");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not an 'nnft ensemble' result"), r.err());
        assertTrue(run("couplings", good.toString(), "--cutoffs", "10", "--out", c.toString(), "--no-plots")
                .out().contains("no 6-point moments"));
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
