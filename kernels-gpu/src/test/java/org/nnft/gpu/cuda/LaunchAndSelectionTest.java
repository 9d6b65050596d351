package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Test;
import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.EngineException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LaunchAndSelectionTest {
    @Test
    void launchesRoundUpToWholeBlocks() {
        assertEquals(new LaunchGeometry(4, 256), LaunchGeometry.of(1000, 0, 1024));
        assertEquals(new LaunchGeometry(1, 256), LaunchGeometry.of(1, 0, 1024));
        assertEquals(new LaunchGeometry(0, 256), LaunchGeometry.of(0, 0, 1024));
        assertEquals(new LaunchGeometry(8, 128), LaunchGeometry.of(1000, 0, 128));
        assertEquals(new LaunchGeometry(16, 64), LaunchGeometry.of(1000, 64, 1024));
        assertEquals(new LaunchGeometry(Integer.MAX_VALUE, 256), LaunchGeometry.of(256L * Integer.MAX_VALUE, 0, 1024));
        assertThrows(EngineException.class, () -> LaunchGeometry.of(256L * Integer.MAX_VALUE + 1, 0, 1024));
        assertThrows(EngineException.class, () -> LaunchGeometry.of(10, 2048, 1024));
        assertThrows(EngineException.class, () -> LaunchGeometry.of(-1, 0, 1024));
    }

    @Test
    void devicesAreChosenByIndexOrNameSubstring() {
        List<String> names = List.of("NVIDIA A100-SXM4-40GB", "NVIDIA H100 80GB HBM3");
        assertEquals(0, DeviceSelector.select(null, names));
        assertEquals(0, DeviceSelector.select(" ", names));
        assertEquals(1, DeviceSelector.select("1", names));
        assertEquals(1, DeviceSelector.select("h100", names));
        assertEquals(0, DeviceSelector.select("NVIDIA", names));
        assertThrows(BackendUnavailableException.class, () -> DeviceSelector.select("2", names));
        assertThrows(BackendUnavailableException.class, () -> DeviceSelector.select("V100", names));
        assertEquals("13.0", CudaDriver.versionString(13000));
        assertEquals("12.4", CudaDriver.versionString(12040));
    }
}
