package org.nnft.engine.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Service that lists every portable {@link Kernel} a module defines, so that build tools can
 * enumerate all kernels on a class path (e.g. to precompile their CUDA PTX into the shipped jar).
 * A module registers one implementation in
 * {@code META-INF/services/org.nnft.engine.kernel.KernelCatalog}; a kernel missing from its
 * module's catalog still works, it is only compiled at run time instead of at build time.
 */
public interface KernelCatalog {
    /** The module's kernels, each with the exact source it is launched with. */
    List<Kernel> kernels();

    /** The kernels of every catalog that {@code loader} finds, catalog by catalog in discovery order. */
    static List<Kernel> all(ClassLoader loader) {
        List<Kernel> out = new ArrayList<>();
        for (KernelCatalog c : ServiceLoader.load(KernelCatalog.class, loader)) {
            out.addAll(c.kernels());
        }
        return out;
    }
}
