package org.nnft.ensemble.arch;

import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelCatalog;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ensemble's kernel catalog is registered and lists the kernel each architecture launches. */
class EnsembleKernelsTest {
    @Test
    void theRegisteredCatalogListsEveryArchitecturesKernel() {
        List<Kernel> kernels = KernelCatalog.all(getClass().getClassLoader());
        List<String> names = kernels.stream().map(Kernel::name).toList();
        assertTrue(names.containsAll(List.of("ensemble_cosnet", "ensemble_shallow_net")), names.toString());
        assertEquals(names.size(), new HashSet<>(names).size(), "kernel names are unique: " + names);
        for (Architecture arch : List.<Architecture>of(
                new CosNet(2, 1.0, 3.0, 1.0, 8, MomentumDensity.UNIFORM_BALL),
                new ShallowNetwork(Activation.ERF, 2, 1, 8, 1.0, 0.5),
                new ShallowNetwork(Activation.RELU, 1, 2, 8, 1.0, 0.5))) {
            assertTrue(kernels.contains(arch.kernel()), arch + " launches a kernel missing from the catalog");
        }
    }
}
