package org.nnft.gpu.cuda;

import org.nnft.engine.EngineException;
import org.nnft.engine.kernel.ArgType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Builds the {@code void** kernelParams} array of {@code cuLaunchKernel}: one pointer per argument,
 * each to an 8-byte aligned slot holding the argument's value (a buffer as its 64-bit
 * {@code CUdeviceptr}, {@code INT} and {@code FLOAT} as 4 bytes, {@code LONG} and {@code DOUBLE} as 8).
 */
final class KernelParams {
    /** Bytes of one value slot; a multiple of every argument's alignment. */
    static final long SLOT_BYTES = 8;

    private KernelParams() {
    }

    /**
     * The parameter array for {@code args} typed by {@code types}, allocated in {@code arena}.
     * Buffers must be {@link Long} handles, scalars Integer, Long, Float or Double as their type says.
     */
    static MemorySegment marshal(Arena arena, List<ArgType> types, List<Object> args) {
        if (types.size() != args.size()) {
            throw new EngineException("cuda: " + types.size() + " argument types but " + args.size() + " arguments");
        }
        int n = types.size();
        MemorySegment values = arena.allocate(Math.max(1, n) * SLOT_BYTES, SLOT_BYTES);
        MemorySegment params = arena.allocate(ADDRESS, Math.max(1, n));
        for (int i = 0; i < n; i++) {
            MemorySegment slot = values.asSlice(i * SLOT_BYTES, SLOT_BYTES);
            store(slot, i, types.get(i), args.get(i));
            params.setAtIndex(ADDRESS, i, slot);
        }
        return params;
    }

    private static void store(MemorySegment slot, int index, ArgType type, Object value) {
        switch (type) {
            case F32_BUFFER, F64_BUFFER, I32_BUFFER, LONG ->
                    slot.set(JAVA_LONG, 0, expect(index, type, value, Long.class));
            case INT -> slot.set(JAVA_INT, 0, expect(index, type, value, Integer.class));
            case FLOAT -> slot.set(JAVA_FLOAT, 0, expect(index, type, value, Float.class));
            case DOUBLE -> slot.set(JAVA_DOUBLE, 0, expect(index, type, value, Double.class));
            default -> {
                // every constant is handled above
            }
        }
    }

    private static <T> T expect(int index, ArgType type, Object value, Class<T> want) {
        if (!want.isInstance(value)) {
            throw new EngineException("cuda: kernel argument " + index + " of type " + type + " must be a "
                    + want.getSimpleName() + ", got " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return want.cast(value);
    }
}
