package org.nnft.gpu.cuda;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.spi.BackendProvider;
import org.nnft.gpu.GpuBackend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The "cuda" backend: {@link GpuBackend} over {@link CudaDriver} on the NVIDIA driver
 * ({@code libcuda.so.1}). Options: {@code device} (a device index or a case-insensitive substring of
 * its name; default device 0) and {@code launchItems} (largest number of work items of one core
 * launch, as for OpenCL). Preferred over OpenCL GPUs.
 */
public final class CudaBackendProvider implements BackendProvider {
    /** Registry name. */
    public static final String NAME = "cuda";
    /** Preference in {@code Backends.best()}: above OpenCL GPUs (20). */
    public static final int PRIORITY = 30;

    private final String library;

    /** The provider on the system's NVIDIA driver. */
    public CudaBackendProvider() {
        this(CudaLibrary.DEFAULT_NAME);
    }

    /** A provider on another driver library (a name or a path), for tests. */
    CudaBackendProvider(String library) {
        this.library = library;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Probe probe() {
        try {
            CudaLibrary lib = CudaLibrary.load(library);
            int rc = lib.cuInit(0);
            if (rc != CudaErrors.SUCCESS) {
                return Probe.unavailable(lib.message(rc, "cuInit", null));
            }
            int count;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment out = a.allocate(JAVA_INT);
                rc = lib.cuDeviceGetCount(out);
                if (rc != CudaErrors.SUCCESS) {
                    return Probe.unavailable(lib.message(rc, "cuDeviceGetCount", null));
                }
                count = out.get(JAVA_INT, 0);
            }
            if (count <= 0) {
                return Probe.unavailable("cuda: no CUDA device (cuDeviceGetCount returned " + count + ")");
            }
            List<String> names = CudaDriver.deviceNames(lib);
            String more = names.size() > 1 ? " and " + (names.size() - 1) + " more" : "";
            return Probe.available(names.getFirst() + more, PRIORITY);
        } catch (BackendUnavailableException e) {
            return Probe.unavailable(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return Probe.unavailable("cuda: probe failed: " + e);
        }
    }

    @Override
    public Backend open(BackendOptions options) {
        int launchItems = options.intValue("launchItems", (int) GpuBackend.DEFAULT_MAX_ITEMS_PER_LAUNCH, 256);
        CudaDriver driver = CudaDriver.open(CudaLibrary.load(library), options.get("device"),
                CompilerChain::defaults, CudaDriver.DEFAULT_STAGING_BYTES);
        try {
            return new GpuBackend(driver, launchItems);
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }
}
