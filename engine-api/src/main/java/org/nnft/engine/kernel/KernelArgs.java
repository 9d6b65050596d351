package org.nnft.engine.kernel;

import org.nnft.engine.Buffers;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The argument list of one kernel launch. A kernel with a {@link KernelParams} declaration gets its list from
 * {@link KernelParams#args()} and sets each argument by name ({@link #set}); the launch checks that none is
 * missing. Kernels without one (the backends' own core kernels) append their arguments in declaration order.
 */
public final class KernelArgs {
    private final KernelParams declaration;
    private final List<Object> values = new ArrayList<>();
    private final List<ArgType> types = new ArrayList<>();

    /** An empty list to append to in declaration order. */
    public KernelArgs() {
        this.declaration = null;
    }

    /** A list of {@code declaration.size()} unset arguments. */
    KernelArgs(KernelParams declaration) {
        this.declaration = declaration;
        for (int i = 0; i < declaration.size(); i++) {
            values.add(null);
            types.add(null);
        }
    }

    /** Appends a buffer argument; its element type decides the argument type. */
    public KernelArgs buffer(DeviceBuffer buffer) {
        Buffers.checkOpen(buffer, "kernel argument " + values.size());
        return add(buffer, Param.bufferType(buffer.dtype()));
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

    /** Sets buffer parameter {@code p}; the buffer's element type must be the parameter's. */
    public KernelArgs set(Param.F64Buffer p, DeviceBuffer buffer) {
        return setBuffer(p, buffer);
    }

    public KernelArgs set(Param.F32Buffer p, DeviceBuffer buffer) {
        return setBuffer(p, buffer);
    }

    public KernelArgs set(Param.I32Buffer p, DeviceBuffer buffer) {
        return setBuffer(p, buffer);
    }

    public KernelArgs set(Param.I32 p, int v) {
        return put(p, v);
    }

    public KernelArgs set(Param.I64 p, long v) {
        return put(p, v);
    }

    public KernelArgs set(Param.F32 p, float v) {
        return put(p, v);
    }

    public KernelArgs set(Param.F64 p, double v) {
        return put(p, v);
    }

    private KernelArgs setBuffer(Param p, DeviceBuffer buffer) {
        Buffers.checkOpen(buffer, "kernel argument " + p.name());
        ArgType t = Param.bufferType(buffer.dtype());
        if (t != p.type()) {
            throw new IllegalArgumentException("kernel argument " + p.name() + " must be " + p.type() + ", got " + t);
        }
        return put(p, buffer);
    }

    private KernelArgs put(Param p, Object v) {
        if (declaration == null || p.owner() != declaration) {
            throw new IllegalArgumentException("parameter " + p.name() + " is not one of this argument list's kernel");
        }
        values.set(p.index(), v);
        types.set(p.index(), p.type());
        return this;
    }

    private KernelArgs add(Object v, ArgType t) {
        if (declaration != null) {
            throw new IllegalStateException("a declared argument list is set by name, not appended to");
        }
        values.add(v);
        types.add(t);
        return this;
    }

    public int size() {
        return values.size();
    }

    /** The type of argument {@code index}, or null while a declared argument is unset. */
    public ArgType type(int index) {
        return types.get(index);
    }

    /** The name of the declared parameter at {@code index}, or "#index" without a declaration. */
    String nameAt(int index) {
        return declaration == null ? "#" + index : declaration.get(index).name();
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
