package org.nnft.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The benchmark's Python peers ({@code bench/peers/*.py}): finds their folder and runs one, reading its last
 * output line as JSON. The folder is, first found: the system property {@value #PROPERTY}, the environment
 * variable {@value #ENV}, or {@code bench/peers} beside the jar or classes folder this code was loaded from
 * (up to {@value #LEVELS_UP} folders up: {@code cli/target/nnft.jar} and {@code bench/target/classes} both find
 * {@code <checkout>/bench/peers}). Never the working directory, so the launcher works from anywhere. The
 * interpreter is {@code python3}, or the one named by {@value #PYTHON_ENV}.
 */
public final class Peers {
    /** System property naming the peers' folder. */
    public static final String PROPERTY = "nnft.peers";
    /** Environment variable naming the peers' folder. */
    public static final String ENV = "NNFT_PEERS";
    /** Environment variable naming the Python interpreter of the peers (default {@code python3} on the PATH). */
    public static final String PYTHON_ENV = "NNFT_PYTHON";
    /** How far up from the code's location the search for {@code bench/peers} goes. */
    static final int LEVELS_UP = 4;

    /** Exit status of a peer script whose library (e.g. PyTorch) is not installed: skipped quietly. */
    private static final int PEER_UNAVAILABLE = 3;

    private final Optional<Path> folder;
    private final Consumer<String> notes;

    private Peers(Optional<Path> folder, Consumer<String> notes) {
        this.folder = folder;
        this.notes = notes;
    }

    /** The peers of this installation (see the class comment); skipped peers are reported to {@code notes}. */
    public static Peers located(Consumer<String> notes) {
        return new Peers(locate(System.getProperty(PROPERTY), System.getenv(ENV), codeLocation()), notes);
    }

    /** The peers' folder: {@code property}, else {@code env}, else {@code bench/peers} above {@code code}. */
    static Optional<Path> locate(String property, String env, Path code) {
        for (String explicit : new String[]{property, env}) {
            if (explicit != null && !explicit.isBlank()) {
                return Optional.of(Path.of(explicit));
            }
        }
        int up = 0;
        for (Path base = code; base != null && up <= LEVELS_UP; base = base.getParent(), up++) {
            Path p = base.resolve("bench").resolve("peers");
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path codeLocation() {
        try {
            return Path.of(Peers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The peers' folder, if found. */
    public Optional<Path> folder() {
        return folder;
    }

    /**
     * Runs {@code script} with {@code args} and reads the rate under {@code key} of its JSON line as a row of
     * {@code workload} for peer {@code backend}; empty (with a note) when the script is missing, its library is
     * not installed or it fails.
     */
    public Optional<BenchRow> run(String workload, String backend, String script, String key, String unit,
                                  String... args) {
        Path p = folder.map(f -> f.resolve(script)).filter(Files::isRegularFile).orElse(null);
        if (p == null) {
            notes.accept("bench: peer script " + script + " not found (set -D" + PROPERTY + " or " + ENV
                    + "); skipping the " + backend + " peer");
            return Optional.empty();
        }
        Map<String, String> env = System.getenv();
        List<String> cmd = new ArrayList<>(List.of(env.getOrDefault(PYTHON_ENV, "python3"), p.toString()));
        cmd.addAll(List.of(args));
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    last = line;
                }
            }
            int status = proc.waitFor();
            if (status == PEER_UNAVAILABLE) {
                notes.accept("bench: " + backend + " peer skipped: " + last);
                return Optional.empty();
            }
            if (status != 0 || last == null || !last.startsWith("{")) {
                notes.accept("bench: " + backend + " peer failed: " + last);
                return Optional.empty();
            }
            JsonNode node = new ObjectMapper().readTree(last);
            return Optional.of(new BenchRow(workload, backend, node.path("device").asText("python3 + " + backend),
                    node.get(key).asDouble(), unit, node.get("seconds").asDouble(),
                    node.path("peak_rss_mb").asDouble(Double.NaN), Double.NaN));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.accept("bench: the " + backend + " peer was interrupted; skipping it");
            return Optional.empty();
        } catch (Exception e) {
            notes.accept("bench: cannot run the " + backend + " peer (" + e.getMessage() + "); skipping it");
            return Optional.empty();
        }
    }
}
