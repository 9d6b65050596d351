package org.nnft.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nnft.engine.Precision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The benchmark's peers ({@code bench/peers}): the Python scripts ({@code *.py}) and the C programs ({@code *.c},
 * compiled at bench time with the system {@code gcc} into a temporary folder that is removed after the run; skipped
 * with a note when gcc is absent). Finds their folder and runs one, reading its last output line as JSON. The folder
 * is, first found: the system property {@value #PROPERTY}, the environment variable {@value #ENV}, or
 * {@code bench/peers} beside the jar or classes folder this code was loaded from (up to {@value #LEVELS_UP} folders
 * up: {@code cli/target/nnft.jar} and {@code bench/target/classes} both find {@code <checkout>/bench/peers}). Never
 * the working directory, so the launcher works from anywhere. The interpreter is {@code python3}, or the one named
 * by {@value #PYTHON_ENV}; the compiler {@code gcc}, or the one named by {@value #CC_ENV}.
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

    /** Environment variable naming the C compiler of the C peers (default {@code gcc} on the PATH). */
    public static final String CC_ENV = "NNFT_CC";
    /** The C peers' compiler flags: vectorised loops, libmvec's cosf and logf (fast math), OpenMP threads. */
    public static final List<String> CFLAGS = List.of("-O3", "-march=native", "-ffast-math", "-fopenmp");

    /** Exit status of a peer script whose library (e.g. PyTorch) is not installed: skipped quietly. */
    private static final int PEER_UNAVAILABLE = 3;

    private final Optional<Path> folder;
    private final Consumer<String> notes;
    private final String cc;

    Peers(Optional<Path> folder, Consumer<String> notes, String cc) {
        this.folder = folder;
        this.notes = notes;
        this.cc = cc;
    }

    /** The peers of this installation (see the class comment); skipped peers are reported to {@code notes}. */
    public static Peers located(Consumer<String> notes) {
        return new Peers(locate(System.getProperty(PROPERTY), System.getenv(ENV), codeLocation()), notes,
                System.getenv().getOrDefault(CC_ENV, "gcc"));
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
     * {@code workload} for peer {@code backend} in {@code precision}; empty (with a note) when the script is missing,
     * its library is not installed or it fails.
     */
    public Optional<BenchRow> run(String workload, String backend, Precision precision, String script, String key,
                                  String unit, String... args) {
        Optional<Path> p = script(script, backend);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>(List.of(System.getenv().getOrDefault(PYTHON_ENV, "python3"),
                p.get().toString()));
        cmd.addAll(List.of(args));
        return execute(cmd, "python3 + " + backend, workload, backend, precision, key, unit);
    }

    /**
     * Compiles the C peer {@code source} with the system compiler ({@link #CFLAGS}; {@code -DNNFT_DOUBLE} for double
     * precision) into a temporary folder, runs it with {@code args} and reads its JSON line as {@link #run} does;
     * the folder is removed afterwards. Empty with a note when the compiler is absent or fails.
     */
    public Optional<BenchRow> runC(String workload, String backend, Precision precision, String source, String key,
                                   String unit, String... args) {
        return runC(workload, backend, precision, source, List.of(), key, unit, args);
    }

    /**
     * As {@link #runC(String, String, Precision, String, String, String, String...)}, compiled with the extra
     * {@code defines} (macro names, passed as {@code -DNAME}; e.g. {@code NNFT_PHILOX} for the W1 peer's Philox
     * variant).
     */
    public Optional<BenchRow> runC(String workload, String backend, Precision precision, String source,
                                   List<String> defines, String key, String unit, String... args) {
        Optional<Path> src = script(source, backend);
        if (src.isEmpty()) {
            return Optional.empty();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("nnft-peer-");
            Path exe = dir.resolve("peer");
            List<String> compile = new ArrayList<>(List.of(cc));
            compile.addAll(CFLAGS);
            if (precision == Precision.DOUBLE) {
                compile.add("-DNNFT_DOUBLE");
            }
            for (String d : defines) {
                compile.add("-D" + d);
            }
            compile.addAll(List.of("-o", exe.toString(), src.get().toString(), "-lm"));
            Process gcc;
            try {
                gcc = new ProcessBuilder(compile).redirectErrorStream(true).start();
            } catch (IOException e) {
                notes.accept("bench: " + backend + " peer skipped: no C compiler (" + cc + " not found; "
                        + CC_ENV + " names another)");
                return Optional.empty();
            }
            String last = lastLine(gcc);
            if (gcc.waitFor() != 0) {
                notes.accept("bench: " + backend + " peer skipped: " + cc + " failed: " + last);
                return Optional.empty();
            }
            List<String> cmd = new ArrayList<>(List.of(exe.toString()));
            cmd.addAll(List.of(args));
            return execute(cmd, backend, workload, backend, precision, key, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.accept("bench: the " + backend + " peer was interrupted; skipping it");
            return Optional.empty();
        } catch (IOException e) {
            notes.accept("bench: cannot build the " + backend + " peer (" + e.getMessage() + "); skipping it");
            return Optional.empty();
        } finally {
            removeTree(dir);
        }
    }

    private Optional<Path> script(String name, String backend) {
        Optional<Path> p = folder.map(f -> f.resolve(name)).filter(Files::isRegularFile);
        if (p.isEmpty()) {
            notes.accept("bench: peer script " + name + " not found (set -D" + PROPERTY + " or " + ENV
                    + "); skipping the " + backend + " peer");
        }
        return p;
    }

    private Optional<BenchRow> execute(List<String> cmd, String device, String workload, String backend,
                                       Precision precision, String key, String unit) {
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String last = lastLine(proc);
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
            return Optional.of(new BenchRow(workload, backend, precision,
                    node.path("device").asText(device), node.get(key).asDouble(), unit,
                    node.get("seconds").asDouble(), node.path("peak_rss_mb").asDouble(Double.NaN),
                    node.path("g2_00").asDouble(Double.NaN)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.accept("bench: the " + backend + " peer was interrupted; skipping it");
            return Optional.empty();
        } catch (Exception e) {
            notes.accept("bench: cannot run the " + backend + " peer (" + e.getMessage() + "); skipping it");
            return Optional.empty();
        }
    }

    private static String lastLine(Process proc) throws IOException {
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                last = line;
            }
        }
        return last;
    }

    private static void removeTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary folder
        }
    }
}
