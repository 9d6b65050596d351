package org.nnft.engine;

/**
 * A typed array in a backend's memory. Transfers to and from the host are explicit and blocking;
 * offsets and lengths count elements, not bytes. Using a closed buffer, a buffer of another
 * backend, the wrong element type or a range outside the buffer throws {@link EngineException}.
 */
public interface DeviceBuffer extends AutoCloseable {
    /** Element type. */
    DType dtype();

    /** Number of elements. */
    long length();

    /** The backend that owns this buffer. */
    Backend backend();

    /** Copies {@code count} floats from {@code src[srcOffset..]} to elements {@code [offset, offset+count)}. */
    void write(long offset, float[] src, int srcOffset, int count);

    /** Copies {@code count} doubles from {@code src[srcOffset..]} to elements {@code [offset, offset+count)}. */
    void write(long offset, double[] src, int srcOffset, int count);

    /** Copies {@code count} ints from {@code src[srcOffset..]} to elements {@code [offset, offset+count)}. */
    void write(long offset, int[] src, int srcOffset, int count);

    /** Copies elements {@code [offset, offset+count)} into {@code dst[dstOffset..]}. */
    void read(long offset, float[] dst, int dstOffset, int count);

    /** Copies elements {@code [offset, offset+count)} into {@code dst[dstOffset..]}. */
    void read(long offset, double[] dst, int dstOffset, int count);

    /** Copies elements {@code [offset, offset+count)} into {@code dst[dstOffset..]}. */
    void read(long offset, int[] dst, int dstOffset, int count);

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /** Releases the memory; idempotent. */
    @Override
    void close();

    /** Writes the whole of {@code src} from element 0. */
    default void write(float[] src) {
        write(0, src, 0, src.length);
    }

    /** Writes the whole of {@code src} from element 0. */
    default void write(double[] src) {
        write(0, src, 0, src.length);
    }

    /** Writes the whole of {@code src} from element 0. */
    default void write(int[] src) {
        write(0, src, 0, src.length);
    }

    /** Reads the whole buffer into a new float array (F32 buffers of at most 2^31-1 elements). */
    default float[] toFloatArray() {
        float[] out = new float[Buffers.hostLength(this)];
        read(0, out, 0, out.length);
        return out;
    }

    /** Reads the whole buffer into a new double array (F64 buffers of at most 2^31-1 elements). */
    default double[] toDoubleArray() {
        double[] out = new double[Buffers.hostLength(this)];
        read(0, out, 0, out.length);
        return out;
    }

    /** Reads the whole buffer into a new int array (I32 buffers of at most 2^31-1 elements). */
    default int[] toIntArray() {
        int[] out = new int[Buffers.hostLength(this)];
        read(0, out, 0, out.length);
        return out;
    }
}
