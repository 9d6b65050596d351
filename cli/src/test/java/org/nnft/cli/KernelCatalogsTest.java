package org.nnft.cli;

import org.junit.jupiter.api.Test;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelCatalog;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's class path (what nnft.jar ships) sees the kernel catalogs of every domain module. */
class KernelCatalogsTest {
    @Test
    void everyDomainModulesCatalogIsFound() {
        List<String> names = KernelCatalog.all(getClass().getClassLoader()).stream().map(Kernel::name).toList();
        assertTrue(names.containsAll(List.of("ensemble_cosnet", "ensemble_shallow_net",
                "lattice_metropolis", "lattice_metropolis_hypercubic", "lattice_metropolis_single", "lattice_heatbath",
                "lattice_overrelaxation",
                "deform_reweight", "deform_mcmc")), names.toString());
    }
}
