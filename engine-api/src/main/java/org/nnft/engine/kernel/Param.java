package org.nnft.engine.kernel;

import org.nnft.engine.DType;

/**
 * One named, typed parameter of a kernel, declared once in its {@link KernelParams}: its position there is its
 * position in the C function's parameter list and in the launch's {@link KernelArgs}. The launch site sets it by
 * name ({@link KernelArgs#set}); the Java body reads it once per task with {@code of(args)}, which returns the
 * value unboxed (a buffer as the CPU backend's host array).
 */
public abstract sealed class Param permits Param.F32Buffer, Param.F64Buffer, Param.I32Buffer, Param.I32, Param.I64,
        Param.F32, Param.F64 {
    private final KernelParams owner;
    private final String name;
    private final int index;
    private final ArgType type;

    private Param(KernelParams owner, String name, int index, ArgType type) {
        this.owner = owner;
        this.name = name;
        this.index = index;
        this.type = type;
    }

    /** The name, as the C parameter is called. */
    public final String name() {
        return name;
    }

    /** Position in the parameter list, from 0. */
    public final int index() {
        return index;
    }

    public final ArgType type() {
        return type;
    }

    /** The declaration this parameter belongs to. */
    final KernelParams owner() {
        return owner;
    }

    @Override
    public final String toString() {
        return name + ":" + type;
    }

    /** {@code GLOBAL float*}. */
    public static final class F32Buffer extends Param {
        F32Buffer(KernelParams owner, String name, int index) {
            super(owner, name, index, ArgType.F32_BUFFER);
        }

        public float[] of(CpuArgs args) {
            return args.floats(index());
        }
    }

    /** {@code GLOBAL double*}. */
    public static final class F64Buffer extends Param {
        F64Buffer(KernelParams owner, String name, int index) {
            super(owner, name, index, ArgType.F64_BUFFER);
        }

        public double[] of(CpuArgs args) {
            return args.doubles(index());
        }
    }

    /** {@code GLOBAL int*}. */
    public static final class I32Buffer extends Param {
        I32Buffer(KernelParams owner, String name, int index) {
            super(owner, name, index, ArgType.I32_BUFFER);
        }

        public int[] of(CpuArgs args) {
            return args.ints(index());
        }
    }

    /** {@code int} by value. */
    public static final class I32 extends Param {
        I32(KernelParams owner, String name, int index) {
            super(owner, name, index, ArgType.INT);
        }

        public int of(CpuArgs args) {
            return args.intArg(index());
        }
    }

    /** {@code i64} (Java long) by value. */
    public static final class I64 extends Param {
        I64(KernelParams owner, String name, int index) {
            super(owner, name, index, ArgType.LONG);
        }

        public long of(CpuArgs args) {
            return args.longArg(index());
        }
    }

    /** {@code float} by value. */
    public static final class F32 extends Param {
        F32(KernelParams owner, String name, int index) {
            super(owner, name, index, ArgType.FLOAT);
        }

        public float of(CpuArgs args) {
            return args.floatArg(index());
        }
    }

    /** {@code double} by value. */
    public static final class F64 extends Param {
        F64(KernelParams owner, String name, int index) {
            super(owner, name, index, ArgType.DOUBLE);
        }

        public double of(CpuArgs args) {
            return args.doubleArg(index());
        }
    }

    /** The buffer argument type whose elements are {@code dtype}. */
    static ArgType bufferType(DType dtype) {
        return switch (dtype) {
            case F32 -> ArgType.F32_BUFFER;
            case F64 -> ArgType.F64_BUFFER;
            case I32 -> ArgType.I32_BUFFER;
        };
    }
}
