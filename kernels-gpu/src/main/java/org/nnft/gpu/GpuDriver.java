package org.nnft.gpu;

import org.nnft.engine.DeviceInfo;
import org.nnft.engine.kernel.ArgType;

import java.util.List;

/**
 * The thin per-API layer (OpenCL, CUDA) under {@link GpuBackend}. Everything above it (buffers,
 * argument checks, kernel caching, the core operations, chunking) is shared by both APIs.
 *
 * <p>Memory is addressed by opaque {@code long} handles that only the driver interprets
 * (a device pointer for CUDA, an index into a table of {@code cl_mem} for OpenCL). Byte offsets
 * and sizes are {@code long}. Every call that fails throws {@link org.nnft.engine.EngineException}
 * (or its subclass {@link KernelBuildException}) with the API's error name and what was being done.
 * Calls are issued from one thread at a time, in order; transfers to the host block.
 */
public interface GpuDriver extends AutoCloseable {

    /** "opencl" or "cuda". */
    String api();

    /** The device this driver was opened on. */
    DeviceInfo device();

    /** Allocates {@code bytes} of device memory; out of memory is an EngineException naming the size. */
    long allocate(long bytes);

    /** Frees memory from {@link #allocate}. */
    void free(long handle);

    /** Host to device: {@code count} elements of {@code src} from {@code srcOffset} to byte {@code byteOffset}. */
    void write(long handle, long byteOffset, float[] src, int srcOffset, int count);

    void write(long handle, long byteOffset, double[] src, int srcOffset, int count);

    void write(long handle, long byteOffset, int[] src, int srcOffset, int count);

    /** Device to host, blocking until all earlier work is done. */
    void read(long handle, long byteOffset, float[] dst, int dstOffset, int count);

    void read(long handle, long byteOffset, double[] dst, int dstOffset, int count);

    void read(long handle, long byteOffset, int[] dst, int dstOffset, int count);

    /**
     * Compiles {@code source} (prelude already prepended) and returns a handle to its entry point
     * {@code name}. A compile error throws {@link KernelBuildException} carrying the compiler log.
     */
    CompiledKernel compile(String name, String source);

    /**
     * Launches {@code kernel} over {@code globalSize} work items (rounded up to whole groups of
     * {@code localSize}, or of a size the driver chooses when {@code localSize} is 0). Arguments
     * follow {@code types}: buffer handles as {@link Long}, scalars as Integer, Long, Float, Double.
     */
    void launch(CompiledKernel kernel, long globalSize, int localSize, List<ArgType> types, List<Object> args);

    /** Blocks until all submitted work has finished. */
    void finish();

    /** Releases the context and everything in it. Idempotent. */
    @Override
    void close();

    /** A compiled entry point; {@link #release()} frees its module/program. */
    interface CompiledKernel {
        String name();

        void release();
    }
}
