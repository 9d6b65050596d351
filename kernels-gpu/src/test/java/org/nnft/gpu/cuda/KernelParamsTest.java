package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Test;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("restricted")
class KernelParamsTest {
    @Test
    void eachParameterPointsToAnAlignedSlotWithItsValue() {
        List<ArgType> types = List.of(ArgType.F32_BUFFER, ArgType.INT, ArgType.LONG, ArgType.FLOAT,
                ArgType.DOUBLE, ArgType.F64_BUFFER, ArgType.I32_BUFFER);
        List<Object> args = List.of(0x7f00_1234_5678L, -7, 1L << 40, 1.5f, -Math.PI, 0x7f00_0000_0100L, 0L);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = KernelParams.marshal(arena, types, args);
            assertEquals(types.size() * ADDRESS.byteSize(), params.byteSize());
            MemorySegment[] slot = new MemorySegment[types.size()];
            for (int i = 0; i < slot.length; i++) {
                slot[i] = params.getAtIndex(ADDRESS, i).reinterpret(8);
                assertEquals(0, slot[i].address() % 8, "slot " + i + " must be 8-byte aligned");
            }
            assertEquals(0x7f00_1234_5678L, slot[0].get(JAVA_LONG, 0));
            assertEquals(-7, slot[1].get(JAVA_INT, 0));
            assertEquals(1L << 40, slot[2].get(JAVA_LONG, 0));
            assertEquals(1.5f, slot[3].get(JAVA_FLOAT, 0));
            assertEquals(-Math.PI, slot[4].get(JAVA_DOUBLE, 0));
            assertEquals(0x7f00_0000_0100L, slot[5].get(JAVA_LONG, 0));
            assertEquals(0L, slot[6].get(JAVA_LONG, 0));
            for (int i = 1; i < slot.length; i++) {
                assertTrue(slot[i].address() >= slot[i - 1].address() + 8, "slots must not overlap");
            }
        }
    }

    @Test
    void emptyArgumentListsGiveAValidArray() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = KernelParams.marshal(arena, List.of(), List.of());
            assertTrue(params.byteSize() >= ADDRESS.byteSize());
        }
    }

    @Test
    void wrongValueTypesAndCountsAreRejected() {
        try (Arena arena = Arena.ofConfined()) {
            EngineException e = assertThrows(EngineException.class,
                    () -> KernelParams.marshal(arena, List.of(ArgType.LONG, ArgType.INT), List.of(1L, 2L)));
            assertEquals("cuda: kernel argument 1 of type INT must be a Integer, got Long", e.getMessage());
            assertThrows(EngineException.class,
                    () -> KernelParams.marshal(arena, List.of(ArgType.F32_BUFFER), List.of(1)));
            assertThrows(EngineException.class,
                    () -> KernelParams.marshal(arena, List.of(ArgType.INT), List.of(1, 2)));
        }
    }
}
