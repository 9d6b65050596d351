package org.nnft.engine.kernel;

import org.nnft.engine.EngineException;

import java.util.List;
import java.util.Objects;

/**
 * A data-parallel kernel written once for every backend: portable C source (the dialect of
 * {@code engine-api/DIALECT.md}, compiled by the OpenCL and CUDA drivers) plus a Java body that the
 * CPU backend runs. Domain modules define kernels and launch them through
 * {@link org.nnft.engine.Backend#launch}; they never touch a driver.
 *
 * <p>A kernel may also carry a CPU fast path ({@link #withCpuFastPath}), typically a Vector API
 * body, that the CPU backend runs unless asked for its scalar reference paths ({@code scalar=true});
 * it must compute the same results as the reference body up to float rounding.
 *
 * <p>The source must define a function {@code KERNEL void <name>(...)} whose parameters match
 * {@link #signature()}: for a kernel made from a {@link KernelParams}, the same names and types in the same order,
 * which the module's twin test checks with {@link CParameters#mismatch}. The two bodies are tested side by side by the
 * conformance suite of the module that defines the kernel.
 */
public final class Kernel {
    /** Default {@link #cpuGrain()}: light work items, a few thousand per task. */
    public static final long DEFAULT_CPU_GRAIN = 4096;

    private final String name;
    private final String source;
    private final CpuKernel cpu;
    private final CpuKernel cpuFast;
    private final List<ArgType> signature;
    private final KernelParams params;
    private final int workGroupSize;
    private final long cpuGrain;

    private Kernel(String name, String source, CpuKernel cpu, CpuKernel cpuFast, List<ArgType> signature,
                   KernelParams params, int workGroupSize, long cpuGrain) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("kernel name must be a C identifier, got '" + name + "'");
        }
        if (workGroupSize < 0) {
            throw new IllegalArgumentException("work-group size must be >= 0, got " + workGroupSize);
        }
        this.name = name;
        this.source = Objects.requireNonNull(source, "source");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.cpuFast = cpuFast;
        this.signature = List.copyOf(signature);
        this.params = params;
        this.workGroupSize = workGroupSize;
        if (cpuGrain < 1) {
            throw new IllegalArgumentException("CPU grain must be >= 1, got " + cpuGrain);
        }
        this.cpuGrain = cpuGrain;
    }

    /** A kernel whose work-group size the GPU driver chooses, with positional arguments of these types. */
    public static Kernel of(String name, String source, CpuKernel cpu, ArgType... signature) {
        return new Kernel(name, source, cpu, null, List.of(signature), null, 0, DEFAULT_CPU_GRAIN);
    }

    /**
     * A kernel whose parameters are {@code params} (which this freezes): its signature is theirs, and its launches
     * take {@link KernelParams#args()} set by name.
     */
    public static Kernel of(String name, String source, CpuKernel cpu, KernelParams params) {
        return new Kernel(name, source, cpu, null, params.freeze().signature(), params, 0, DEFAULT_CPU_GRAIN);
    }

    /** A copy whose reference body is {@code body} (same parameters, no fast path): for tests of the bodies. */
    public Kernel withCpuBody(CpuKernel body) {
        return new Kernel(name, source, body, null, signature, params, workGroupSize, cpuGrain);
    }

    /** A copy that GPU drivers launch with exactly this work-group size (for kernels that use local memory). */
    public Kernel withWorkGroupSize(int size) {
        return new Kernel(name, source, cpu, cpuFast, signature, params, size, cpuGrain);
    }

    /** A copy whose CPU fast path is {@code fast} (same work items, same results up to float rounding). */
    public Kernel withCpuFastPath(CpuKernel fast) {
        return new Kernel(name, source, cpu, Objects.requireNonNull(fast, "fast"), signature, params, workGroupSize,
                cpuGrain);
    }

    /**
     * A copy whose CPU launches give each task at least {@code grain} work items: 1 for heavy work
     * items (a block of networks), larger for light ones (a lattice site). Never changes results.
     */
    public Kernel withCpuGrain(long grain) {
        return new Kernel(name, source, cpu, cpuFast, signature, params, workGroupSize, grain);
    }

    /** Work items a CPU task gets at least. */
    public long cpuGrain() {
        return cpuGrain;
    }

    /** Entry-point function name. */
    public String name() {
        return name;
    }

    /** Portable C source. */
    public String source() {
        return source;
    }

    /** Java reference body for the CPU backend. */
    public CpuKernel cpu() {
        return cpu;
    }

    /** The CPU body to run: the reference body when {@code scalar} or when there is no fast path. */
    public CpuKernel cpu(boolean scalar) {
        return scalar || cpuFast == null ? cpu : cpuFast;
    }

    /** Whether this kernel has a CPU fast path. */
    public boolean hasCpuFastPath() {
        return cpuFast != null;
    }

    /** Argument types in declaration order. */
    public List<ArgType> signature() {
        return signature;
    }

    /** The parameter declaration, or null for a kernel made from bare argument types. */
    public KernelParams params() {
        return params;
    }

    /** Required work-group size, or 0 when the driver may choose. */
    public int workGroupSize() {
        return workGroupSize;
    }

    /** Throws unless {@code args} match the signature (count, types and buffer element types). */
    public void check(KernelArgs args) {
        if (args.size() != signature.size()) {
            throw new EngineException("kernel " + name + ": expects " + signature.size()
                    + " arguments, got " + args.size());
        }
        for (int i = 0; i < signature.size(); i++) {
            ArgType want = signature.get(i);
            ArgType got = args.type(i);
            if (got == null) {
                throw new EngineException("kernel " + name + ": argument " + i + " (" + args.nameAt(i) + ") not set");
            }
            if (want != got) {
                throw new EngineException("kernel " + name + ": argument " + i + " (" + args.nameAt(i) + ") must be "
                        + want + ", got " + got);
            }
        }
    }

    @Override
    public String toString() {
        return "Kernel[" + name + signature + "]";
    }
}
