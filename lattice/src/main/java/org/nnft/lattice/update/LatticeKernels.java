package org.nnft.lattice.update;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelCatalog;
import org.nnft.lattice.learn.RbmGibbsKernel;

import java.util.List;

/**
 * Every portable kernel of the lattice module, for build-time tools (CUDA PTX precompilation).
 * A new kernel must be added here, one line each, or it is compiled only at run time.
 */
public final class LatticeKernels implements KernelCatalog {
    @Override
    public List<Kernel> kernels() {
        return List.of(
                MetropolisKernel.KERNEL,
                MetropolisKernel.KERNEL_SINGLE,
                HypercubicMetropolisKernel.KERNEL,
                SingleMetropolisKernel.KERNEL,
                HeatBathKernel.KERNEL,
                HeatBathKernel.KERNEL_SINGLE,
                OverrelaxationKernel.KERNEL,
                OverrelaxationKernel.KERNEL_SINGLE,
                RbmGibbsKernel.KERNEL);
    }
}
