package org.nnft.cli.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's files commit all together or not at all, and no temporary file outlives a failure or a signal. */
class OutputSetTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void commitsEveryFileAtTheEndAndNothingBefore() throws IOException {
        Path json = dir.resolve("r.json"), png = dir.resolve("r.png");
        Files.writeString(json, "old");
        try (OutputSet set = new OutputSet()) {
            set.write(json, "new".getBytes(StandardCharsets.UTF_8));
            set.write(png, new byte[]{1});
            assertEquals("old", Files.readString(json), "nothing is replaced before commit");
            assertEquals(2, set.temporaryFiles().size());
            set.commit();
        }
        assertEquals("new", Files.readString(json));
        assertEquals(List.of("r.json", "r.png"), names());
    }

    @Test
    void aFailureLeavesEarlierFilesAndNoTemporaryFile() throws IOException {
        Path json = dir.resolve("r.json");
        Files.writeString(json, "old");
        Files.createDirectory(dir.resolve("r.png"));                 // a plot that cannot be written
        try (OutputSet set = new OutputSet()) {
            set.write(json, "new".getBytes(StandardCharsets.UTF_8));
            assertThrows(RuntimeException.class, () -> set.write(dir.resolve("r.png"), new byte[]{1}));
        }
        assertEquals("old", Files.readString(json));
        assertEquals(List.of("r.json", "r.png"), names());
        try (OutputSet set = new OutputSet()) {
            set.write(json, out -> {
                throw new IOException("disk full");
            });
        } catch (RuntimeException expected) {
            // the writer's failure
        }
        assertEquals("old", Files.readString(json));
        assertEquals(List.of("r.json", "r.png"), names());
    }

    @Test
    void aFailedSetRemovesTheFoldersItCreated() throws IOException {
        try (OutputSet set = new OutputSet()) {
            set.write(dir.resolve("a/b/r.json"), new byte[]{1});
        }
        assertEquals(List.of(), names(), "no folder left behind");
        try (OutputSet set = new OutputSet()) {
            set.write(dir.resolve("a/b/r.json"), new byte[]{1});
            set.commit();
        }
        assertTrue(Files.isRegularFile(dir.resolve("a/b/r.json")));
    }

    @Test
    void filesGetTheDefaultModeOfANewFile() throws IOException {
        Path json = dir.resolve("r.json");
        ResultFile.write(json, Map.of("a", 1));
        Path fresh = Files.createFile(dir.resolve("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(json),
                "0644 under umask 022, not createTempFile's 0600");
    }

    @Test
    void aSymbolicLinkIsWrittenThrough() throws IOException {
        Path real = dir.resolve("real.json"), link = dir.resolve("link.json");
        Files.writeString(real, "old");
        Files.createSymbolicLink(link, real.getFileName());
        ResultFile.writeBytes(link, "new".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real));
    }

    @Test
    void sigtermAndSigintDeleteTheTemporaryFiles() throws Exception {
        for (String signal : new String[]{"TERM", "INT"}) {
            Path json = dir.resolve("r.json");
            Files.writeString(json, "old");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StageAndWait.class.getName(), json.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = r.readLine();
                } while (line != null && !line.equals("staged"));
                assertEquals("staged", line);
                assertEquals(3, names().size(), "two temporary files staged beside r.json: " + names());
                signal(signal, child);
                if (signal.equals("INT") && !child.waitFor(10, TimeUnit.SECONDS)) {
                    // a JVM started with SIGINT ignored (a background job of a non-interactive shell, as some
                    // CI runners start builds) keeps ignoring it; the hook is the same for SIGTERM
                    signal("TERM", child);
                }
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child ends on SIG" + signal);
            } finally {
                child.destroyForcibly();
            }
            assertEquals(List.of("r.json"), names(), "no temporary file after SIG" + signal);
            assertEquals("old", Files.readString(json));
        }
    }

    private static void signal(String signal, Process child) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
        assertEquals(0, kill.waitFor());
    }
}
