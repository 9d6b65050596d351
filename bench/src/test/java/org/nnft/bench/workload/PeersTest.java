package org.nnft.bench.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the benchmark finds its peers: the system property, then the environment variable, then
 * {@code bench/peers} above the jar (the launcher's {@code cli/target/nnft.jar}); never the working directory.
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
        assertTrue(none.run("w1", "numpy", "no_such_peer.py", "rate", "unit").isEmpty());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("no_such_peer.py"), notes.get(0));
    }
}
