package org.nnft.engine.kernel;

import org.nnft.engine.Buffers;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;

import java.util.ArrayList;
import java.util.List;

/** The argument list of one kernel launch, built in declaration order. */
public final class KernelArgs {
    private final List<Object> values = new ArrayList<>();
    private final List<ArgType> types = new ArrayList<>();

    /** Appends a buffer argument; its element type decides the argument type. */
    public KernelArgs buffer(DeviceBuffer buffer) {
        Buffers.checkOpen(buffer, "kernel argument " + values.size());
        ArgType t = switch (buffer.dtype()) {
            case F32 -> ArgType.F32_BUFFER;
            case F64 -> ArgType.F64_BUFFER;
            case I32 -> ArgType.I32_BUFFER;
        };
        return add(buffer, t);
    }

    public KernelArgs i32(int v) {
        return add(v, ArgType.INT);
    }

    public KernelArgs i64(long v) {
        return add(v, ArgType.LONG);
    }

    public KernelArgs f32(float v) {
        return add(v, ArgType.FLOAT);
    }

    public KernelArgs f64(double v) {
        return add(v, ArgType.DOUBLE);
    }

    private KernelArgs add(Object v, ArgType t) {
        values.add(v);
        types.add(t);
        return this;
    }

    public int size() {
        return values.size();
    }

    public ArgType type(int index) {
        return types.get(index);
    }

    /** The raw value: a {@link DeviceBuffer}, Integer, Long, Float or Double. */
    public Object value(int index) {
        return values.get(index);
    }

    public DeviceBuffer bufferAt(int index) {
        return (DeviceBuffer) values.get(index);
    }

    /** The element type of the buffer argument at {@code index}. */
    public DType dtypeAt(int index) {
        return bufferAt(index).dtype();
    }
}
