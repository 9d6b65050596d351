package org.nnft.engine.spi;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.BackendUnavailableException;

/**
 * Service-provider interface of a backend, found with {@link java.util.ServiceLoader}: a backend
 * module lists its provider in {@code META-INF/services/org.nnft.engine.spi.BackendProvider}.
 */
public interface BackendProvider {

    /** Registry name, unique, lower case (e.g. "cpu"). */
    String name();

    /**
     * Whether the backend can start here, and how much {@link org.nnft.engine.Backends#best()}
     * should prefer it. Must be cheap, must not throw and must not hold resources afterwards.
     */
    Probe probe();

    /** Starts the backend; throws {@link BackendUnavailableException} with the reason if it cannot. */
    Backend open(BackendOptions options);

    /**
     * Result of {@link #probe()}.
     *
     * @param available whether {@link #open} is expected to succeed
     * @param reason    a human-readable reason when unavailable, or a short description of the device when available
     * @param priority  preference for {@code best()}: higher wins (cpu 0, a CPU OpenCL device below it, GPUs above)
     */
    record Probe(boolean available, String reason, int priority) {
        public static Probe available(String description, int priority) {
            return new Probe(true, description, priority);
        }

        public static Probe unavailable(String reason) {
            return new Probe(false, reason, Integer.MIN_VALUE);
        }
    }
}
