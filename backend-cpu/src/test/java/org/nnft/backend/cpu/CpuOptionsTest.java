package org.nnft.backend.cpu;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Buffers;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.EngineException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Option parsing and the backend's life cycle. */
class CpuOptionsTest {
    @Test
    void defaultsAndExplicitValues() {
        CpuOptions d = CpuOptions.parse(BackendOptions.DEFAULTS);
        assertEquals(Runtime.getRuntime().availableProcessors(), d.threads());
        assertFalse(d.scalar());
        CpuOptions o = CpuOptions.parse(BackendOptions.of("threads", "3", "scalar", "true"));
        assertEquals(3, o.threads());
        assertTrue(o.scalar());
    }

    @Test
    void badValuesNameTheKey() {
        for (String[] bad : new String[][]{{"threads", "0"}, {"threads", "abc"}, {"threads", "-2"},
                {"scalar", "maybe"}}) {
            EngineException e = assertThrows(EngineException.class,
                    () -> Backends.named("cpu", BackendOptions.of(bad[0], bad[1])).close());
            assertTrue(e.getMessage().contains("'" + bad[0] + "'"), e.getMessage());
        }
    }

    @Test
    void threadCountsAreCappedWithoutCreatingThreads() {
        assertEquals(BackendOptions.MAX_THREADS, new CpuOptions(BackendOptions.MAX_THREADS, false).threads());
        for (int bad : new int[]{0, BackendOptions.MAX_THREADS + 1, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CpuOptions(bad, false));
            assertTrue(e.getMessage().contains("[1, " + BackendOptions.MAX_THREADS + "]"), e.getMessage());
        }
    }

    @Test
    void closingReleasesBuffersAndStopsThePool() {
        Backend b = CpuBackend.open(BackendOptions.of("threads", "2"));
        DeviceBuffer x = b.allocate(DType.F64, 100_000);
        b.fillNormal(x, 1, 2, 3);
        b.close();
        b.close();
        assertTrue(x.isClosed());
        assertThrows(EngineException.class, () -> b.fillNormal(x, 1, 2, 3));
        assertThrows(EngineException.class, () -> b.summarize(x));
        assertThrows(EngineException.class, b::finish);
    }

    @Test
    void foreignBuffersAreRejected() {
        try (Backend a = CpuBackend.open(BackendOptions.of("threads", "1"));
             Backend b = CpuBackend.open(BackendOptions.of("threads", "2"));
             DeviceBuffer x = b.allocate(DType.F32, 8); DeviceBuffer y = a.allocate(DType.F32, 8);
             DeviceBuffer z = a.allocate(DType.F32, 8)) {
            assertThrows(EngineException.class, () -> a.summarize(x));
            assertThrows(EngineException.class, () -> a.matmul(false, false, 2, 2, 2, 1, y, x, 0, z));
        }
    }

    @Test
    void outOfMemoryIsAnEngineException() {
        try (Backend b = CpuBackend.open(BackendOptions.of("threads", "1"))) {
            long tooMuch = Runtime.getRuntime().maxMemory() / 8 + 1_000_000;
            if (tooMuch < Buffers.MAX_HOST_ARRAY) {
                EngineException e = assertThrows(EngineException.class, () -> b.allocate(DType.F64, tooMuch));
                assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
            }
        }
    }
}
