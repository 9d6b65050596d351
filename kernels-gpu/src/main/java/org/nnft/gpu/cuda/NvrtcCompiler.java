package org.nnft.gpu.cuda;

import org.nnft.gpu.KernelBuildException;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Run-time compilation of CUDA C++ to PTX with NVRTC ({@code libnvrtc}) through the Foreign Function
 * &amp; Memory API. The library is searched in {@link #candidates}: the paths in {@code NNFT_NVRTC}
 * first, then the loader's search path, then the usual CUDA install folders.
 */
@SuppressWarnings("restricted") // FFM downcalls are this class's job
final class NvrtcCompiler implements PtxCompiler {
    /** Environment variable with NVRTC library files or folders, separated by the path separator. */
    static final String ENV = "NNFT_NVRTC";
    /** {@code NVRTC_ERROR_COMPILATION}: the source did not compile; the program log says why. */
    static final int ERROR_COMPILATION = 6;

    private static final String[] FILE_NAMES = {System.mapLibraryName("nvrtc"), "libnvrtc.so.13", "libnvrtc.so.12"};
    private static final System.Logger LOG = System.getLogger(NvrtcCompiler.class.getName());

    private final String location;
    private final String version;
    private final MethodHandle createProgram;
    private final MethodHandle compileProgram;
    private final MethodHandle getProgramLogSize;
    private final MethodHandle getProgramLog;
    private final MethodHandle getPtxSize;
    private final MethodHandle getPtx;
    private final MethodHandle destroyProgram;
    private final MethodHandle getErrorString;
    private final int[] supportedArchs;

    private NvrtcCompiler(String location, SymbolLookup lookup) {
        this.location = location;
        Linker linker = Linker.nativeLinker();
        createProgram = bind(linker, lookup, "nvrtcCreateProgram", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        compileProgram = bind(linker, lookup, "nvrtcCompileProgram", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, ADDRESS));
        getProgramLogSize = bind(linker, lookup, "nvrtcGetProgramLogSize",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getProgramLog = bind(linker, lookup, "nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getPtxSize = bind(linker, lookup, "nvrtcGetPTXSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getPtx = bind(linker, lookup, "nvrtcGetPTX", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        destroyProgram = bind(linker, lookup, "nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getErrorString = bind(linker, lookup, "nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        this.version = queryVersion(linker, lookup);
        this.supportedArchs = querySupportedArchs(linker, lookup);
    }

    /** The first NVRTC among {@link #candidates} that loads and has every needed function. */
    static Optional<NvrtcCompiler> locate(Map<String, String> env) {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates(env)) {
            try {
                SymbolLookup lookup = candidate.indexOf('/') >= 0
                        ? SymbolLookup.libraryLookup(Path.of(candidate), Arena.global())
                        : SymbolLookup.libraryLookup(candidate, Arena.global());
                NvrtcCompiler c = new NvrtcCompiler(candidate, lookup);
                LOG.log(System.Logger.Level.DEBUG, "cuda: using {0}", c.description());
                return Optional.of(c);
            } catch (RuntimeException | LinkageError e) {
                tried.add(candidate);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "cuda: no NVRTC library among {0}", tried);
        return Optional.empty();
    }

    /**
     * Where NVRTC is looked for, in order: each entry of {@code NNFT_NVRTC} (a library file, or a
     * folder searched for the library names), the bare library names (the loader's search path,
     * {@code LD_LIBRARY_PATH}), then {@code CUDA_HOME}, {@code CUDA_PATH} and the usual install folders.
     */
    static List<String> candidates(Map<String, String> env) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        String explicit = env.get(ENV);
        if (explicit != null) {
            for (String entry : explicit.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p = Path.of(entry.trim());
                if (Files.isDirectory(p)) {
                    addFolder(out, p);
                } else {
                    out.add(p.toAbsolutePath().toString());
                }
            }
        }
        out.addAll(List.of(FILE_NAMES));
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = env.get(var);
            if (home != null && !home.isBlank()) {
                addFolder(out, Path.of(home.trim(), "lib64"));
            }
        }
        addFolder(out, Path.of("/usr/local/cuda/lib64"));
        addFolder(out, Path.of("/usr/local/cuda/targets/x86_64-linux/lib"));
        addFolder(out, Path.of("/usr/local/cuda/targets/sbsa-linux/lib"));
        addFolder(out, Path.of("/usr/lib/x86_64-linux-gnu"));
        addFolder(out, Path.of("/usr/lib/aarch64-linux-gnu"));
        return List.copyOf(out);
    }

    private static void addFolder(LinkedHashSet<String> out, Path folder) {
        for (String f : FILE_NAMES) {
            out.add(folder.resolve(f).toAbsolutePath().toString());
        }
    }

    @Override
    public String description() {
        return "NVRTC " + version + " (" + location + ")";
    }

    /** Virtual architectures this NVRTC can target (major*10+minor), empty if it cannot say. */
    int[] supportedArchs() {
        return supportedArchs.clone();
    }

    @Override
    public String compile(String name, String source, int arch) {
        int target = CudaCompileOptions.chooseArch(arch, supportedArchs);
        List<String> options = CudaCompileOptions.nvrtc(target);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment programOut = arena.allocate(ADDRESS);
            call("nvrtcCreateProgram", (int) createProgram.invokeExact(programOut, arena.allocateFrom(source),
                    arena.allocateFrom(name + ".cu"), 0, MemorySegment.NULL, MemorySegment.NULL));
            MemorySegment program = programOut.get(ADDRESS, 0);
            try {
                MemorySegment optionArray = arena.allocate(ADDRESS, options.size());
                for (int i = 0; i < options.size(); i++) {
                    optionArray.setAtIndex(ADDRESS, i, arena.allocateFrom(options.get(i)));
                }
                int rc = (int) compileProgram.invokeExact(program, options.size(), optionArray);
                if (rc == ERROR_COMPILATION) {
                    throw new KernelBuildException("cuda", name, "NVRTC " + String.join(" ", options) + "\n"
                            + programLog(arena, program));
                }
                call("nvrtcCompileProgram", rc);
                MemorySegment size = arena.allocate(JAVA_LONG);
                call("nvrtcGetPTXSize", (int) getPtxSize.invokeExact(program, size));
                MemorySegment ptx = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
                call("nvrtcGetPTX", (int) getPtx.invokeExact(program, ptx));
                return ptx.getString(0);
            } finally {
                int ignored = (int) destroyProgram.invokeExact(programOut);
            }
        } catch (KernelBuildException | CompilerUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw new CompilerUnavailableException("cuda: NVRTC failed in the JVM: " + t, t);
        }
    }

    private String programLog(Arena arena, MemorySegment program) throws Throwable {
        MemorySegment size = arena.allocate(JAVA_LONG);
        if ((int) getProgramLogSize.invokeExact(program, size) != 0) {
            return "(no log)";
        }
        MemorySegment log = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
        if ((int) getProgramLog.invokeExact(program, log) != 0) {
            return "(no log)";
        }
        return log.getString(0);
    }

    /** A non-source failure: this NVRTC cannot be used here, so the caller may try another compiler. */
    private void call(String function, int rc) throws Throwable {
        if (rc != 0) {
            MemorySegment s = (MemorySegment) getErrorString.invokeExact(rc);
            String text = s.equals(MemorySegment.NULL) ? "NVRTC error " + rc : s.reinterpret(4096).getString(0);
            throw new CompilerUnavailableException("cuda: " + function + " failed: " + text + " ("
                    + description() + ")");
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalArgumentException("NVRTC library lacks " + name));
        return linker.downcallHandle(symbol, fd);
    }

    private static String queryVersion(Linker linker, SymbolLookup lookup) {
        Optional<MemorySegment> symbol = lookup.find("nvrtcVersion");
        if (symbol.isEmpty()) {
            return "?";
        }
        MethodHandle h = linker.downcallHandle(symbol.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(JAVA_INT);
            MemorySegment minor = arena.allocate(JAVA_INT);
            int rc = (int) h.invokeExact(major, minor);
            return rc == 0 ? major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0) : "?";
        } catch (Throwable t) {
            return "?";
        }
    }

    private static int[] querySupportedArchs(Linker linker, SymbolLookup lookup) {
        Optional<MemorySegment> count = lookup.find("nvrtcGetNumSupportedArchs");
        Optional<MemorySegment> list = lookup.find("nvrtcGetSupportedArchs");
        if (count.isEmpty() || list.isEmpty()) {
            return new int[0];
        }
        MemoryLayout[] one = {ADDRESS};
        MethodHandle countHandle = linker.downcallHandle(count.get(), FunctionDescriptor.of(JAVA_INT, one));
        MethodHandle listHandle = linker.downcallHandle(list.get(), FunctionDescriptor.of(JAVA_INT, one));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(JAVA_INT);
            if ((int) countHandle.invokeExact(n) != 0 || n.get(JAVA_INT, 0) <= 0) {
                return new int[0];
            }
            MemorySegment archs = arena.allocate(JAVA_INT, n.get(JAVA_INT, 0));
            if ((int) listHandle.invokeExact(archs) != 0) {
                return new int[0];
            }
            return archs.toArray(JAVA_INT);
        } catch (Throwable t) {
            return new int[0];
        }
    }
}
