package org.nnft.gpu.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;

/**
 * A host buffer through which Java arrays travel to and from the device in chunks: page-locked
 * ({@code cuMemAllocHost_v2}, so copies are DMA and synchronous) when the driver grants it, else
 * ordinary native memory. Must be created and closed with the driver's context current.
 */
@SuppressWarnings("restricted") // FFM downcalls are this class's job
final class HostStaging implements AutoCloseable {
    private final CudaLibrary lib;
    private final MemorySegment segment;
    private final boolean pinned;
    private final Arena arena;

    private HostStaging(CudaLibrary lib, MemorySegment segment, boolean pinned, Arena arena) {
        this.lib = lib;
        this.segment = segment;
        this.pinned = pinned;
        this.arena = arena;
    }

    /** A staging buffer of {@code bytes}, pinned if possible. */
    static HostStaging allocate(CudaLibrary lib, long bytes) {
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment out = tmp.allocate(ADDRESS);
            if (lib.cuMemAllocHost(out, bytes) == CudaErrors.SUCCESS) {
                return new HostStaging(lib, out.get(ADDRESS, 0).reinterpret(bytes), true, null);
            }
        }
        Arena shared = Arena.ofShared();
        return new HostStaging(lib, shared.allocate(bytes, 4096), false, shared);
    }

    /** The buffer. */
    MemorySegment segment() {
        return segment;
    }

    /** Its size in bytes. */
    long capacity() {
        return segment.byteSize();
    }

    /** Whether it is page-locked memory of the driver. */
    boolean pinned() {
        return pinned;
    }

    @Override
    public void close() {
        if (pinned) {
            lib.cuMemFreeHost(segment);
        } else {
            arena.close();
        }
    }
}
