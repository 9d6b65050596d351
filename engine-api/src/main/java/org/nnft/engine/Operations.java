package org.nnft.engine;

/**
 * Argument checks of the {@link Backend} operations, shared so that every backend rejects the same calls with the same
 * words.
 */
public final class Operations {
    private Operations() {
    }

    /** Checks a random fill's arguments: an open F32 or F64 buffer of this backend, a non-negative first index. */
    public static void checkFill(Backend owner, DeviceBuffer out, long first, String op) {
        Buffers.checkOwner(out, owner, op);
        if (out.dtype() != DType.F32 && out.dtype() != DType.F64) {
            throw new EngineException(op + ": output must be F32 or F64, got " + out.dtype());
        }
        if (first < 0) {
            throw new EngineException(op + ": first index must be >= 0, got " + first);
        }
    }

    /** Checks a reduction's arguments. */
    public static void checkSummarize(Backend owner, DeviceBuffer buffer, long offset, long count) {
        Buffers.checkOwner(buffer, owner, "summarize");
        Buffers.checkRange(buffer, offset, count, "summarize");
    }

    /** Checks a matrix multiply's shapes and types; returns the common element type. */
    public static DType checkMatmul(Backend owner, boolean transA, boolean transB, int m, int n, int k,
                                    DeviceBuffer a, DeviceBuffer b, DeviceBuffer c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new EngineException("matmul: dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        DType t = checkSameFloatType("matmul", owner, a, b, c);
        need("matmul", "A", a, (long) m * k);
        need("matmul", "B", b, (long) k * n);
        need("matmul", "C", c, (long) m * n);
        if (a == c || b == c) {
            throw new EngineException("matmul: C must not alias A or B");
        }
        return t;
    }

    /** Checks a rank-k update's shapes and types; returns the common element type. */
    public static DType checkSyrk(Backend owner, int n, int k, DeviceBuffer a, DeviceBuffer c) {
        if (n < 0 || k < 0) {
            throw new EngineException("syrk: dimensions must be >= 0, got n=" + n + " k=" + k);
        }
        DType t = checkSameFloatType("syrk", owner, a, c);
        need("syrk", "A", a, (long) k * n);
        need("syrk", "C", c, (long) n * n);
        if (a == c) {
            throw new EngineException("syrk: C must not alias A");
        }
        return t;
    }

    private static DType checkSameFloatType(String op, Backend owner, DeviceBuffer... buffers) {
        DType t = null;
        for (DeviceBuffer buf : buffers) {
            Buffers.checkOwner(buf, owner, op);
            if (buf.dtype() == DType.I32) {
                throw new EngineException(op + ": buffers must be F32 or F64, got I32");
            }
            if (t != null && buf.dtype() != t) {
                throw new EngineException(op + ": mixed element types " + t + " and " + buf.dtype());
            }
            t = buf.dtype();
        }
        return t;
    }

    private static void need(String op, String name, DeviceBuffer buf, long elements) {
        if (buf.length() < elements) {
            throw new EngineException(op + ": " + name + " needs " + elements
                    + " elements, buffer has " + buf.length());
        }
    }
}
