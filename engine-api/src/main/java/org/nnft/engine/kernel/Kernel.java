package org.nnft.engine.kernel;

import org.nnft.engine.EngineException;

import java.util.List;
import java.util.Objects;

/**
 * A data-parallel kernel written once for every backend: portable C source (the dialect of the
 * {@code kernels-gpu} prelude, compiled by the OpenCL and CUDA drivers) plus a Java body that the
 * CPU backend runs. Domain modules define kernels and launch them through
 * {@link org.nnft.engine.Backend#launch}; they never touch a driver.
 *
 * <p>The source must define a function {@code KERNEL void <name>(...)} whose parameters match
 * {@link #signature()}. The two bodies are tested side by side by the conformance suite of the
 * module that defines the kernel.
 */
public final class Kernel {
    private final String name;
    private final String source;
    private final CpuKernel cpu;
    private final List<ArgType> signature;
    private final int workGroupSize;

    private Kernel(String name, String source, CpuKernel cpu, List<ArgType> signature, int workGroupSize) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("kernel name must be a C identifier, got '" + name + "'");
        }
        if (workGroupSize < 0) {
            throw new IllegalArgumentException("work-group size must be >= 0, got " + workGroupSize);
        }
        this.name = name;
        this.source = Objects.requireNonNull(source, "source");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.signature = List.copyOf(signature);
        this.workGroupSize = workGroupSize;
    }

    /** A kernel whose work-group size the GPU driver chooses. */
    public static Kernel of(String name, String source, CpuKernel cpu, ArgType... signature) {
        return new Kernel(name, source, cpu, List.of(signature), 0);
    }

    /** A copy that GPU drivers launch with exactly this work-group size (for kernels that use local memory). */
    public Kernel withWorkGroupSize(int size) {
        return new Kernel(name, source, cpu, signature, size);
    }

    /** Entry-point function name. */
    public String name() {
        return name;
    }

    /** Portable C source. */
    public String source() {
        return source;
    }

    /** Java body for the CPU backend. */
    public CpuKernel cpu() {
        return cpu;
    }

    /** Argument types in declaration order. */
    public List<ArgType> signature() {
        return signature;
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
            if (want != got) {
                throw new EngineException("kernel " + name + ": argument " + i + " must be " + want + ", got " + got);
            }
        }
    }

    @Override
    public String toString() {
        return "Kernel[" + name + signature + "]";
    }
}
