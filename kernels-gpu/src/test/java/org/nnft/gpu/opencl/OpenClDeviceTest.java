package org.nnft.gpu.opencl;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.BackendStatus;
import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.Backends;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.EngineException;
import org.nnft.engine.spi.BackendProvider;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probe, registration, device selection and device limits of the OpenCL backend. */
class OpenClDeviceTest {
    private List<OpenClDevice> devices;

    @BeforeEach
    void enumerate() {
        OpenClTesting.assumeOpenCl();
        devices = OpenClDevices.all();
    }

    @Test
    void probeRanksCpuDevicesBelowTheJavaBackendAndGpusAbove() {
        BackendProvider.Probe probe = new OpenClBackendProvider().probe();
        OpenClDevice chosen = OpenClDevices.select(BackendOptions.DEFAULTS);
        assertTrue(probe.available(), probe.reason());
        assertEquals(chosen.isGpu() ? 20 : -10, probe.priority());
        BackendStatus status = Backends.list().stream().filter(s -> s.name().equals("opencl"))
                .findFirst().orElseThrow();
        assertTrue(status.available(), status.toString());
    }

    @Test
    void opensByRegistryNameAndReportsTheDevice() {
        try (Backend b = Backends.named("opencl")) {
            assertEquals("opencl", b.name());
            OpenClDevice chosen = OpenClDevices.select(BackendOptions.DEFAULTS);
            assertEquals(chosen.name(), b.device().name());
            assertTrue(b.device().memoryBytes() > 0 && b.device().maxAllocationBytes() > 0
                    && b.device().computeUnits() > 0, b.device().toString());
        }
    }

    @Test
    void selectsDevicesByIndexAndByNameSubstring() {
        OpenClDevice first = devices.get(0);
        try (Backend b = new OpenClBackendProvider().open(BackendOptions.of("device", "0"))) {
            assertEquals(first.name(), b.device().name());
        }
        String part = first.name().substring(0, Math.min(6, first.name().length())).toUpperCase(Locale.ROOT);
        try (Backend b = new OpenClBackendProvider().open(BackendOptions.of("device", part))) {
            assertEquals(first.name(), b.device().name());
        }
        try (Backend b = new OpenClBackendProvider().open(BackendOptions.of("platform", "0", "device", "0"))) {
            assertEquals(devices.stream().filter(d -> d.platformIndex() == 0).findFirst().orElseThrow().name(),
                    b.device().name());
        }
        String platformPart = first.platformName().substring(0, Math.min(5, first.platformName().length()));
        try (Backend b = new OpenClBackendProvider()
                .open(BackendOptions.of("platform", platformPart.toLowerCase(Locale.ROOT)))) {
            assertTrue(b.device().vendor().contains(first.platformName()), b.device().vendor());
        }
    }

    @Test
    void unknownDeviceOrPlatformIsAClearError() {
        OpenClBackendProvider p = new OpenClBackendProvider();
        BackendUnavailableException byName = assertThrows(BackendUnavailableException.class,
                () -> p.open(BackendOptions.of("device", "no-such-device-xyz")));
        assertTrue(byName.getMessage().contains("no-such-device-xyz")
                && byName.getMessage().contains(devices.get(0).name()), byName.getMessage());
        BackendUnavailableException byIndex = assertThrows(BackendUnavailableException.class,
                () -> p.open(BackendOptions.of("device", "99")));
        assertTrue(byIndex.getMessage().contains("99"), byIndex.getMessage());
        BackendUnavailableException byPlatform = assertThrows(BackendUnavailableException.class,
                () -> p.open(BackendOptions.of("platform", "no-such-platform")));
        assertTrue(byPlatform.getMessage().contains("no-such-platform"), byPlatform.getMessage());
        EngineException badItems = assertThrows(EngineException.class,
                () -> p.open(BackendOptions.of("launchItems", "3")));
        assertTrue(badItems.getMessage().contains("launchItems"), badItems.getMessage());
    }

    @Test
    void allocationBeyondTheDeviceIsAnEngineExceptionAndTheBackendSurvives() {
        try (Backend b = OpenClTesting.open()) {
            long tooMany = b.device().memoryBytes() / 8 + 1;
            EngineException e = assertThrows(EngineException.class, () -> b.allocate(DType.F64, tooMany));
            assertTrue(e.getMessage().contains(String.valueOf(tooMany)) && e.getMessage().contains(b.device().name()),
                    e.getMessage());
            long overMaxAlloc = b.device().maxAllocationBytes() / 4 + 1;
            if (overMaxAlloc * 4 <= b.device().memoryBytes()) {
                EngineException e2 = assertThrows(EngineException.class, () -> b.allocate(DType.F32, overMaxAlloc));
                assertTrue(e2.getMessage().contains("largest single allocation"), e2.getMessage());
            }
            assertThrows(EngineException.class, () -> b.allocate(DType.I32, Long.MAX_VALUE / 2));
            try (DeviceBuffer small = b.allocate(DType.F64, 10)) {
                b.fillUniform(small, 1, 2, 3);
                assertEquals(10, small.toDoubleArray().length);
            }
        }
    }

    @Test
    void closedBuffersAndBackendsAreRejected() {
        Backend b = OpenClTesting.open();
        DeviceBuffer buf = b.allocate(DType.F32, 3);
        DeviceBuffer empty = b.allocate(DType.F64, 0);
        assertEquals(0, empty.toDoubleArray().length);
        buf.close();
        assertThrows(EngineException.class, () -> buf.read(0, new float[3], 0, 3));
        DeviceBuffer open = b.allocate(DType.F32, 3);
        b.close();
        b.close();
        assertTrue(open.isClosed());
        assertThrows(EngineException.class, () -> b.allocate(DType.F32, 1));
    }
}
