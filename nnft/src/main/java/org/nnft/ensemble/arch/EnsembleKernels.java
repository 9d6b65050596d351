package org.nnft.ensemble.arch;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelCatalog;

import java.util.List;

/**
 * Every portable kernel of the ensemble module, for build-time tools (CUDA PTX precompilation).
 * A new kernel must be added here, one line each, or it is compiled only at run time.
 */
public final class EnsembleKernels implements KernelCatalog {
    @Override
    public List<Kernel> kernels() {
        return List.of(
                CosNet.KERNEL, CosNet.KERNEL_SINGLE,
                EmpiricalNtkKernel.COSNET, EmpiricalNtkKernel.SHALLOW_NET, TrainedEnsembleKernel.KERNEL,
                TrainedEnsembleKernel.COSNET,
                ShallowNetwork.KERNEL, ShallowNetwork.KERNEL_SINGLE);
    }
}
