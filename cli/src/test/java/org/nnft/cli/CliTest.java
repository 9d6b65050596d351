package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end: options, JSON layout, shard merging, checkpoint resume, errors. */
class CliTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String[] SMALL_ENSEMBLE = {"ensemble", "--arch", "cos", "--width", "20", "--networks", "8192",
            "--points", "0;0.5;1", "--order", "4", "--block-size", "64", "--bins", "16", "--seed", "7",
            "--backend", "cpu", "--quiet", "--no-plots"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Tag("slow")
    @Test
    void ensembleWritesSelfDescribingJson() {
        Path out = dir.resolve("e.json");
        CliRun r = run(with(SMALL_ENSEMBLE, "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode doc = ResultFile.read(out);
        assertEquals(20, doc.get("config").get("width").asInt());
        assertEquals(7, doc.get("provenance").get("seed").asLong());
        assertEquals("cpu", doc.get("provenance").get("backend").asText());
        assertEquals(3, doc.get("results").get("points").size());
        JsonNode first2pt = null;
        for (JsonNode c : doc.get("results").get("correlators")) {
            if (c.get("order").asInt() == 2) {
                first2pt = c;
                break;
            }
        }
        assertTrue(first2pt != null && first2pt.get("moment").has("value") && first2pt.get("connected").has("error"));
        // G2(0,0) against the cutoff propagator atan(Lambda/m)/(pi m) within 5 sigma.
        double g = first2pt.get("moment").get("value").asDouble(), e = first2pt.get("moment").get("error").asDouble();
        assertEquals(Math.atan(10.0) / Math.PI, g, 5 * e);
        assertEquals(Math.atan(10.0) / Math.PI, first2pt.get("theory").get("moment").asDouble(), 1e-6);
    }

    @Tag("slow")
    @Test
    void shardsMergeIntoTheOneRunResult() {
        Path whole = dir.resolve("whole.json"), s0 = dir.resolve("s0.json"), s1 = dir.resolve("s1.json"),
                merged = dir.resolve("merged.json");
        assertEquals(0, run(with(SMALL_ENSEMBLE, "--out", whole.toString())).code());
        assertEquals(0, run(with(SMALL_ENSEMBLE, "--shard", "0/2", "--out", s0.toString())).code());
        assertEquals(0, run(with(SMALL_ENSEMBLE, "--shard", "1/2", "--out", s1.toString())).code());
        CliRun m = run("merge", s1.toString(), s0.toString(), "--out", merged.toString());
        assertEquals(0, m.code(), m.err());
        JsonNode a = ResultFile.read(whole).get("results"), b = ResultFile.read(merged).get("results");
        assertEquals(a.get("blockSums"), b.get("blockSums"), "per-bin sums bit for bit");
        assertEquals(a.get("correlators"), b.get("correlators"), "estimates identical");
        CliRun bad = run("merge", s0.toString(), dir.resolve("missing.json").toString());
        assertFalse(bad.code() == 0);
    }

    @Tag("slow")
    @Test
    void latticeResumeContinuesTheSameChain() {
        Path whole = dir.resolve("l.json"), part = dir.resolve("p.json"), resumed = dir.resolve("r.json"),
                ckpt = dir.resolve("chain.ckpt");
        String[] base = {"lattice", "--dim", "2", "--size", "8", "--mu2", "-0.5", "--lambda", "0.7",
                "--algorithm", "metropolis+overrelax+wolff:1", "--thermalize", "20",
                "--backend", "cpu", "--quiet", "--no-plots", "--checkpoint-every", "25"};
        assertEquals(0, run(with(base, "--seed", "3", "--sweeps", "300", "--out", whole.toString())).code());
        assertEquals(0, run(with(base, "--seed", "3", "--sweeps", "130", "--checkpoint", ckpt.toString(), "--out",
                part.toString())).code());
        CliRun r = run(with(base, "--seed", "3", "--sweeps", "300", "--resume", ckpt.toString(), "--out",
                resumed.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(ResultFile.read(whole).get("results"), ResultFile.read(resumed).get("results"),
                "resumed chain gives the same series and observables");
        JsonNode results = ResultFile.read(whole).get("results");
        assertEquals(5, results.get("correlator").get("value").size(), "C(t) for t = 0..L/2");
        assertEquals(1, results.get("effectiveMass").get("t").get(0).asInt(), "m_eff starts at t = 1");
        CliRun other = run(with(base, "--sweeps", "300", "--seed", "4", "--resume", ckpt.toString(),
                "--out", dir.resolve("x.json").toString()));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("another run"), other.err());
    }

    /**
     * {@code --precision single} runs every update (heat bath and overrelaxation included): the float chain's phi^2
     * and |m| agree with the double chain's within 5 combined errors (plus the 1e-4 relative rounding bound of
     * docs/physics.md B.2).
     */
    @Test
    void latticeSinglePrecisionRunsHeatBathAndOverrelaxation() {
        String[] base = {"lattice", "--dim", "2", "--size", "8", "--mu2", "-0.5", "--lambda", "0.7",
                "--algorithm", "heatbath+overrelax+wolff", "--thermalize", "50", "--sweeps", "1500",
                "--backend", "cpu", "--quiet", "--no-plots"};
        Path single = dir.resolve("single.json"), dbl = dir.resolve("double.json");
        CliRun r = run(with(base, "--precision", "single", "--seed", "5", "--out", single.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(0, run(with(base, "--seed", "6", "--out", dbl.toString())).code());
        assertEquals("single", ResultFile.read(single).get("config").get("precision").asText());
        JsonNode s = ResultFile.read(single).get("results").get("observables");
        JsonNode d = ResultFile.read(dbl).get("results").get("observables");
        for (String o : new String[]{"phi2", "absM"}) {
            double diff = Math.abs(s.get(o).get("value").asDouble() - d.get(o).get("value").asDouble());
            double tol = 5 * Math.hypot(s.get(o).get("error").asDouble(), d.get(o).get("error").asDouble())
                    + 1e-4 * Math.abs(d.get(o).get("value").asDouble());
            assertTrue(diff <= tol, o + ": single vs double differ by " + diff + " > " + tol);
        }
    }

    @Tag("slow")
    @Test
    void deformedEnsemblesWriteTheDeformationAndDiagnostics() {
        String[] base = {"ensemble", "--arch", "cos", "--width", "20", "--networks", "4096", "--points", "0;0.5",
                "--cutoff", "2", "--order", "4", "--block-size", "64", "--bins", "16", "--seed", "7",
                "--backend", "cpu", "--quiet", "--no-plots", "--lambda", "1.5", "--box", "3", "--grid", "16"};
        Path rw = dir.resolve("rw.json"), mc = dir.resolve("mc.json");
        CliRun a = run(with(base, "--sampler", "reweight", "--out", rw.toString()));
        assertEquals(0, a.code(), a.err());
        CliRun b = run(with(base, "--sampler", "mcmc", "--chains", "8", "--sweeps", "200", "--thermalize", "10",
                "--out", mc.toString()));
        assertEquals(0, b.code(), b.err());
        JsonNode r = ResultFile.read(rw), m = ResultFile.read(mc);
        assertEquals(1.5 / 24, r.get("config").get("deformation").get("coefficients").get("phi4").asDouble(), 1e-15);
        assertEquals("reweight", r.get("config").get("deformation").get("sampler").asText());
        double ess = r.get("results").get("diagnostics").get("effectiveSampleSize").asDouble();
        assertTrue(ess > 0.5 * 4096 && ess <= 4096, "ESS " + ess);
        assertFalse(r.get("results").get("diagnostics").get("essWarning").asBoolean());
        assertEquals(1600, m.get("provenance").get("samples").asLong());
        double acc = m.get("results").get("diagnostics").get("acceptance").asDouble();
        assertTrue(acc > 0 && acc < 1, "acceptance " + acc);
        assertTrue(m.get("results").get("diagnostics").has("tauIntAction"));
        // both samplers estimate the same deformed G2(0,0)
        double g1 = 0, e1 = 0, g2 = 0, e2 = 0;
        for (JsonNode c : r.get("results").get("correlators")) {
            if (c.get("order").asInt() == 2 && c.get("points").get(1).asInt() == 0) {
                g1 = c.get("moment").get("value").asDouble();
                e1 = c.get("moment").get("error").asDouble();
            }
        }
        for (JsonNode c : m.get("results").get("correlators")) {
            if (c.get("order").asInt() == 2 && c.get("points").get(1).asInt() == 0) {
                g2 = c.get("moment").get("value").asDouble();
                e2 = c.get("moment").get("error").asDouble();
            }
        }
        assertTrue(Math.abs(g1 - g2) < 5 * Math.hypot(e1, e2), g1 + " +- " + e1 + " vs " + g2 + " +- " + e2);
    }

    @Tag("slow")
    @Test
    void badInputGivesOneLineErrorsAndExitCode2AndKeepsOldResults() throws Exception {
        Path out = dir.resolve("keep.json");
        Files.writeString(out, "{\"old\": true}");
        String[][] bad = {
                {"ensemble", "--width", "-3", "--out", out.toString()},
                {"ensemble", "--mass", "NaN", "--out", out.toString()},
                {"ensemble", "--backend", "warp-drive", "--out", out.toString()},
                {"ensemble", "--points", "0,1;2", "--out", out.toString()},
                {"ensemble", "--order", "5", "--out", out.toString()},
                {"ensemble", "--bogus"},
                {"lattice", "--size", "7", "--out", out.toString()},
                {"lattice", "--lambda", "Infinity", "--out", out.toString()},
                {"ensemble", "--lambda", "NaN", "--box", "3", "--out", out.toString()},
                {"ensemble", "--sampler", "mcmc", "--out", out.toString()},
                {"ensemble", "--lambda", "1", "--out", out.toString()},
                {"ensemble", "--lambda", "1", "--box", "3,3", "--out", out.toString()},
                {"ensemble", "--lambda", "1", "--box", "3", "--arch", "relu", "--out", out.toString()},
                {"ensemble", "--lambda", "1", "--box", "3", "--shard", "0/40", "--out", out.toString()},
                {"ensemble", "--lambda", "1", "--box", "3", "--sampler", "gibbs", "--out", out.toString()},
                {"bench", "--workload", "wolf", "--out", out.toString()},
                {"bench", "--workload", "lattice", "--sweeps", "5", "--out", out.toString()},
                {"bench", "--workload", "lattice", "--repeat", "0", "--out", out.toString()}};
        for (String[] args : bad) {
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("nnft: "), r.err());
        }
        assertEquals("{\"old\": true}", Files.readString(out));
        Path pts = dir.resolve("pts.txt");
        Files.writeString(pts, "0\n0.5\nzero\n");
        CliRun r = run("ensemble", "--points-file", pts.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 3"), r.err());
    }

    @Tag("slow")
    @Test
    void helpAndBackendsWork() {
        assertEquals(0, run("--help").code());
        assertEquals(0, run("ensemble", "--help").code());
        CliRun b = run("backends");
        assertEquals(0, b.code());
        assertTrue(b.out().contains("cpu"));
    }
}
