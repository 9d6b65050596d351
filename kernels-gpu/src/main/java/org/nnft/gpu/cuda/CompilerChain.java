package org.nnft.gpu.cuda;

import org.nnft.engine.EngineException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Tries PTX compilers in order (NVRTC, then nvcc), moving on when one is unavailable or fails for a
 * reason other than the source. A source error ({@link org.nnft.gpu.KernelBuildException}) stops the chain.
 */
final class CompilerChain implements PtxCompiler {
    private static final System.Logger LOG = System.getLogger(CompilerChain.class.getName());
    private static volatile CompilerChain defaults;

    private final List<PtxCompiler> compilers;

    CompilerChain(List<PtxCompiler> compilers) {
        this.compilers = List.copyOf(compilers);
    }

    /** NVRTC and nvcc as found on this machine (searched once per process). */
    static CompilerChain defaults() {
        CompilerChain c = defaults;
        if (c == null) {
            synchronized (CompilerChain.class) {
                if (defaults == null) {
                    defaults = find(System.getenv());
                }
                c = defaults;
            }
        }
        return c;
    }

    /** The compilers found with environment {@code env}. */
    static CompilerChain find(Map<String, String> env) {
        List<PtxCompiler> found = new ArrayList<>();
        NvrtcCompiler.locate(env).ifPresent(found::add);
        NvccCompiler.locate(env).ifPresent(found::add);
        return new CompilerChain(found);
    }

    /** The compilers, in the order tried. */
    List<PtxCompiler> compilers() {
        return compilers;
    }

    @Override
    public String description() {
        return compilers.isEmpty() ? "no CUDA compiler"
                : compilers.stream().map(PtxCompiler::description).collect(Collectors.joining(", then "));
    }

    @Override
    public String compile(String name, String source, int arch) {
        List<String> failures = new ArrayList<>();
        for (PtxCompiler c : compilers) {
            try {
                String ptx = c.compile(name, source, arch);
                LOG.log(System.Logger.Level.DEBUG, "cuda: kernel {0} compiled by {1}", name, c.description());
                return ptx;
            } catch (CompilerUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "cuda: {0}; trying the next compiler", e.getMessage());
                failures.add(e.getMessage());
            }
        }
        Supplier<String> why = () -> failures.isEmpty()
                ? "no precompiled PTX, no NVRTC library (set " + NvrtcCompiler.ENV
                  + " to libnvrtc.so or its folder) and no nvcc on PATH"
                : String.join("; ", failures);
        throw new EngineException("cuda: cannot compile kernel '" + name + "': " + why.get());
    }
}
