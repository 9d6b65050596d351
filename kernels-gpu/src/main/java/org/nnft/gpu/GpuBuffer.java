package org.nnft.gpu;

import org.nnft.engine.Backend;
import org.nnft.engine.Buffers;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;

/**
 * A buffer in device memory: a driver handle, an element type and a length. Offsets are elements; the driver gets
 * bytes.
 */
final class GpuBuffer implements DeviceBuffer {
    private final GpuBackend owner;
    private final DType dtype;
    private final long length;
    private final long handle;
    private boolean closed;

    GpuBuffer(GpuBackend owner, DType dtype, long length, long handle) {
        this.owner = owner;
        this.dtype = dtype;
        this.length = length;
        this.handle = handle;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Backend backend() {
        return owner;
    }

    /** The driver handle, after checking that the buffer is still open. */
    long handle(String what) {
        Buffers.checkOpen(this, what);
        return handle;
    }

    private long byteOffset(long offset) {
        return offset * dtype.bytes();
    }

    @Override
    public void write(long offset, float[] src, int srcOffset, int count) {
        Buffers.checkTransfer(this, DType.F32, offset, src.length, srcOffset, count, "write");
        if (count > 0) {
            owner.driver().write(handle, byteOffset(offset), src, srcOffset, count);
        }
    }

    @Override
    public void write(long offset, double[] src, int srcOffset, int count) {
        Buffers.checkTransfer(this, DType.F64, offset, src.length, srcOffset, count, "write");
        if (count > 0) {
            owner.driver().write(handle, byteOffset(offset), src, srcOffset, count);
        }
    }

    @Override
    public void write(long offset, int[] src, int srcOffset, int count) {
        Buffers.checkTransfer(this, DType.I32, offset, src.length, srcOffset, count, "write");
        if (count > 0) {
            owner.driver().write(handle, byteOffset(offset), src, srcOffset, count);
        }
    }

    @Override
    public void read(long offset, float[] dst, int dstOffset, int count) {
        Buffers.checkTransfer(this, DType.F32, offset, dst.length, dstOffset, count, "read");
        if (count > 0) {
            owner.driver().read(handle, byteOffset(offset), dst, dstOffset, count);
        }
    }

    @Override
    public void read(long offset, double[] dst, int dstOffset, int count) {
        Buffers.checkTransfer(this, DType.F64, offset, dst.length, dstOffset, count, "read");
        if (count > 0) {
            owner.driver().read(handle, byteOffset(offset), dst, dstOffset, count);
        }
    }

    @Override
    public void read(long offset, int[] dst, int dstOffset, int count) {
        Buffers.checkTransfer(this, DType.I32, offset, dst.length, dstOffset, count, "read");
        if (count > 0) {
            owner.driver().read(handle, byteOffset(offset), dst, dstOffset, count);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.release(this, handle);
        }
    }

    /** The handle without checks, for the backend's own bookkeeping. */
    long rawHandle() {
        return handle;
    }

    /** Marks the buffer closed without freeing (the backend frees it itself when it closes). */
    void invalidate() {
        closed = true;
    }

    @Override
    public String toString() {
        return "GpuBuffer[" + dtype + " x " + length + (closed ? ", closed" : "") + "]";
    }
}
