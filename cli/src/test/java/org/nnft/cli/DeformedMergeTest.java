package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nnft ensemble --lambda .. --shard i/k} and {@code nnft merge}: 1, 2 and 3 shards (uneven: 7 bins or 7
 * chains) of a reweighted and of an MCMC run merge, through their JSON files, into the one-process result bit for
 * bit (per-bin or per-chain data, correlators with their jackknife errors, diagnostics), a partial merge merges
 * further, and shards of different runs, of a deformed and a free run, or too many shards are one-line errors.
 */
class DeformedMergeTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String[] BASE = {"ensemble", "--arch", "cos", "--width", "12", "--cutoff", "5",
            "--networks", "2240", "--points", "0;0.5", "--order", "4", "--block-size", "64", "--bins", "7",
            "--seed", "5", "--backend", "cpu", "--threads", "1", "--quiet", "--no-plots",
            "--lambda", "2", "--box", "4", "--grid", "8"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private Path ensemble(String name, String[] base, String... more) {
        Path f = dir.resolve(name);
        CliRun r = run(with(with(base, more), "--out", f.toString()));
        assertEquals(0, r.code(), r.err());
        return f;
    }

    private static void assertOneLineError(CliRun r, String... words) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' in " + r.err());
        }
    }

    private void assertShardsMergeIntoTheWholeRun(String[] base, String perBin) {
        JsonNode whole = ResultFile.read(ensemble("whole.json", base)).get("results");
        assertEquals(0, whole.get(perBin).get("sums").get(0).size() - whole.get("correlators").size(),
                "one sum per tuple");
        for (int k = 1; k <= 3; k++) {
            List<String> args = new ArrayList<>(List.of("merge"));
            for (int i = 0; i < k; i++) {
                args.add(ensemble("s" + i + "of" + k + ".json", base, "--shard", i + "/" + k).toString());
            }
            Path out = dir.resolve("merged" + k + ".json");
            args.addAll(List.of("--out", out.toString()));
            CliRun m = run(args.toArray(String[]::new));
            assertEquals(0, m.code(), m.err());
            JsonNode merged = ResultFile.read(out);
            assertEquals("0/1", merged.get("config").get("shard").asText());
            assertEquals(whole.get(perBin), merged.get("results").get(perBin), perBin + " bit for bit, k=" + k);
            assertEquals(whole.get("correlators"), merged.get("results").get("correlators"), "estimates, k=" + k);
            assertEquals(whole.get("diagnostics"), merged.get("results").get("diagnostics"), "diagnostics, k=" + k);
        }
        Path part = dir.resolve("part.json");
        CliRun p = run("merge", "--partial", dir.resolve("s2of3.json").toString(), dir.resolve("s0of3.json").toString(),
                "--out", part.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals("0,2/3", ResultFile.read(part).get("config").get("shard").asText());
        Path out = dir.resolve("again.json");
        CliRun m = run("merge", part.toString(), dir.resolve("s1of3.json").toString(), "--out", out.toString());
        assertEquals(0, m.code(), m.err());
        assertEquals(whole.get("correlators"), ResultFile.read(out).get("results").get("correlators"));
        assertOneLineError(run("merge", dir.resolve("s0of3.json").toString(), dir.resolve("s2of3.json").toString(),
                "--out", out.toString() + "x"), "shard(s) 1 of 3 missing");
        assertFalse(Files.exists(Path.of(out + "x")));
    }

    @Test
    void reweightingShardsMergeBitForBit() {
        assertShardsMergeIntoTheWholeRun(BASE, "weightedBinSums");
    }

    @Test
    void mcmcShardsMergeBitForBit() {
        assertShardsMergeIntoTheWholeRun(with(BASE, "--sampler", "mcmc", "--chains", "7", "--sweeps", "20",
                "--thermalize", "2"), "chainSums");
    }

    @Test
    void singlePrecisionReweightingShardsMergeBitForBitAndNotWithDouble() {
        String[] single = with(BASE, "--precision", "single");
        assertShardsMergeIntoTheWholeRun(single, "weightedBinSums");
        JsonNode s = ResultFile.read(dir.resolve("s1of3.json"));
        assertEquals("single", s.get("config").get("precision").asText());
        Path d = ensemble("d.json", BASE, "--shard", "0/3");
        Path out = dir.resolve("mixed.json");
        assertOneLineError(run("merge", d.toString(), dir.resolve("s1of3.json").toString(),
                dir.resolve("s2of3.json").toString(), "--out", out.toString()), "s1of3.json", "precision single",
                "different precisions");
        assertFalse(Files.exists(out));
    }

    @Test
    void singlePrecisionMcmcShardsMergeBitForBit() {
        assertShardsMergeIntoTheWholeRun(with(BASE, "--sampler", "mcmc", "--chains", "7", "--sweeps", "20",
                "--thermalize", "2", "--precision", "single"), "chainSums");
        assertEquals("single", ResultFile.read(dir.resolve("whole.json")).get("config").get("precision").asText());
    }

    @Test
    void mixedRunsAndTooManyShardsAreRefused() throws IOException {
        Path a = ensemble("a.json", BASE, "--shard", "0/2");
        Path b = ensemble("b.json", BASE, "--shard", "1/2", "--mass", "1.5");
        Path out = dir.resolve("m.json");
        assertOneLineError(run("merge", a.toString(), b.toString(), "--out", out.toString()),
                "not a shard of the same run");
        String[] free = Arrays.copyOf(BASE, BASE.length - 6);
        Path f = ensemble("f.json", free, "--shard", "1/2");
        assertOneLineError(run("merge", a.toString(), f.toString(), "--out", out.toString()),
                "not a shard of the same run", "a deformed and a free ensemble");
        Path mc = ensemble("mc.json", BASE, "--shard", "1/2", "--sampler", "mcmc", "--chains", "4", "--sweeps", "4");
        assertOneLineError(run("merge", a.toString(), mc.toString(), "--out", out.toString()),
                "not a shard of the same run");
        assertFalse(Files.exists(out));
        assertOneLineError(run(with(BASE, "--shard", "0/4", "--out", out.toString())), "--shard",
                "at most 3 shards");
        assertOneLineError(run(with(BASE, "--shard", "3/2", "--out", out.toString())), "--shard must be i/k");
        assertOneLineError(run("couplings", a.toString(), "--out", out.toString()), "merge them first");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(a).replace("\"pointsPerSide\"", "\"points-per-side\""));
        assertOneLineError(run("merge", broken.toString(), "--out", out.toString()), "broken.json: config");
        assertOneLineError(run(with(BASE, "--sampler", "mcmc", "--chains", "5", "--shard", "0/3", "--out",
                out.toString())), "--shard", "5 chains");
    }
}
