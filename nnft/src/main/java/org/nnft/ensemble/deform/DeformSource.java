package org.nnft.ensemble.deform;

import org.nnft.engine.kernel.KernelSource;
import org.nnft.ensemble.arch.EnsembleKernel;

/** Source of a deformation kernel: the ensemble prelude, the cos-net, the grid helpers, then the kernel. */
final class DeformSource {
    private DeformSource() {
    }

    static String with(String kernelResource) {
        return KernelSource.resource(EnsembleKernel.class, "ensemble_prelude.c")
                + KernelSource.resource(EnsembleKernel.class, "cosnet.c")
                + KernelSource.resource(DeformSource.class, "deform_grid.c")
                + KernelSource.resource(DeformSource.class, kernelResource);
    }
}
