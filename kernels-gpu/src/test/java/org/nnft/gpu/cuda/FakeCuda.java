package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Builds the fake libraries {@code fakecuda.c} (driver API) and {@code fakenvrtc.c} (NVRTC) with the
 * C compiler; tests that need them are skipped without one.
 */
@SuppressWarnings("restricted")
final class FakeCuda {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private FakeCuda() {
    }

    /** The path of the fake library built with {@code -D} {@code defines} (e.g. "FAKE_DEVICE_COUNT=0"). */
    static Path library(String... defines) {
        return build("fakecuda", defines);
    }

    /** The path of the fake NVRTC library built with {@code -D} {@code defines}. */
    static Path nvrtc(String... defines) {
        return build("fakenvrtc", defines);
    }

    private static Path build(String name, String... defines) {
        String key = name + ":" + String.join(",", defines);
        return BUILT.computeIfAbsent(key, k -> compile(name, defines));
    }

    private static Path compile(String name, String... defines) {
        try {
            Path dir = Files.createTempDirectory("nnft-fakecuda-");
            Path c = dir.resolve(name + ".c");
            try (InputStream in = FakeCuda.class.getResourceAsStream(name + ".c")) {
                Files.write(c, in.readAllBytes());
            }
            Path so = dir.resolve("lib" + name + ".so");
            List<String> cmd = new ArrayList<>(List.of("cc", "-shared", "-fPIC", "-O1", "-o",
                    so.toString(), c.toString()));
            for (String d : defines) {
                cmd.add("-D" + d);
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Assumptions.assumeTrue(p.waitFor() == 0, "cannot build the fake CUDA library: " + out);
            return so;
        } catch (IOException e) {
            Assumptions.abort("no C compiler to build the fake CUDA library: " + e);
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Calls a fake's {@code int name(void)} probe, e.g. "fake_live_allocations". */
    static int probe(Path library, String name) {
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        MethodHandle h = Linker.nativeLinker().downcallHandle(lookup.find(name).orElseThrow(),
                FunctionDescriptor.of(JAVA_INT));
        try {
            return (int) h.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
