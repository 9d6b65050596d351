package org.nnft.engine.run;

/**
 * Receives the progress of a long run (an ensemble, a width scan, a Markov chain) between its steps, so a
 * caller can show it without the run knowing how. Called on the thread that runs the work; {@code done}
 * never decreases and ends at {@code total} when the run completes.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = (done, total) -> {
    };

    /**
     * Reports that {@code done} of {@code total} units (networks, sweeps) are finished.
     *
     * @param done  units finished so far
     * @param total units of the whole run
     */
    void progress(long done, long total);

    /** This listener, or {@link #NONE} when {@code listener} is null. */
    static ProgressListener orNone(ProgressListener listener) {
        return listener == null ? NONE : listener;
    }
}
