package org.nnft.gpu;

import org.nnft.engine.DType;
import org.nnft.engine.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names and sources of the core kernels ({@code fill.c}, {@code summarize.c}, {@code matmul.c}),
 * specialised per element type by {@code #define}s. Each resource is written once in the portable
 * dialect. They are not {@link org.nnft.engine.kernel.Kernel}s (the CPU backend implements these
 * operations natively, without a Java twin), so build tools list them through {@link #all()}.
 */
public final class CoreKernels {
    /** Work-group size of the summarize kernel (a power of two). */
    static final int SUMMARIZE_GROUP = 256;
    /** Side of a matmul tile; a matmul work-group has TILE^2 items. */
    static final int MATMUL_TILE = 16;

    private static final String FILL = KernelSources.core("fill.c");
    private static final String SUMMARIZE_F32 = summarizeSource(DType.F32);
    private static final String SUMMARIZE_F64 = summarizeSource(DType.F64);
    private static final String SUMMARIZE_I32 = summarizeSource(DType.I32);
    private static final String MATMUL_F32 = matmulSource(DType.F32);
    private static final String MATMUL_F64 = matmulSource(DType.F64);

    /** A kernel entry point and its source (without prelude). */
    public record Source(String name, String text) {
    }

    private CoreKernels() {
    }

    /** Every core kernel entry point that {@link GpuBackend} launches, with its source. */
    public static List<Source> all() {
        List<Source> out = new ArrayList<>();
        for (DType t : List.of(DType.F32, DType.F64)) {
            out.add(fill(false, t));
            out.add(fill(true, t));
        }
        for (DType t : DType.values()) {
            out.add(summarize(t));
        }
        out.add(matmul(DType.F32));
        out.add(matmul(DType.F64));
        return List.copyOf(out);
    }

    static Source fill(boolean normal, DType type) {
        return new Source("fill_" + (normal ? "normal_" : "uniform_") + suffix(type), FILL);
    }

    static Source summarize(DType type) {
        return new Source(summarizeName(type), switch (type) {
            case F32 -> SUMMARIZE_F32;
            case F64 -> SUMMARIZE_F64;
            case I32 -> SUMMARIZE_I32;
        });
    }

    static Source matmul(DType type) {
        return new Source("matmul_" + suffix(type), type == DType.F32 ? MATMUL_F32 : MATMUL_F64);
    }

    private static String summarizeSource(DType type) {
        return KernelSources.core("summarize.c", "REAL " + cType(type), "SUMMARIZE_NAME " + summarizeName(type),
                "SUMMARIZE_BLOCK " + Summary.BLOCK, "SUMMARIZE_GROUP " + SUMMARIZE_GROUP);
    }

    private static String matmulSource(DType type) {
        return KernelSources.core("matmul.c", "REAL " + cType(type), "MATMUL_NAME matmul_" + suffix(type),
                "MATMUL_TILE " + MATMUL_TILE);
    }

    private static String summarizeName(DType type) {
        return "summarize_" + suffix(type);
    }

    private static String suffix(DType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static String cType(DType type) {
        return switch (type) {
            case F32 -> "float";
            case F64 -> "double";
            case I32 -> "int";
        };
    }
}
