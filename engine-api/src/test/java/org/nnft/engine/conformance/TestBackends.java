package org.nnft.engine.conformance;

import org.nnft.engine.BackendStatus;
import org.nnft.engine.Backends;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * For tests of an optional backend: skips the calling test (with the backend's reason) where the
 * backend cannot start here, except when the environment variable {@code NNFT_REQUIRE_<NAME>}
 * is set (CI sets {@code NNFT_REQUIRE_OPENCL} after installing PoCL; a GPU machine may set
 * {@code NNFT_REQUIRE_CUDA}): then an unavailable backend fails the test instead, so the tests
 * cannot pass by skipping.
 */
public final class TestBackends {
    private TestBackends() {
    }

    /** Returns normally only if the backend {@code name} can start here. */
    public static void requireOrSkip(String name) {
        BackendStatus status = Backends.list().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        boolean available = status != null && status.available();
        String reason = status == null ? "not on the class path" : status.reason();
        String variable = "NNFT_REQUIRE_" + name.toUpperCase(Locale.ROOT);
        if (System.getenv(variable) != null) {
            assertTrue(available, () -> name + " is required here (" + variable + ") but unavailable: " + reason);
        }
        assumeTrue(available, () -> name + " unavailable: " + reason);
    }
}
