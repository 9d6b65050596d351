package org.nnft.engine.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The one declaration of a kernel's parameter list: named, typed {@link Param}s in the order of the C function's
 * parameters. Everything else derives from it: the {@link ArgType} signature of the {@link Kernel}, the launch's
 * {@link KernelArgs} ({@link #args()}, set by name), and the Java body's reads ({@code PARAM.of(args)}).
 *
 * <p>Usage: a kernel class declares its parameters as static final fields in order, then its kernel with
 * {@link Kernel#of(String, String, CpuKernel, KernelParams)}, which freezes the declaration.
 * <pre>{@code
 * private static final KernelParams PARAMS = new KernelParams();
 * static final Param.F64Buffer FIELD = PARAMS.f64Buffer("field");
 * static final Param.I32 N = PARAMS.i32("n");
 * static final Kernel KERNEL = Kernel.of("my_kernel", source, MyKernel::run, PARAMS);
 * }</pre>
 * The C twin test of each module compares the C parameter list with {@link #params()}: names, types and order
 * ({@link CParameters}).
 */
public final class KernelParams {
    private final List<Param> params = new ArrayList<>();
    private boolean frozen;

    public Param.F32Buffer f32Buffer(String name) {
        return add(new Param.F32Buffer(this, name, next(name)));
    }

    public Param.F64Buffer f64Buffer(String name) {
        return add(new Param.F64Buffer(this, name, next(name)));
    }

    public Param.I32Buffer i32Buffer(String name) {
        return add(new Param.I32Buffer(this, name, next(name)));
    }

    public Param.I32 i32(String name) {
        return add(new Param.I32(this, name, next(name)));
    }

    public Param.I64 i64(String name) {
        return add(new Param.I64(this, name, next(name)));
    }

    public Param.F32 f32(String name) {
        return add(new Param.F32(this, name, next(name)));
    }

    public Param.F64 f64(String name) {
        return add(new Param.F64(this, name, next(name)));
    }

    /** The parameters in declaration order. */
    public List<Param> params() {
        return List.copyOf(params);
    }

    /** Their argument types in declaration order. */
    public List<ArgType> signature() {
        return params.stream().map(Param::type).toList();
    }

    /** An empty argument list of one launch, to be filled by name ({@link KernelArgs#set}). */
    public KernelArgs args() {
        return new KernelArgs(this);
    }

    int size() {
        return params.size();
    }

    Param get(int index) {
        return params.get(index);
    }

    /** Ends the declaration (a kernel has been made of it): no parameter may follow. */
    KernelParams freeze() {
        frozen = true;
        return this;
    }

    private int next(String name) {
        if (frozen) {
            throw new IllegalStateException("parameter " + name + " declared after the kernel was made");
        }
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name must be a C identifier, got '" + name + "'");
        }
        for (Param p : params) {
            if (p.name().equals(name)) {
                throw new IllegalArgumentException("parameter " + name + " declared twice");
            }
        }
        return params.size();
    }

    private <P extends Param> P add(P p) {
        params.add(p);
        return p;
    }
}
