package org.nnft.gpu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled kernels keyed by (entry-point name, source): each pair is compiled once per backend,
 * with the driver's prelude and {@code random.h} prepended.
 */
final class KernelCache {
    private record Key(String name, String source) {
    }

    private final GpuDriver driver;
    private final KernelSources sources;
    private final Map<Key, GpuDriver.CompiledKernel> compiled = new LinkedHashMap<>();

    KernelCache(GpuDriver driver) {
        this.driver = driver;
        this.sources = new KernelSources(driver.api());
    }

    /** The compiled entry point {@code name} of {@code source}, compiling it on first use. */
    GpuDriver.CompiledKernel get(String name, String source) {
        Key key = new Key(name, source);
        GpuDriver.CompiledKernel k = compiled.get(key);
        if (k == null) {
            k = driver.compile(name, sources.assemble(source));
            compiled.put(key, k);
        }
        return k;
    }

    /** Releases every compiled kernel. */
    void clear() {
        for (GpuDriver.CompiledKernel k : compiled.values()) {
            k.release();
        }
        compiled.clear();
    }
}
