package org.nnft.gpu.cuda;

/** Turns a kernel's full CUDA C++ source into PTX text for a compute capability. */
interface PtxCompiler {
    /**
     * The PTX of {@code source} for virtual architecture {@code compute_<arch>} (arch = major*10+minor,
     * e.g. 90). A source error throws {@link org.nnft.gpu.KernelBuildException} with the log; a
     * compiler that cannot work here throws {@link CompilerUnavailableException}.
     */
    String compile(String name, String source, int arch);

    /** What this compiler is, for messages (e.g. "NVRTC 13.0 (/usr/local/cuda/lib64/libnvrtc.so)"). */
    String description();
}
