package org.nnft.bench.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.engine.Precision;
import org.nnft.engine.random.Philox4x32;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the benchmark finds its peers: the system property, then the environment variable, then
 * {@code bench/peers} above the jar (the launcher's {@code cli/target/nnft.jar}); never the working directory. And the
 * W1 peers are honest: their G2(x0, x0) is the cutoff propagator atan(10) / pi within the statistical error, in both
 * precisions; the C peer is skipped with a note without a compiler. The C peer's Philox variant is Philox4x32-10.
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
        assertTheCPeerComputesTheCutoffPropagator(BenchSuite.C_PEER, List.of(), "lowbias32 hash");
    }

    @Test
    void theCPhiloxPeerComputesTheCutoffPropagatorInBothPrecisions() {
        assertTheCPeerComputesTheCutoffPropagator(BenchSuite.C_PHILOX_PEER, List.of(BenchSuite.PHILOX_DEFINE),
                "Philox4x32-10");
    }

    private static void assertTheCPeerComputesTheCutoffPropagator(String backend, List<String> defines, String rng) {
        List<String> notes = new ArrayList<>();
        Peers peers = Peers.located(notes::add);
        for (Precision p : Precision.values()) {
            Optional<BenchRow> row = peers.runC("w1", backend, p, "w1_cosnet_omp.c", defines, "neuron_evals_per_s",
                    "neuron-evals/s", Integer.toString(C_NETWORKS), "1000");
            assumeTrue(row.isPresent() || !notes.get(0).contains("no C compiler"), "no gcc: " + notes);
            BenchRow r = row.orElseThrow(() -> new AssertionError(notes.toString()));
            assertEquals(G2, r.check(), tolerance(C_NETWORKS), p + " " + r);
            assertEquals(p, r.precision());
            assertEquals(backend, r.backend());
            assertTrue(r.device().contains(p == Precision.SINGLE ? "float32" : "float64"), r.device());
            assertTrue(r.device().contains(rng), r.device());
            assertTrue(r.rate() > 0);
        }
    }

    /**
     * The Philox peer's generator is Philox4x32-10: Random123's known-answer vectors (kat_vectors, philox4x32 10
     * rounds) and, bit for bit, nnft's Philox4x32 on counters and keys from a fixed-seed generator.
     */
    @Test
    void theCPhiloxPeerIsPhilox4x32With10Rounds(@TempDir Path build) throws Exception {
        Path src = Peers.located(s -> { }).folder().orElseThrow().resolve("w1_cosnet_omp.c");
        Path exe = build.resolve("peer");
        List<String> compile = new ArrayList<>(List.of(System.getenv().getOrDefault(Peers.CC_ENV, "gcc")));
        compile.addAll(Peers.CFLAGS);
        compile.addAll(List.of("-D" + BenchSuite.PHILOX_DEFINE, "-o", exe.toString(), src.toString(), "-lm"));
        Process gcc;
        try {
            gcc = new ProcessBuilder(compile).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no C compiler: " + e.getMessage());
            return;
        }
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), log);
        assertEquals("6627e8d5 e169c58d bc57ac4c 9b00dbd8", kat(exe, 0, 0, 0, 0, 0, 0));
        assertEquals("408f276d 41c83b0e a20bc7c6 6d5451fd", kat(exe, -1, -1, -1, -1, -1, -1));
        assertEquals("d16cfe09 94fdcceb 5001e420 24126ea1", kat(exe, 0x243f6a88, 0x85a308d3, 0x13198a2e,
                0x03707344, 0xa4093822, 0x299f31d0));
        SplittableRandom random = new SplittableRandom(22);
        int[] out = new int[4];
        for (int t = 0; t < 8; t++) {
            int[] w = random.ints(6).toArray();
            Philox4x32.block(w[0], w[1], w[2], w[3], w[4], w[5], out);
            assertEquals(String.format(Locale.ROOT, "%08x %08x %08x %08x", out[0], out[1], out[2], out[3]),
                    kat(exe, w));
        }
    }

    /** The Philox peer's block of counter w[0..3] under key w[4..5], as its four hex words. */
    private static String kat(Path exe, int... w) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "kat"));
        for (int x : w) {
            cmd.add(Integer.toHexString(x));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
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
