package org.nnft.backend.cpu;

import org.nnft.engine.Backend;
import org.nnft.engine.Buffers;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.EngineException;

/** A CPU buffer: one Java array of the buffer's element type, released when the buffer or its backend closes. */
final class CpuBuffer implements DeviceBuffer {
    private final CpuBackend owner;
    private final DType dtype;
    private final int length;
    private Object array;

    CpuBuffer(CpuBackend owner, DType dtype, long length) {
        Buffers.checkLength(length);
        if (length > Buffers.MAX_HOST_ARRAY) {
            throw new EngineException("cpu backend: a buffer holds at most " + Buffers.MAX_HOST_ARRAY
                    + " elements, asked for " + length);
        }
        this.owner = owner;
        this.dtype = dtype;
        this.length = (int) length;
        try {
            this.array = switch (dtype) {
                case F32 -> new float[this.length];
                case F64 -> new double[this.length];
                case I32 -> new int[this.length];
            };
        } catch (OutOfMemoryError e) {
            throw new EngineException("cpu backend: out of memory allocating " + length + " " + dtype
                    + " elements (" + length * dtype.bytes() + " bytes); raise -Xmx or use smaller chunks", e);
        }
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

    @Override
    public boolean isClosed() {
        return array == null;
    }

    @Override
    public void close() {
        if (array != null) {
            array = null;
            owner.released(this);
        }
    }

    /** The backing array (float[], double[] or int[]) of this open buffer. */
    Object array(String what) {
        Buffers.checkOpen(this, what);
        return array;
    }

    float[] floats(String what) {
        Buffers.checkType(this, DType.F32, what);
        return (float[]) array;
    }

    double[] doubles(String what) {
        Buffers.checkType(this, DType.F64, what);
        return (double[]) array;
    }

    int[] ints(String what) {
        Buffers.checkType(this, DType.I32, what);
        return (int[]) array;
    }

    @Override
    public void write(long offset, float[] src, int srcOffset, int count) {
        Buffers.checkTransfer(this, DType.F32, offset, src.length, srcOffset, count, "write");
        System.arraycopy(src, srcOffset, array, (int) offset, count);
    }

    @Override
    public void write(long offset, double[] src, int srcOffset, int count) {
        Buffers.checkTransfer(this, DType.F64, offset, src.length, srcOffset, count, "write");
        System.arraycopy(src, srcOffset, array, (int) offset, count);
    }

    @Override
    public void write(long offset, int[] src, int srcOffset, int count) {
        Buffers.checkTransfer(this, DType.I32, offset, src.length, srcOffset, count, "write");
        System.arraycopy(src, srcOffset, array, (int) offset, count);
    }

    @Override
    public void read(long offset, float[] dst, int dstOffset, int count) {
        Buffers.checkTransfer(this, DType.F32, offset, dst.length, dstOffset, count, "read");
        System.arraycopy(array, (int) offset, dst, dstOffset, count);
    }

    @Override
    public void read(long offset, double[] dst, int dstOffset, int count) {
        Buffers.checkTransfer(this, DType.F64, offset, dst.length, dstOffset, count, "read");
        System.arraycopy(array, (int) offset, dst, dstOffset, count);
    }

    @Override
    public void read(long offset, int[] dst, int dstOffset, int count) {
        Buffers.checkTransfer(this, DType.I32, offset, dst.length, dstOffset, count, "read");
        System.arraycopy(array, (int) offset, dst, dstOffset, count);
    }
}
