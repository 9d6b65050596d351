package org.nnft.gpu.cuda;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelCatalog;
import org.nnft.gpu.CoreKernels;
import org.nnft.gpu.KernelBuildException;
import org.nnft.gpu.KernelSources;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Build step that compiles every portable kernel on the class path to PTX and writes it where
 * {@link CudaDriver} looks first ({@link PtxResources}), so a shipped jar runs on a GPU without
 * NVRTC or nvcc. Kernels are the core kernels ({@link CoreKernels#all()}) and those of every
 * {@link KernelCatalog} service; each full source is assembled by {@link KernelSources#assemble},
 * the method the CUDA backend uses at run time, so the resource names (source hashes) match.
 *
 * <p>The default target is virtual architecture {@code compute_75} (Turing), the oldest that
 * CUDA 13's nvcc accepts: the driver JIT-compiles that PTX for any newer GPU. PTX of a newer ISA
 * than the installed driver understands fails to load, and the driver then compiles at run time.
 *
 * <p>Usage: {@code PtxPrecompiler <output dir> [--arch N] [--nvcc PATH]}; exit status 1 with the
 * kernel name and nvcc's log when a kernel does not compile, 2 on bad arguments.
 */
public final class PtxPrecompiler {
    /** Virtual architecture compiled for unless {@code --arch} says otherwise (compute_75). */
    static final int DEFAULT_ARCH = 75;

    private static final KernelSources SOURCES = new KernelSources(CudaDriver.API);

    private final PtxCompiler compiler;
    private final int arch;
    private final PrintStream log;

    PtxPrecompiler(PtxCompiler compiler, int arch, PrintStream log) {
        this.compiler = compiler;
        this.arch = checkArch(arch);
        this.log = log;
    }

    private static int checkArch(int arch) {
        if (arch < 10) {
            throw new IllegalArgumentException("arch must be major*10+minor (e.g. 75), got " + arch);
        }
        return arch;
    }

    /** An entry point and its full CUDA source (prelude included), as {@link CudaDriver#compile} receives them. */
    record Entry(String name, String source) {
        /** The resource path of this entry's PTX. */
        String resource() {
            return PtxResources.path(name, source);
        }
    }

    /** The core kernels, then the kernels of every catalog {@code loader} finds, without repeats. */
    static List<Entry> entries(ClassLoader loader) {
        Set<Entry> out = new LinkedHashSet<>();
        for (CoreKernels.Source s : CoreKernels.all()) {
            out.add(new Entry(s.name(), SOURCES.assemble(s.text())));
        }
        for (Kernel k : KernelCatalog.all(loader)) {
            out.add(new Entry(k.name(), SOURCES.assemble(k.source())));
        }
        return List.copyOf(out);
    }

    /**
     * Compiles {@code entries} (once per distinct source) and writes each PTX under
     * {@code outputDir}, replacing any other PTX left in that folder by earlier builds.
     *
     * @return the files written, in the order of {@code entries}
     * @throws KernelBuildException naming the entry points of a source that does not compile
     */
    List<Path> precompile(List<Entry> entries, Path outputDir) throws IOException {
        Map<String, List<Entry>> bySource = new LinkedHashMap<>();
        for (Entry e : entries) {
            bySource.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e);
        }
        List<String> sources = List.copyOf(bySource.keySet());
        List<String> compiled = sources.parallelStream().map(s -> compile(bySource.get(s))).toList();
        Map<String, String> ptx = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            ptx.put(sources.get(i), compiled.get(i));
        }
        Path folder = outputDir.resolve(PtxResources.FOLDER.substring(1));
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (Entry e : entries) {
            Path file = outputDir.resolve(e.resource().substring(1));
            Files.writeString(file, ptx.get(e.source()), StandardCharsets.UTF_8);
            written.add(file);
            log.println("ptx: " + e.name() + " -> " + e.resource().substring(1));
        }
        removeStale(folder, written);
        return written;
    }

    private String compile(List<Entry> sharing) {
        Entry first = sharing.getFirst();
        try {
            return compiler.compile(first.name(), first.source(), arch);
        } catch (KernelBuildException e) {
            List<String> names = sharing.stream().map(Entry::name).toList();
            throw new KernelBuildException(CudaDriver.API, String.join(", ", names), e.log());
        }
    }

    private static void removeStale(Path folder, List<Path> keep) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".ptx")).toList()) {
                if (!keep.contains(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs the build step; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        int status = run(List.of(args), PtxPrecompiler.class.getClassLoader(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The build step over the kernels that {@code loader} lists; returns the exit status. */
    static int run(List<String> args, ClassLoader loader, PrintStream out, PrintStream err) throws IOException {
        Path dir = null;
        int arch = DEFAULT_ARCH;
        Path nvccPath = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--arch" -> arch = checkArch(Integer.parseInt(value(args, ++i, "--arch")));
                    case "--nvcc" -> nvccPath = Path.of(value(args, ++i, "--nvcc"));
                    default -> {
                        if (dir != null || args.get(i).startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument '" + args.get(i) + "'");
                        }
                        dir = Path.of(args.get(i));
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("output dir is missing");
            }
        } catch (IllegalArgumentException e) {
            err.println("ptx: " + e.getMessage()
                    + "\nusage: PtxPrecompiler <output dir> [--arch N (default " + DEFAULT_ARCH + ")] [--nvcc PATH]");
            return 2;
        }
        Optional<NvccCompiler> found = nvccPath == null ? NvccCompiler.locate(System.getenv())
                : Optional.of(nvccPath).filter(Files::isExecutable).map(NvccCompiler::new);
        if (found.isEmpty()) {
            err.println("ptx: no nvcc "
                    + (nvccPath != null ? "at " + nvccPath : "on PATH, in CUDA_HOME or /usr/local/cuda"));
            return 1;
        }
        NvccCompiler nvcc = found.get();
        long start = System.nanoTime();
        List<Entry> entries = entries(loader);
        try {
            List<Path> files = new PtxPrecompiler(nvcc, arch, out).precompile(entries, dir);
            long sources = entries.stream().map(Entry::source).distinct().count();
            out.printf(Locale.ROOT, "ptx: %d kernels (%d sources) compiled for compute_%d by %s into %s in %.1f s%n",
                    files.size(), sources, arch, nvcc.description(), dir, (System.nanoTime() - start) * 1e-9);
            return 0;
        } catch (KernelBuildException e) {
            err.println("ptx: kernel '" + e.kernelName() + "' does not compile with " + nvcc.description()
                    + ":\n" + e.log());
            return 1;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
