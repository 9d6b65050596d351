package org.nnft.backend.cpu;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.spi.BackendProvider;

/** Registers the CPU backend as "cpu"; options as in {@link CpuOptions}. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Probe probe() {
        return Probe.available("Java on " + Runtime.getRuntime().availableProcessors() + " processors", 0);
    }

    @Override
    public Backend open(BackendOptions options) {
        return CpuBackend.open(options);
    }
}
