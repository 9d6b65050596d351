package org.nnft.engine;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

/**
 * A compute backend: memory plus the operations every domain module is built from.
 *
 * <p>Operations run in submission order. Host transfers ({@link DeviceBuffer#read}) and the
 * reductions that return a value block until all earlier work is done, so callers never
 * synchronise explicitly. A backend is not safe for concurrent use from several threads; it
 * parallelises internally.
 *
 * <p>Random fills follow the stream layout of {@link org.nnft.engine.random.RandomStreams}: the
 * value of element {@code j} depends only on {@code (seed, stream, first + j)}, so every backend,
 * thread count and chunking gives the same numbers (bit for bit for the integer words and the
 * conversions, which use no transcendental library function).
 */
public interface Backend extends AutoCloseable {

    /** Short registry name, e.g. "cpu", "opencl", "cuda". */
    String name();

    /** The device this backend runs on. */
    DeviceInfo device();

    /** Allocates an uninitialised buffer of {@code length} elements. */
    DeviceBuffer allocate(DType type, long length);

    /**
     * Fills {@code out} with uniform variates: element {@code j} gets
     * {@code RandomStreams.uniformFloat/uniformDouble(seed, stream, first + j)} according to its type (F32 or F64).
     */
    void fillUniform(DeviceBuffer out, long seed, long stream, long first);

    /**
     * Fills {@code out} with standard normals: element {@code j} gets
     * {@code RandomStreams.normal(seed, stream, first + j)}.
     */
    void fillNormal(DeviceBuffer out, long seed, long stream, long first);

    /**
     * Count, sum, sum of squares, min and max of {@code [offset, offset+count)} in float64 (F32, F64 or I32 buffers).
     */
    Summary summarize(DeviceBuffer buffer, long offset, long count);

    /**
     * General matrix multiply, row-major, all three buffers of one type (F32 or F64):
     * {@code C = alpha * op(A) * op(B) + beta * C} with op(A) of shape m x k and op(B) of shape k x n.
     * {@code transA} means A is stored k x m; {@code transB} means B is stored n x k. When beta is 0,
     * C is not read (NaNs in it do not propagate).
     */
    void matmul(boolean transA, boolean transB, int m, int n, int k, double alpha,
                DeviceBuffer a, DeviceBuffer b, double beta, DeviceBuffer c);

    /**
     * Symmetric rank-k update {@code C = alpha * A^T A + beta * C}, A row-major k x n (k samples of
     * n variables), C n x n with both triangles written. When beta is 0, C is not read.
     */
    void syrk(int n, int k, double alpha, DeviceBuffer a, double beta, DeviceBuffer c);

    /**
     * Runs a portable kernel over work items {@code 0 .. globalSize-1}. Each work item must write
     * only its own outputs; the kernel receives its own size as an argument and ignores ids past it
     * (GPU drivers round the launch up to whole work-groups).
     */
    void launch(Kernel kernel, long globalSize, KernelArgs args);

    /** Blocks until all submitted work has finished. */
    void finish();

    /** Releases the backend's resources; buffers still open are released too. Idempotent. */
    @Override
    void close();

    /** Summary of a whole buffer. */
    default Summary summarize(DeviceBuffer buffer) {
        return summarize(buffer, 0, buffer.length());
    }

    /**
     * Sum of a whole buffer in float64: {@code summarize(buffer).sum()} bit for bit (the same blocks, the same
     * order). A backend may compute it without the other statistics, as a hot loop that needs only the sum
     * (an acceptance count per sweep) should not pay for them.
     */
    default double sum(DeviceBuffer buffer) {
        return summarize(buffer).sum();
    }

    /** A new F32 buffer holding a copy of {@code data}. */
    default DeviceBuffer upload(float[] data) {
        DeviceBuffer b = allocate(DType.F32, data.length);
        b.write(data);
        return b;
    }

    /** A new F64 buffer holding a copy of {@code data}. */
    default DeviceBuffer upload(double[] data) {
        DeviceBuffer b = allocate(DType.F64, data.length);
        b.write(data);
        return b;
    }

    /** A new I32 buffer holding a copy of {@code data}. */
    default DeviceBuffer upload(int[] data) {
        DeviceBuffer b = allocate(DType.I32, data.length);
        b.write(data);
        return b;
    }
}
