package org.nnft.gpu.cuda;

import org.nnft.gpu.KernelBuildException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles CUDA C++ to PTX by running {@code nvcc -ptx} as a subprocess in a temporary folder: the
 * last resort when no precompiled PTX and no NVRTC library are available.
 */
final class NvccCompiler implements PtxCompiler {
    /** Longest time one nvcc run may take. */
    static final long TIMEOUT_SECONDS = 300;

    private static final Pattern COMPUTE_ARCH = Pattern.compile("compute_(\\d+)\\b");

    private final Path nvcc;
    private volatile int[] supportedArchs;

    NvccCompiler(Path nvcc) {
        this.nvcc = nvcc;
    }

    /**
     * The nvcc on {@code PATH}, else in {@code CUDA_HOME/bin}, {@code CUDA_PATH/bin} or {@code /usr/local/cuda/bin}.
     */
    static Optional<NvccCompiler> locate(Map<String, String> env) {
        return candidates(env).stream().filter(Files::isExecutable).findFirst().map(NvccCompiler::new);
    }

    /** Where nvcc is looked for, in order. */
    static List<Path> candidates(Map<String, String> env) {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        String path = env.get("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    out.add(Path.of(dir, "nvcc"));
                }
            }
        }
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = env.get(var);
            if (home != null && !home.isBlank()) {
                out.add(Path.of(home.trim(), "bin", "nvcc"));
            }
        }
        out.add(Path.of("/usr/local/cuda/bin/nvcc"));
        return List.copyOf(out);
    }

    @Override
    public String description() {
        return "nvcc (" + nvcc + ")";
    }

    @Override
    public String compile(String name, String source, int arch) {
        int target = CudaCompileOptions.chooseArch(arch, supportedArchs());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("nnft-nvcc-");
            Path input = dir.resolve(name + ".cu");
            Path output = dir.resolve(name + ".ptx");
            Files.writeString(input, source, StandardCharsets.UTF_8);
            List<String> command = CudaCompileOptions.nvcc(nvcc, target, input, output);
            Result r = run(command, dir);
            if (r.exitCode != 0 || !Files.isRegularFile(output)) {
                throw new KernelBuildException("cuda", name, String.join(" ", command) + "\n" + r.output);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CompilerUnavailableException("cuda: running " + nvcc + " failed: " + e, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Virtual architectures this nvcc knows ({@code nvcc --list-gpu-arch}), empty if it cannot say. */
    int[] supportedArchs() {
        int[] s = supportedArchs;
        if (s == null) {
            try {
                Result r = run(List.of(nvcc.toString(), "--list-gpu-arch"), null);
                s = r.exitCode == 0 ? parseArchList(r.output) : new int[0];
            } catch (IOException | CompilerUnavailableException e) {
                s = new int[0];
            }
            supportedArchs = s;
        }
        return s.clone();
    }

    /** The numbers of the {@code compute_XX} entries in {@code text}. */
    static int[] parseArchList(String text) {
        List<Integer> out = new ArrayList<>();
        Matcher m = COMPUTE_ARCH.matcher(text);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            // nvcc's output is small; reading it fully before waiting cannot dead-lock.
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CompilerUnavailableException("cuda: " + command.getFirst() + " timed out after "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), output);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CompilerUnavailableException("cuda: interrupted while waiting for " + command.getFirst(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
