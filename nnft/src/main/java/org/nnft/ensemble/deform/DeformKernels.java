package org.nnft.ensemble.deform;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelCatalog;

import java.util.List;

/**
 * The portable kernels of the deformed ensembles, for build-time tools (CUDA PTX precompilation).
 * A new kernel must be added here, one line each, or it is compiled only at run time.
 */
public final class DeformKernels implements KernelCatalog {
    @Override
    public List<Kernel> kernels() {
        return List.of(
                ReweightKernel.KERNEL, ReweightKernel.KERNEL_SINGLE,
                McmcKernel.KERNEL, McmcKernel.KERNEL_SINGLE);
    }
}
