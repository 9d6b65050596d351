package org.nnft.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.Main;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The spark-submit entry point writes the result file of {@code nnft ensemble}: its block sums are the one-process
 * sums bit for bit, and {@code nnft merge} reads it (with a command-line shard run of the same inputs it would
 * merge alike) and gives back the same estimates.
 */
class SparkMainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTheEnsembleResultFileThatNnftMergeReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spark.json");
        String[] args = {"--arch", "cos", "--width", "20", "--networks", "1024", "--block-size", "64", "--bins", "8",
                "--order", "4", "--seed", "3", "--points", "0;0.5;1", "--backend", "cpu", "--shards", "8",
                "--out", file.toString()};
        SparkMain.run(SparkTestSession.context(), args, new PrintStream(new ByteArrayOutputStream()));
        JsonNode doc = JSON.readTree(file.toFile());
        EnsembleSpec spec = SparkMain.spec(SparkMain.parse(args));
        EnsembleResult direct;
        try (Backend cpu = Backends.named("cpu")) {
            direct = EnsembleRun.sample(spec.config(), cpu, null, null);
        }
        JsonNode sums = doc.path("results").path("blockSums").path("sums");
        double[][] expected = direct.moments().toData().sums();
        assertEquals(expected.length, sums.size());
        for (int b = 0; b < expected.length; b++) {
            for (int i = 0; i < expected[b].length; i++) {
                assertEquals(expected[b][i], sums.get(b).get(i).asDouble(), 0.0, "bin " + b + " tuple " + i);
            }
        }
        assertEquals("0/1", doc.path("config").path("shard").asText());
        assertEquals(8, doc.path("config").path("bins").asInt());

        Path merged = dir.resolve("merged.json");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new String[]{"merge", file.toString(), "--out", merged.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, status, err::toString);
        JsonNode m = JSON.readTree(merged.toFile());
        assertEquals(doc.path("results").path("blockSums"), m.path("results").path("blockSums"));
        assertEquals(doc.path("results").path("correlators"), m.path("results").path("correlators"));
    }

    @Test
    void refusesUnknownOptionsAndBadValues() {
        assertThrows(IllegalArgumentException.class, () -> SparkMain.parse(new String[]{"--widht", "3"}));
        assertThrows(IllegalArgumentException.class, () -> SparkMain.parse(new String[]{"--width"}));
        assertThrows(IllegalArgumentException.class, () -> SparkMain.spec(SparkMain.parse(new String[]{"--dim=x"})));
        assertThrows(IllegalArgumentException.class, () -> SparkMain.points("0,1;2", 2));
        assertEquals(2, SparkMain.parse(new String[]{"--width=5", "--seed", "2"}).size());
    }
}
