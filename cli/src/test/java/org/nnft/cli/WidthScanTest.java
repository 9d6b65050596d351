package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nnft widths}: m_4 of a ReLU net falls as 1/N (its connected part is exactly proportional to
 * 1/N, docs/physics.md A.1), so the fitted slope is -1 within 5 fit errors; JSON, PNG and bad input.
 */
class WidthScanTest {
    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Tag("slow")
    @Test
    void fitsTheNonGaussianityAgainstTheWidth() {
        Path out = dir.resolve("w.json");
        StringWriter err = new StringWriter();
        int code = run(err, "widths", "--arch", "relu", "--sigma-b", "0.3", "--widths", "2,4,8", "--networks", "200000",
                "--points", "0.5;1", "--order", "4", "--seed", "3", "--backend", "cpu", "--quiet",
                "--out", out.toString());
        assertEquals(0, code, err.toString());
        JsonNode fit = ResultFile.read(out).get("results").get("nonGaussianity").get(0);
        assertEquals(4, fit.get("order").asInt());
        double slope = fit.get("slope").get("value").asDouble();
        double error = fit.get("slope").get("error").asDouble();
        assertTrue(error > 0 && error < 0.1, "slope error " + error);
        assertEquals(-1.0, slope, 5 * error);
        assertEquals(3, fit.get("mn").size());
        assertTrue(Files.isRegularFile(dir.resolve("w-m4.png")));
        JsonNode doc = ResultFile.read(out);
        assertTrue(doc.get("results").get("runs").get(0).path("wallSeconds").isMissingNode(),
                "wall time is provenance, not a result");
        assertEquals(3, doc.get("provenance").get("wallSecondsPerWidth").size());
    }

    @Test
    void rejectsASingleWidth() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "widths", "--widths", "8", "--backend", "cpu", "--quiet", "--no-plots",
                "--out", dir.resolve("x.json").toString()));
        assertTrue(err.toString().contains("--widths"), err.toString());
        assertTrue(Files.notExists(dir.resolve("x.json")));
    }
}
