package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnft ntk --networks M}: the empirical column beside the theory, its variance and the width slope. */
class NtkEmpiricalCommandTest {
    @TempDir
    Path dir;

    @Test
    void empiricalColumnAgreesWithTheoryAndGivesTheVarianceSlope() {
        Path out = dir.resolve("ntk.json");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.execute(new String[] {"ntk", "--arch", "erf", "--dim", "2", "--width", "8", "--sigma-b", "0.2",
                "--points", "0,0.5;1,-1", "--networks", "4000", "--widths", "32", "--backend", "cpu",
                "--out", out.toString()}, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertEquals(0, code, stderr.toString());
        JsonNode results = ResultFile.read(out).get("results");
        for (JsonNode e : results.get("ntk")) {
            JsonNode emp = e.get("empirical");
            double theory = e.get("theory").asDouble();
            assertTrue(Math.abs(emp.get("mean").asDouble() - theory) < 4 * emp.get("error").asDouble(), e.toString());
            assertTrue(emp.get("variance").asDouble() > 0, e.toString());
        }
        JsonNode empirical = results.get("empirical");
        assertEquals(4000, empirical.get("networks").asLong());
        assertEquals(2, empirical.get("widths").size());
        JsonNode slope = empirical.get("varianceSlope").get(0);
        assertEquals(-1.0, slope.get("slope").asDouble(), 4 * slope.get("error").asDouble() + 0.05, slope.toString());
        assertNotEquals("theory", ResultFile.read(out).get("provenance").get("backend").asText());
        assertTrue(stdout.toString().contains("empirical NTK of 4000 sampled networks"), stdout.toString());
    }
}
