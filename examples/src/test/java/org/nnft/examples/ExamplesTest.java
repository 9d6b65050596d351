package org.nnft.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.ensemble.Correlator;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.theory.PowerLawFit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every example at small sizes on the CPU backend and checks its numbers: ensemble correlators against the
 * exact finite-width theory, the deformed shifts against the first-order prediction, the Binder cumulant in both
 * phases. Bounds are 4 standard errors (seeds are fixed, so each check is deterministic).
 */
class ExamplesTest {
    private static final double SIGMAS = 4;

    @Test
    void mainStreamsAnEnsembleAndWritesJson(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("ensemble.json");
        String out = capture(() -> StreamedEnsemble.main(new String[]{"4096", "cpu", json.toString()}));
        assertTrue(out.contains("4,096 / 4,096 networks (100 %)"), out);
        assertTrue(out.contains("G(0,0,1,1)"), out);
        String text = Files.readString(json);
        assertTrue(text.contains("\"networks\": 4096") && text.contains("\"correlators\": [{"), text);
    }

    @Test
    void ensembleMatchesTheory() {
        try (Backend cpu = Backends.named("cpu")) {
            EnsembleResult r = StreamedEnsemble.run(20_000, cpu, quiet());
            for (Correlator c : StreamedEnsemble.correlators(r)) {
                assertTrue(Math.abs(c.pull()) < SIGMAS, "pull of " + Arrays.toString(c.sites()) + ": " + c.pull());
            }
        }
    }

    @Test
    void deformedShiftsFollowFirstOrder() {
        double lambda = 0.5;
        try (Backend cpu = Backends.named("cpu")) {
            for (DeformedEnsemble.Shift s : DeformedEnsemble.run(20_000, lambda, cpu, quiet())) {
                assertTrue(Math.abs(s.pull()) < SIGMAS, "pull " + s.pull());
                assertTrue(s.measured() < 0 && s.predicted() < 0, "phi^4 lowers the correlators");
                if (s.points().length == 4) {
                    assertEquals(lambda, s.coupling(), SIGMAS * s.couplingError());
                }
            }
        }
    }

    @Test
    void nonGaussianityFallsAsOneOverWidth() {
        try (Backend cpu = Backends.named("cpu")) {
            PowerLawFit fit = WidthDependence.run(32_768, List.of(2, 8), cpu, quiet());
            assertEquals(-1.0, fit.slope(), SIGMAS * fit.slopeError() + 0.05);
            assertTrue(fit.slopeError() < 0.3, "resolved: " + fit.slopeError());
        }
    }

    @Test
    void binderCumulantGoesFromZeroToTwoThirds() {
        try (Backend cpu = Backends.named("cpu")) {
            List<LatticeScan.Point> scan = LatticeScan.run(8, 300, List.of(-2.0, 1.0), cpu, quiet());
            LatticeScan.Point broken = scan.get(0);
            LatticeScan.Point symmetric = scan.get(1);
            assertEquals(2.0 / 3.0, broken.binder().value(), 0.02, "broken phase");
            assertEquals(0.0, symmetric.binder().value(), SIGMAS * symmetric.binder().error(), "symmetric phase");
            assertTrue(broken.chi().value() > 10 * symmetric.chi().value());
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
