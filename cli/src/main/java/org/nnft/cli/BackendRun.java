package org.nnft.cli;

import org.nnft.engine.Backend;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * The scaffolding every run command shares: opens the backend of {@code --backend/--threads/--device}
 * ({@link BackendChoice}), runs the work on it, closes it, and keeps what the provenance block needs
 * (backend name, device, start time).
 *
 * @param <R> the work's result
 */
final class BackendRun<R> {
    private final R result;
    private final String backend;
    private final String device;
    private final Instant start;
    private final long startNanos;

    private BackendRun(R result, String backend, String device, Instant start, long startNanos) {
        this.result = result;
        this.backend = backend;
        this.device = device;
        this.start = start;
        this.startNanos = startNanos;
    }

    /** Opens the backend of {@code run}, applies {@code work} to it and closes it. */
    static <R> BackendRun<R> on(RunOptions run, Function<Backend, R> work) {
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        try (Backend backend = BackendChoice.open(run.backend, run.threads, run.device)) {
            R result = work.apply(backend);
            return new BackendRun<>(result, backend.name(), backend.device().toString(), start, startNanos);
        }
    }

    R result() {
        return result;
    }

    /** The backend's name ("cpu", "cuda", ...). */
    String backend() {
        return backend;
    }

    /** The device's description. */
    String device() {
        return device;
    }

    /** When the backend was opened. */
    Instant start() {
        return start;
    }

    /** Seconds from opening the backend until now. */
    double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The provenance block of this run (see {@link ResultDocument#provenance}). */
    Map<String, Object> provenance(long seed, double wallSeconds, Object... extra) {
        return ResultDocument.provenance(backend, device, seed, start, wallSeconds, extra);
    }
}
