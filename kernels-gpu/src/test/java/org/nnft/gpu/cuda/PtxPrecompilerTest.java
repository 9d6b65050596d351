package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelCatalog;
import org.nnft.gpu.CoreKernels;
import org.nnft.gpu.GpuBackend;
import org.nnft.gpu.KernelBuildException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build-time PTX step against a fake nvcc (a shell script that echoes the entry points and the
 * architecture it was asked for), and once against the real nvcc where one is installed.
 */
class PtxPrecompilerTest {
    /** A catalog registered in this module's test resources, standing in for a domain module's. */
    public static final class ProbeCatalog implements KernelCatalog {
        static final Kernel PROBE = Kernel.of("precompile_probe",
                "KERNEL void precompile_probe(GLOBAL float* x) { x[GID] = 1.0f; }\n", (args, from, to) -> { },
                ArgType.F32_BUFFER);

        @Override
        public List<Kernel> kernels() {
            return List.of(PROBE);
        }
    }

    /** A catalog with a kernel that does not compile, registered only through {@link #withCatalog}. */
    public static final class BrokenCatalog implements KernelCatalog {
        @Override
        public List<Kernel> kernels() {
            return List.of(Kernel.of("broken_probe", "KERNEL void broken_probe() { BROKEN; }\n",
                    (args, from, to) -> { }));
        }
    }

    private static final String FAKE_NVCC = """
            #!/bin/sh
            if [ "$1" = "--list-gpu-arch" ]; then printf 'compute_75\\ncompute_80\\ncompute_90\\n'; exit 0; fi
            out=""; in=""; arch=""
            while [ $# -gt 0 ]; do
              case "$1" in
                -o) out="$2"; shift ;;
                -arch=*) arch="${1#-arch=}" ;;
                *.cu) in="$1" ;;
              esac
              shift
            done
            echo "$in" >> "$(dirname "$0")/calls"
            if grep -q BROKEN "$in"; then echo "$in(1): error: identifier \\"BROKEN\\" is undefined"; exit 2; fi
            { echo "// fake PTX for $arch"; \
            sed -n 's/^KERNEL void \\([A-Za-z0-9_]*\\)(.*/.visible .entry \\1(/p' "$in"; } > "$out"
            """;

    @TempDir
    Path tmp;

    private Path fakeNvcc() throws IOException {
        Path nvcc = tmp.resolve("bin/nvcc");
        Files.createDirectories(nvcc.getParent());
        Files.writeString(nvcc, FAKE_NVCC);
        Files.setPosixFilePermissions(nvcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return nvcc;
    }

    private int nvccCalls() throws IOException {
        Path calls = tmp.resolve("bin/calls");
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    private static PtxPrecompiler.Entry entry(List<PtxPrecompiler.Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void listsTheCoreKernelsAndTheCatalogKernels() {
        List<String> names = PtxPrecompiler.entries(getClass().getClassLoader()).stream()
                .map(PtxPrecompiler.Entry::name).toList();
        assertEquals(List.of("fill_uniform_f32", "fill_normal_f32", "fill_uniform_f64", "fill_normal_f64",
                "summarize_f32", "summarize_f64", "summarize_i32", "matmul_f32", "matmul_f64",
                "precompile_probe"), names);
        assertEquals(names.subList(0, 9), CoreKernels.all().stream().map(CoreKernels.Source::name).toList());
    }

    @Test
    void writesEachKernelsPtxWhereTheDriverLooksCompilingSharedSourcesOnce() throws IOException {
        Path out = tmp.resolve("classes");
        Path stale = out.resolve("org/nnft/gpu/cuda/ptx/precompile_probe-0000000000000000.ptx");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "old");
        List<PtxPrecompiler.Entry> entries = PtxPrecompiler.entries(getClass().getClassLoader());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Path> files = new PtxPrecompiler(new NvccCompiler(fakeNvcc()), PtxPrecompiler.DEFAULT_ARCH,
                new PrintStream(log, true, StandardCharsets.UTF_8)).precompile(entries, out);

        assertEquals(entries.size(), files.size());
        assertEquals(entries.size() - 3, nvccCalls(), "fill.c holds four entry points and is compiled once");
        assertFalse(Files.exists(stale), "PTX of earlier builds is removed");
        PtxPrecompiler.Entry probe = entry(entries, "precompile_probe");
        Path file = out.resolve("org/nnft/gpu/cuda/ptx/precompile_probe-" + PtxResources.hash(probe.source()) + ".ptx");
        assertTrue(files.contains(file), files.toString());
        try (URLClassLoader classPath = new URLClassLoader(new URL[]{out.toUri().toURL()}, null)) {
            Optional<String> ptx = PtxResources.find("precompile_probe", probe.source(), classPath);
            assertEquals("// fake PTX for compute_75\n.visible .entry precompile_probe(\n", ptx.orElseThrow());
            String fill = PtxResources.find("fill_normal_f64", entry(entries, "fill_normal_f64").source(), classPath)
                    .orElseThrow();
            assertTrue(fill.contains(".entry fill_uniform_f32(") && fill.contains(".entry fill_normal_f64("), fill);
            assertTrue(PtxResources.find("precompile_probe", probe.source() + " ", classPath).isEmpty());
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("ptx: precompile_probe -> org/nnft/gpu/cuda/ptx/"));
    }

    @Tag("slow")
    @Test
    void theSourceTheCudaDriverGetsAtRunTimeHasThePrecompiledName() {
        List<PtxPrecompiler.Entry> entries = PtxPrecompiler.entries(getClass().getClassLoader());
        List<String> asked = new ArrayList<>();
        PtxCompiler recording = new PtxCompiler() {
            @Override
            public String compile(String name, String source, int arch) {
                asked.add(PtxResources.path(name, source));
                return ".version 9.0\n.target sm_90\n.visible .entry " + name + "(\n)\n{\n}\n";
            }

            @Override
            public String description() {
                return "recording compiler";
            }
        };
        CudaDriver driver = CudaDriver.open(CudaLibrary.load(FakeCuda.library().toString()), "h100",
                () -> recording, 64);
        try (GpuBackend backend = new GpuBackend(driver)) {
            // compiled, never launched (the fake runs fake_affine only)
            DeviceBuffer x = backend.allocate(DType.F32, 0);
            backend.launch(ProbeCatalog.PROBE, 0, new KernelArgs().buffer(x));
            backend.fillNormal(x, 1, 2, 3);
        }
        assertEquals(List.of(entry(entries, "precompile_probe").resource(),
                entry(entries, "fill_normal_f32").resource()),
                asked);
    }

    @Test
    void aKernelThatDoesNotCompileFailsTheStepWithItsNameAndTheLog() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (URLClassLoader loader = withCatalog(BrokenCatalog.class)) {
            status = PtxPrecompiler.run(List.of(tmp.resolve("classes").toString(), "--nvcc", fakeNvcc().toString()),
                    loader, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }
        assertEquals(1, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("ptx: kernel 'broken_probe' does not compile with nvcc ("), message);
        assertTrue(message.contains("identifier \"BROKEN\" is undefined"), message);

        KernelBuildException e = assertThrows(KernelBuildException.class, () -> new PtxPrecompiler(
                new NvccCompiler(fakeNvcc()), 75, System.out).precompile(List.of(
                new PtxPrecompiler.Entry("a", "BROKEN 1"), new PtxPrecompiler.Entry("b", "BROKEN 1")), tmp));
        assertEquals("a, b", e.kernelName(), "every entry point of the failing source is named");
    }

    @Test
    void badArgumentsAndAMissingNvccAreReported() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        ClassLoader loader = getClass().getClassLoader();
        assertEquals(2, PtxPrecompiler.run(List.of(), loader, System.out, errors));
        assertEquals(2, PtxPrecompiler.run(List.of("out", "--arch", "seven"), loader, System.out, errors));
        assertEquals(2, PtxPrecompiler.run(List.of("out", "--arch", "7"), loader, System.out, errors));
        assertEquals(1, PtxPrecompiler.run(List.of("out", "--nvcc", tmp.resolve("none").toString()), loader,
                System.out, errors));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("output dir is missing") && message.contains("usage: PtxPrecompiler"), message);
        assertTrue(message.contains("arch must be major*10+minor"), message);
        assertTrue(message.contains("ptx: no nvcc at "), message);
    }

    @Tag("slow")
    @Test
    void realNvccCompilesACoreKernelForTheDefaultArchitecture() throws IOException {
        Optional<NvccCompiler> nvcc = NvccCompiler.locate(System.getenv());
        Assumptions.assumeTrue(nvcc.isPresent(), "nvcc is not installed");
        PtxPrecompiler.Entry summarize = entry(PtxPrecompiler.entries(getClass().getClassLoader()), "summarize_f64");
        Path file = new PtxPrecompiler(nvcc.get(), PtxPrecompiler.DEFAULT_ARCH, System.out)
                .precompile(List.of(summarize), tmp).getFirst();
        String ptx = Files.readString(file);
        assertTrue(ptx.contains(".entry summarize_f64(") && ptx.contains(".target sm_75"), ptx);
    }

    /** A class loader on which {@code catalog} is registered as a KernelCatalog, besides the test class path's. */
    private URLClassLoader withCatalog(Class<? extends KernelCatalog> catalog) throws IOException {
        Path services = tmp.resolve("services/META-INF/services/" + KernelCatalog.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, catalog.getName() + "\n");
        return new URLClassLoader(new URL[]{tmp.resolve("services").toUri().toURL()}, getClass().getClassLoader());
    }
}
