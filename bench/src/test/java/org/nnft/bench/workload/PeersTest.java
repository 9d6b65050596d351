package org.nnft.bench.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.engine.Precision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the benchmark finds its peers: the system property, then the environment variable, then
 * {@code bench/peers} above the jar (the launcher's {@code cli/target/nnft.jar}); never the working directory. And the
 * W1 peers are honest: their G2(x0, x0) is the cutoff propagator atan(10) / pi within the statistical error, in both
 * precisions; the C peer is skipped with a note without a compiler.
 */
class PeersTest {
    @TempDir
    Path checkout;

    @Test
    void explicitFolderFirstThenBesideTheJar() throws Exception {
        Path peers = Files.createDirectories(checkout.resolve("bench/peers"));
        Path jar = Files.createDirectories(checkout.resolve("cli/target")).resolve("nnft.jar");
        assertEquals(Optional.of(Path.of("/p")), Peers.locate("/p", "/e", jar));
        assertEquals(Optional.of(Path.of("/e")), Peers.locate(null, "/e", jar));
        assertEquals(Optional.of(peers), Peers.locate(null, " ", jar));
        assertEquals(Optional.of(peers), Peers.locate(null, null, checkout.resolve("bench/target/classes")));
        Path deep = Files.createDirectories(checkout.resolve("a/b/c/d/e/f"));
        assertTrue(Peers.locate(null, null, deep).isEmpty(), "the search stops " + Peers.LEVELS_UP + " folders up");
        assertTrue(Peers.locate(null, null, null).isEmpty());
    }

    @Test
    void aMissingScriptIsSkippedWithANote() {
        List<String> notes = new ArrayList<>();
        Peers none = Peers.located(notes::add);
        assertTrue(none.run("w1", "numpy", Precision.DOUBLE, "no_such_peer.py", "rate", "unit").isEmpty());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("no_such_peer.py"), notes.get(0));
    }

    /** The W1 peers' exact G2(x0, x0): the propagator of m = 1 with the cutoff 10 in d = 1, atan(10) / pi. */
    private static final double G2 = Math.atan(10) / Math.PI;
    /** Networks of the C peer's honesty check (fast). */
    private static final int C_NETWORKS = 20000;
    /** Networks of the NumPy peer's honesty check (about 1 s in float64 on a quiet host). */
    private static final int NUMPY_NETWORKS = 4000;

    /**
     * Five standard errors of G2 from {@code networks} networks (Var phi^2 = 2 G2^2 at infinite width, the 1/N
     * correction is below 1%) plus float32 rounding of the field (below 1e-5 relative, see docs/physics.md).
     */
    private static double tolerance(int networks) {
        return 5 * Math.sqrt(2) * G2 / Math.sqrt(networks) + 1e-5;
    }

    @Test
    void theCPeerComputesTheCutoffPropagatorInBothPrecisions() {
        List<String> notes = new ArrayList<>();
        Peers peers = Peers.located(notes::add);
        for (Precision p : Precision.values()) {
            Optional<BenchRow> row = peers.runC("w1", BenchSuite.C_PEER, p, "w1_cosnet_omp.c", "neuron_evals_per_s",
                    "neuron-evals/s", Integer.toString(C_NETWORKS), "1000");
            assumeTrue(row.isPresent() || !notes.get(0).contains("no C compiler"), "no gcc: " + notes);
            BenchRow r = row.orElseThrow(() -> new AssertionError(notes.toString()));
            assertEquals(G2, r.check(), tolerance(C_NETWORKS), p + " " + r);
            assertEquals(p, r.precision());
            assertTrue(r.device().contains(p == Precision.SINGLE ? "float32" : "float64"), r.device());
            assertTrue(r.rate() > 0);
        }
    }

    @Test
    void theNumpyPeerComputesTheCutoffPropagatorInBothPrecisions() {
        List<String> notes = new ArrayList<>();
        Peers peers = Peers.located(notes::add);
        for (Precision p : Precision.values()) {
            Optional<BenchRow> row = peers.run("w1", "numpy", p, "w1_cosnet_numpy.py", "neuron_evals_per_s",
                    "neuron-evals/s", Integer.toString(NUMPY_NETWORKS), "1000", "500",
                    p == Precision.SINGLE ? "float32" : "float64");
            assumeTrue(row.isPresent() || !notes.get(0).contains("No module named"), "no NumPy: " + notes);
            BenchRow r = row.orElseThrow(() -> new AssertionError(notes.toString()));
            assertEquals(G2, r.check(), tolerance(NUMPY_NETWORKS), p + " " + r);
            assertTrue(r.device().contains(p == Precision.SINGLE ? "float32" : "float64"), r.device());
        }
    }

    @Test
    void theCPeerIsSkippedWithANoteWithoutACompiler() {
        List<String> notes = new ArrayList<>();
        Peers peers = new Peers(Peers.located(s -> { }).folder(), notes::add, "nnft-no-such-compiler");
        assertTrue(peers.runC("w1", BenchSuite.C_PEER, Precision.SINGLE, "w1_cosnet_omp.c", "neuron_evals_per_s",
                "neuron-evals/s", "10", "1000").isEmpty());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("skipped: no C compiler"), notes.get(0));
    }
}
