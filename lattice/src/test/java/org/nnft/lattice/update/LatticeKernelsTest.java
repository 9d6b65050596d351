package org.nnft.lattice.update;

import org.junit.jupiter.api.Test;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelCatalog;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lattice module's kernel catalog is registered and lists its update kernels. */
class LatticeKernelsTest {
    @Test
    void theRegisteredCatalogListsTheUpdateKernels() {
        List<Kernel> kernels = KernelCatalog.all(getClass().getClassLoader());
        List<String> names = kernels.stream().map(Kernel::name).toList();
        assertTrue(names.containsAll(List.of("lattice_metropolis", "lattice_heatbath", "lattice_overrelaxation",
                "lattice_metropolis_single", "lattice_metropolis_f32", "lattice_heatbath_f32",
                "lattice_overrelaxation_f32")), names.toString());
        assertEquals(names.size(), new HashSet<>(names).size(), "kernel names are unique: " + names);
        assertTrue(kernels.containsAll(List.of(MetropolisKernel.KERNEL, HeatBathKernel.KERNEL,
                OverrelaxationKernel.KERNEL)));
    }
}
