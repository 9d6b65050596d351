package org.nnft.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.Main;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.DeformedRun;
import org.nnft.stats.CorrelatorEstimates;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Spark job of a deformed ensemble on {@code local[2]} equals the one-process result bit for bit (moments,
 * connected correlators, jackknife errors, ESS, acceptance and tau_int), reweighted (7 bins in 1, 2 and 3 tasks)
 * and by MCMC (7 chains in 1, 2 and 3 tasks); the spark-submit entry point writes the file {@code nnft ensemble
 * --lambda} writes (same per-bin or per-chain data and correlators), which {@code nnft merge} reads.
 */
class SparkDeformedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnsembleSpec FREE = new EnsembleSpec("cos", 1, 12, 1, 7 * 192, 1.0, 5.0, 1.0, 1.0, 0.0,
            new double[][]{{0}, {0.5}}, 4, 64, 7, 5);
    private static final DeformedRun.Chains CHAINS = new DeformedRun.Chains(7, 2, 20);

    private static DeformedSpec spec(DeformedRun.Sampler sampler) {
        return new DeformedSpec(FREE, "phi4", 2.0, new double[]{4.0}, 8, sampler, CHAINS);
    }

    private static void assertBitForBit(DeformedResult expected, DeformedResult actual) {
        CorrelatorEstimates e = expected.estimates(), a = actual.estimates();
        assertArrayEquals(e.moments(), a.moments(), 0.0);
        assertArrayEquals(e.momentErrors(), a.momentErrors(), 0.0);
        assertArrayEquals(e.connected(), a.connected(), 0.0);
        assertArrayEquals(e.connectedErrors(), a.connectedErrors(), 0.0);
        assertEquals(expected.samples(), actual.samples());
        assertEquals(expected.effectiveSampleSize(), actual.effectiveSampleSize(), 0.0);
        assertEquals(expected.acceptance(), actual.acceptance(), 0.0);
        assertEquals(expected.tauIntAction(), actual.tauIntAction(), 0.0);
        assertEquals(expected.tauIntPhi2(), actual.tauIntPhi2(), 0.0);
    }

    @Test
    void equalsTheOneProcessResultBitForBit() {
        for (DeformedRun.Sampler sampler : DeformedRun.Sampler.values()) {
            DeformedSpec spec = spec(sampler);
            DeformedResult oneProcess;
            try (Backend cpu = Backends.named("cpu")) {
                oneProcess = sampler == DeformedRun.Sampler.MCMC
                        ? DeformedRun.mcmc(spec.config(), spec.deformation(), CHAINS, cpu, null, null)
                        : DeformedRun.reweight(spec.config(), spec.deformation(), cpu, null, null);
            }
            for (int shards = 1; shards <= 3; shards++) {
                DeformedResult r = SparkDeformed.run(SparkTestSession.context(), spec, "cpu", "cuda", shards);
                assertBitForBit(oneProcess, r);
                assertEquals("all " + shards, r.provenance().shards());
            }
        }
    }

    @Test
    void sparkSubmitWritesTheDeformedResultFileThatNnftMergeReads(@TempDir Path dir) throws Exception {
        String[] common = {"--arch", "cos", "--width", "12", "--cutoff", "5", "--networks", "1344", "--block-size",
            "64", "--bins", "7", "--seed", "5", "--points", "0;0.5", "--lambda", "2", "--box", "4", "--grid", "8"};
        for (String[] sampler : new String[][]{{}, {"--sampler", "mcmc", "--chains", "6", "--sweeps", "20"}}) {
            Path file = dir.resolve("spark" + sampler.length + ".json");
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of(sampler));
            args.addAll(List.of("--backend", "cpu", "--out", file.toString()));
            SparkMain.run(SparkTestSession.context(), args.toArray(String[]::new),
                    new PrintStream(new ByteArrayOutputStream()));
            Path cli = dir.resolve("cli" + sampler.length + ".json");
            List<String> cliArgs = new ArrayList<>(List.of("ensemble"));
            cliArgs.addAll(List.of(common));
            cliArgs.addAll(List.of(sampler));
            cliArgs.addAll(List.of("--backend", "cpu", "--threads", "1", "--quiet", "--no-plots", "--out",
                    cli.toString()));
            assertEquals(0, Main.execute(cliArgs.toArray(String[]::new), new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter())));
            JsonNode a = JSON.readTree(file.toFile()), b = JSON.readTree(cli.toFile());
            assertEquals(b.path("config").path("deformation"), a.path("config").path("deformation"));
            for (String key : new String[]{"correlators", "diagnostics", "weightedBinSums", "chainSums"}) {
                assertEquals(b.path("results").path(key), a.path("results").path(key), key);
            }
            Path merged = dir.resolve("merged" + sampler.length + ".json");
            StringWriter err = new StringWriter();
            assertEquals(0, Main.execute(new String[]{"merge", file.toString(), "--out", merged.toString()},
                    new PrintWriter(new StringWriter()), new PrintWriter(err)), err::toString);
            assertEquals(b.path("results").path("correlators"),
                    JSON.readTree(merged.toFile()).path("results").path("correlators"));
        }
    }

    @Test
    void refusesShardsOfFewerThanTwoBinsOrChains() {
        assertThrows(IllegalArgumentException.class, () -> SparkDeformed.run(SparkTestSession.context(),
                spec(DeformedRun.Sampler.REWEIGHT), "cpu", "cuda", 4));
    }
}
