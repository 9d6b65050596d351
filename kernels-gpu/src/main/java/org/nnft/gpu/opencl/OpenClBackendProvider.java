package org.nnft.gpu.opencl;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.EngineException;
import org.nnft.gpu.GpuBackend;
import org.nnft.engine.spi.BackendProvider;

/**
 * Registers the OpenCL backend as "opencl". Options: {@code device} and {@code platform} (an index
 * or a case-insensitive name substring, see {@link OpenClDevices}), {@code launchItems} (largest
 * work-item count of one core-kernel launch, default {@value GpuBackend#DEFAULT_MAX_ITEMS_PER_LAUNCH}).
 * Priority 20 on a GPU, -10 on a CPU device such as PoCL (below the Java CPU backend).
 */
public final class OpenClBackendProvider implements BackendProvider {
    static final int GPU_PRIORITY = 20;
    static final int CPU_PRIORITY = -10;

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public Probe probe() {
        try {
            OpenClDevice d = OpenClDevices.select(BackendOptions.DEFAULTS);
            return Probe.available(d.info().toString(), d.isGpu() ? GPU_PRIORITY : CPU_PRIORITY);
        } catch (Throwable t) {
            return Probe.unavailable(reason(t));
        }
    }

    @Override
    public Backend open(BackendOptions options) {
        int launchItems = options.intValue("launchItems", (int) GpuBackend.DEFAULT_MAX_ITEMS_PER_LAUNCH, 256);
        OpenClDevice device;
        try {
            device = OpenClDevices.select(options);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException("opencl: " + reason(e), e);
        }
        return new GpuBackend(new OpenClDriver(device), launchItems);
    }

    /** A one-line reason for a failure to load or enumerate OpenCL. */
    private static String reason(Throwable t) {
        if (t instanceof BackendUnavailableException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
