package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.kernel.CParameters;
import org.nnft.engine.kernel.Kernel;
import org.nnft.ensemble.arch.EnsembleKernels;
import org.nnft.ensemble.deform.DeformKernels;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The C entry point of every kernel of the module declares the parameters of its Java declaration: same order,
 * types and names (the C code cannot run here; the cross-backend tests run it where a device exists).
 */
class KernelTwinTest {
    @Test
    void cSourcesDeclareTheEntryPointWithTheJavaParameters() {
        List<Kernel> kernels = new ArrayList<>(new EnsembleKernels().kernels());
        kernels.addAll(new DeformKernels().kernels());
        for (Kernel k : kernels) {
            assertNull(CParameters.mismatch(k));
        }
    }
}
