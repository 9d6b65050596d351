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
 * {@code nnft couplings} on deformed results (the closed loop, docs/couplings.md section 8) end to end on a
 * small run, and its refusals (exit 2, one line, before any work). The statistics are checked by
 * {@code ClosedLoopTest} in the nnft module; here only the plumbing: the weighted bin sums of
 * {@code nnft ensemble --lambda}, the free run matched by its inputs, the output fields.
 */
class ClosedLoopCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path ensemble(String name, String... extra) {
        Path f = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("ensemble", "--arch", "cos", "--width", "50", "--cutoff", "3",
                "--networks", "8192", "--points", "-1.5;-0.5;0.5;1.5", "--block-size", "64", "--bins", "8",
                "--seed", "3", "--backend", "cpu", "--quiet", "--no-plots", "--out", f.toString()));
        args.addAll(List.of(extra));
        CliRun r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return f;
    }

    @Test
    void closedLoopOfDeformedResultsWithTheirFreeRun() {
        Path free = ensemble("free.json");
        Path d1 = ensemble("d1.json", "--lambda", "0.3", "--box", "4", "--grid", "4");
        Path d2 = ensemble("d2.json", "--lambda", "0.6", "--box", "4", "--grid", "4");
        JsonNode bins = ResultFile.read(d1).get("results").get("weightedBinSums");
        assertEquals(8, bins.get("counts").size());
        assertEquals(8, bins.get("weights").size());
        Path out = dir.resolve("loop.json");
        CliRun r = run("couplings", d1.toString(), d2.toString(), "--free", free.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("same nets"), r.out());
        assertTrue(Files.exists(dir.resolve("loop-closedloop.png")), "plot");
        JsonNode loop = ResultFile.read(out).get("results").get("closedLoop");
        assertEquals(2, loop.size());
        for (JsonNode e : loop) {
            assertEquals(e.get("lambda").asDouble(), e.get("prediction").get("firstOrder").asDouble(), 1e-9);
            assertTrue(e.get("reconstructedLambda").get("error").asDouble() > 0, e.toString());
            assertTrue(e.get("freeG4c").asText().startsWith("measured on the same networks"));
            assertEquals(35, e.get("vertex").size(), "C(4+3, 4) 4-tuples of 4 points");
        }
        // without the free run: the exact free G4_c, stated
        CliRun exact = run("couplings", d1.toString(), "--out", dir.resolve("exact.json").toString(), "--no-plots");
        assertEquals(0, exact.code(), exact.err());
        assertTrue(ResultFile.read(dir.resolve("exact.json")).get("results").get("closedLoop").get(0).get("freeG4c")
                .asText().startsWith("exact theory"));
    }

    @Test
    void refusesBadClosedLoopInputWithOneLine() {
        Path free = ensemble("free.json");
        Path d = ensemble("d.json", "--lambda", "0.3", "--box", "4", "--grid", "4");
        Path phi6 = ensemble("phi6.json", "--lambda", "0.3", "--box", "4", "--grid", "4", "--potential", "phi6");
        Path mcmc = ensemble("mcmc.json", "--lambda", "0.3", "--box", "4", "--grid", "4", "--sampler", "mcmc",
                "--chains", "4", "--sweeps", "20", "--thermalize", "2");
        Path other = ensemble("other.json", "--mass", "1.5");
        String[][] bad = {
            {"couplings", d.toString(), "--cutoffs", "10"},
            {"couplings", phi6.toString()},
            {"couplings", mcmc.toString()},
            {"couplings", d.toString(), free.toString()},
            {"couplings", free.toString(), d.toString(), "--cutoffs", "10"},
            {"couplings", free.toString()},
            {"couplings", d.toString(), "--free", d.toString()},
            {"couplings", d.toString(), "--free", dir.resolve("missing.json").toString()},
        };
        for (String[] args : bad) {
            Path out = dir.resolve("refused.json");
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--out";
            all[args.length + 1] = out.toString();
            CliRun r = run(all);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), "no output for " + String.join(" ", args));
        }
        // a free run of other inputs is not matched: the exact free G4_c is used instead
        CliRun r = run("couplings", d.toString(), "--free", other.toString(), "--out", dir.resolve("o.json").toString(),
                "--no-plots");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("exact"), r.out());
    }
}
