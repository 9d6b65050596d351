package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;
import org.nnft.engine.io.NpyFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnft learn --target}: the result layout of a small run, and bad input refused in one line (exit 2). */
class LearnCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    @Tag("slow")
    void smallRunWritesConfigProvenanceAndResults() {
        Path out = dir.resolve("learn.json");
        CliRun r = run("learn", "--target", "--size", "4", "--gnnn", "0.05", "--steps", "4", "--train-samples", "200",
                "--samples", "2000", "--gprime", "0,0.05", "--backend", "cpu", "--quiet", "--no-plots",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = ResultFile.read(out);
        assertEquals(0.05, doc.get("config").get("gnnn").asDouble());
        assertEquals(4, doc.get("results").get("training").get("boundTargetMinusModel").get("value").size());
        assertEquals(2, doc.get("results").get("extrapolation").get("observables").get("phi2").get("error").size());
        assertTrue(doc.get("results").get("complexMass").get("averagePhase").get("value").asDouble() > 0);
        assertTrue(doc.get("provenance").has("wallSeconds"));
        assertTrue(r.out().contains("extrapolation along g'"), r.out());
    }

    @Test
    @Tag("slow")
    void dataRunWritesCouplingsAndNewSamples() {
        double[] values = new double[20 * 16];
        for (int k = 0; k < values.length; k++) {
            values[k] = Math.sin(0.7 * k) + 0.3 * Math.cos(1.3 * k);
        }
        Path npy = dir.resolve("data.npy");
        ResultFile.writeBytes(npy, NpyFile.encode(new int[]{20, 4, 4}, values));
        Path out = dir.resolve("fit.json");
        CliRun r = run("learn", "--data", npy.toString(), "--steps", "2", "--train-samples", "100",
                "--new-samples", "10", "--backend", "cpu", "--quiet", "--no-plots", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = ResultFile.read(out);
        assertEquals(4, doc.get("config").get("size").asInt());
        assertEquals(32, doc.get("results").get("couplings").get("linkWeights").size());
        NpyFile.Array samples = NpyFile.read(dir.resolve("fit-samples.npy"));
        assertEquals(10, samples.shape()[0]);
        assertEquals(160, samples.values().length);
    }

    @Test
    void inverseRgWritesSizesSlopeAndTimings() {
        Path out = dir.resolve("irg.json");
        CliRun r = run("learn", "--inverse-rg", "--size", "8", "--steps", "2", "--configs", "100", "--thermalize", "5",
                "--backend", "cpu", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode irg = ResultFile.read(out).get("results").get("inverseRg");
        assertEquals(3, irg.get("sizes").size());
        assertEquals(32, irg.get("sizes").get(2).get("L").asInt());
        assertTrue(irg.get("sizes").get(2).get("chi").get("error").asDouble() > 0);
        assertTrue(irg.get("gammaOverNu").get("value").asDouble() > 1);
        assertTrue(irg.get("directGammaOverNu").has("error"));
        assertTrue(irg.get("largestL").get("directSeconds").asDouble() > 0);
        assertTrue(Files.exists(dir.resolve("irg-chi.png")));
        assertTrue(r.out().contains("gamma/nu inverse RG"), r.out());
    }

    @Test
    void phi4InverseRgWritesZetaSizesAndNu() {
        Path out = dir.resolve("phi4.json");
        CliRun r = run("learn", "--inverse-rg", "--model", "phi4", "--size", "8", "--steps", "1", "--configs", "100",
                "--thermalize", "5", "--nu-offset", "0.05", "--backend", "cpu", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = ResultFile.read(out);
        JsonNode irg = doc.get("results").get("inverseRg");
        assertEquals("phi4", doc.get("config").get("model").asText());
        assertEquals(1.52425, doc.get("config").get("a").asDouble(), 1e-12);
        assertEquals(2, irg.get("sizes").size());
        assertEquals(16, irg.get("sizes").get(1).get("L").asInt());
        assertTrue(irg.get("sizes").get(1).get("binderDirect").get("error").asDouble() > 0);
        assertTrue(irg.get("zeta").get("value").asDouble() > 0);
        assertEquals(4, irg.get("filter").size());
        assertTrue(irg.get("nu").has("value"));
        assertTrue(irg.get("largestL").get("directSeconds").asDouble() > 0);
        assertTrue(Files.exists(dir.resolve("phi4-chi.png")));
        assertTrue(r.out().contains("nu from the inverse flow"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwoBeforeAnyWork() throws Exception {
        Path out = dir.resolve("learn.json");
        Files.writeString(out, "{\"old\": true}");
        Path notNpy = dir.resolve("bad.npy");
        Files.writeString(notNpy, "not numpy");
        Path oneD = dir.resolve("oned.npy");
        Files.write(oneD, NpyFile.encode(new int[]{4}, new double[4]));
        String[][] bad = {
                {"learn", "--size", "4"},
                {"learn", "--target", "--data", oneD.toString()},
                {"learn", "--data", dir.resolve("missing.npy").toString()},
                {"learn", "--data", notNpy.toString()},
                {"learn", "--data", oneD.toString()},
                {"learn", "--target", "--size", "5"},
                {"learn", "--target", "--size", "64"},
                {"learn", "--target", "--a", "1.5"},
                {"learn", "--target", "--a", "1.5", "--b", "0.1", "--lambda", "1"},
                {"learn", "--target", "--b", "-1", "--a", "1"},
                {"learn", "--target", "--gnnn", "NaN"},
                {"learn", "--target", "--steps", "0"},
                {"learn", "--target", "--optimizer", "adam"},
                {"learn", "--target", "--start-spread", "1"},
                {"learn", "--target", "--a", "2.25", "--b", "0"},
                {"learn", "--target", "--gprime", "0,x"},
                {"learn", "--target", "--samples", "1"},
                {"learn", "--inverse-rg", "--target"},
                {"learn", "--inverse-rg", "--size", "7"},
                {"learn", "--inverse-rg", "--steps", "0"},
                {"learn", "--inverse-rg", "--size", "256", "--steps", "4"},
                {"learn", "--inverse-rg", "--configs", "10"},
                {"learn", "--inverse-rg", "--every", "0"},
                {"learn", "--inverse-rg", "--thermalize", "-1"},
                {"learn", "--inverse-rg", "--model", "potts"},
                {"learn", "--inverse-rg", "--nu-offset", "0.1"},
                {"learn", "--inverse-rg", "--model", "phi4", "--size", "6"},
                {"learn", "--inverse-rg", "--model", "phi4", "--nu-offset", "0.05", "--no-direct"},
                {"learn", "--inverse-rg", "--model", "phi4", "--nu-offset", "-1"},
                {"learn", "--inverse-rg", "--model", "phi4", "--nu-offset", "NaN"},
                {"learn", "--inverse-rg", "--model", "phi4", "--a", "1", "--b", "-1"},
                {"learn", "--inverse-rg", "--model", "phi4", "--kappa", "-1"}};
        for (String[] args : bad) {
            String[] all = Arrays.copyOf(args, args.length + 3);
            all[args.length] = "--out";
            all[args.length + 1] = out.toString();
            all[args.length + 2] = "--quiet";
            CliRun r = run(all);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("nnft: "), r.err());
            assertFalse(r.out().contains("results:"), r.out());
        }
        assertEquals("{\"old\": true}", Files.readString(out));
    }
}
