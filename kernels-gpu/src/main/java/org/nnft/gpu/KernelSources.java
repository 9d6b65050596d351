package org.nnft.gpu;

import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.random.RandomStreams;

/**
 * Assembles compilable source: the driver's prelude ({@code prelude-<api>.h}, this package), the dialect's
 * {@code random.h} (engine-api, beside {@link RandomStreams}, its Java twin), optional {@code #define}s, then the
 * kernel text, with a {@code #line 1} so that compiler messages point into the kernel's own file. The one place where a
 * kernel's full source is built: the backends at run time and the CUDA PTX precompiler at build time both call
 * {@link #assemble}, so precompiled PTX is found by the hash of the very text a driver receives.
 */
public final class KernelSources {
    private final String header;

    /** The assembler for driver API {@code api} ("opencl" or "cuda", as {@link GpuDriver#api()}). */
    public KernelSources(String api) {
        this.header = KernelSource.resource(KernelSources.class, "prelude-" + api + ".h") + "\n"
                + KernelSource.resource(RandomStreams.class, "random.h") + "\n";
    }

    /** Prelude + random.h + {@code source}. */
    public String assemble(String source) {
        return header + "#line 1\n" + source;
    }

    /** A core kernel resource of this package, specialised by {@code defines} ("NAME value" lines). */
    static String core(String resource, String... defines) {
        StringBuilder sb = new StringBuilder();
        for (String d : defines) {
            sb.append("#define ").append(d).append('\n');
        }
        return sb.append("#line 1\n").append(KernelSource.resource(KernelSources.class, resource)).toString();
    }
}
