package org.nnft.lattice.update;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.Precision;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.Param;

/**
 * The leading parameters that every table-driven local-update kernel declares first, in this order: field (float64,
 * or float32 in single precision), accepted, the colour's site list, neighbour and hopping tables, a_x, b_x, the
 * number of sites n, the coordination number, seed and stream ({@link Checkerboard#sweep} sets them,
 * {@link SiteTables#of} reads them). The kernel's own parameters follow, then the linear-term buffer h_x, which each
 * kernel declares last.
 */
record TableParams(Param field, Param.F64Buffer accepted, Param.I32Buffer sites, Param.I32Buffer nbr,
                   Param.F64Buffer hop, Param.F64Buffer qa, Param.F64Buffer qb, Param.I32 n, Param.I32 coord,
                   Param.I64 seed, Param.I64 stream) {
    /** Declares the shared parameters at the front of {@code params}, with a field of {@code precision}. */
    static TableParams declare(KernelParams params, Precision precision) {
        Param field = precision == Precision.SINGLE ? params.f32Buffer("field") : params.f64Buffer("field");
        return new TableParams(field, params.f64Buffer("accepted"), params.i32Buffer("sites"),
                params.i32Buffer("nbr"), params.f64Buffer("hop"), params.f64Buffer("qa"), params.f64Buffer("qb"),
                params.i32("n"), params.i32("coord"), params.i64("seed"), params.i64("stream"));
    }

    /** Sets the field parameter to {@code buffer} (of the declared precision). */
    KernelArgs setField(KernelArgs args, DeviceBuffer buffer) {
        return switch (field) {
            case Param.F32Buffer f -> args.set(f, buffer);
            case Param.F64Buffer f -> args.set(f, buffer);
            default -> throw new IllegalStateException("field parameter " + field);
        };
    }
}
