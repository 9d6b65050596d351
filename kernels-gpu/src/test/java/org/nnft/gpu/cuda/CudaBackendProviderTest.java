package org.nnft.gpu.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nnft.engine.BackendStatus;
import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.Backends;
import org.nnft.engine.spi.BackendProvider;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "cuda" provider's probe on machines without the driver, with a failing driver and with a fake one. */
class CudaBackendProviderTest {

    private static boolean realDriverPresent() {
        try {
            CudaLibrary.load(CudaLibrary.DEFAULT_NAME);
            return true;
        } catch (BackendUnavailableException e) {
            return false;
        }
    }

    @Test
    void missingLibraryIsUnavailableWithTheReason() {
        BackendProvider.Probe p = new CudaBackendProvider("libnnft-no-such-cuda.so.1").probe();
        assertFalse(p.available());
        assertEquals("libnnft-no-such-cuda.so.1 not found: no NVIDIA driver on this machine", p.reason());
    }

    @Test
    void namedCudaThrowsWithTheReasonAndNeverFallsBack() {
        Assumptions.assumeFalse(realDriverPresent(), "this machine has an NVIDIA driver");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.named("cuda"));
        assertEquals("backend 'cuda' is unavailable: libcuda.so.1 not found: no NVIDIA driver on this machine",
                e.getMessage());
        List<BackendStatus> list = Backends.list();
        BackendStatus cuda = list.stream().filter(s -> s.name().equals("cuda")).findFirst().orElseThrow();
        assertFalse(cuda.available());
    }

    @Test
    void failingCuInitIsUnavailableWithTheErrorName() {
        String lib = FakeCuda.library("FAKE_INIT_RESULT=100").toString();
        BackendProvider.Probe p = new CudaBackendProvider(lib).probe();
        assertFalse(p.available());
        assertEquals("cuda: cuInit failed: CUDA_ERROR_NO_DEVICE", p.reason());
    }

    @Test
    void zeroDevicesIsUnavailable() {
        String lib = FakeCuda.library("FAKE_DEVICE_COUNT=0").toString();
        BackendProvider.Probe p = new CudaBackendProvider(lib).probe();
        assertFalse(p.available());
        assertTrue(p.reason().contains("no CUDA device"), p.reason());
    }

    @Test
    void aWorkingDriverIsAvailableAboveOpenClGpus() {
        String lib = FakeCuda.library().toString();
        BackendProvider.Probe p = new CudaBackendProvider(lib).probe();
        assertTrue(p.available(), p.reason());
        assertEquals(30, p.priority());
        assertEquals("Fake GPU A100-SXM4-40GB and 1 more", p.reason());
        assertEquals(0, FakeCuda.probe(Path.of(lib), "fake_ctx_refs"), "the probe must not hold a context");
    }

    @Test
    void isRegisteredAsCuda() {
        assertTrue(Backends.list().stream().anyMatch(s -> s.name().equals("cuda")));
    }
}
