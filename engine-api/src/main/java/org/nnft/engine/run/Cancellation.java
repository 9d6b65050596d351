package org.nnft.engine.run;

/**
 * A flag another thread sets to stop a run. Runs check it between their steps (jackknife bins, widths,
 * chain segments) and then throw {@link RunCancelledException} instead of returning, so a cancelled run
 * never yields a partial result. A step already started finishes first.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    /** A new token, not cancelled. */
    public Cancellation() {
    }

    /** A token that nobody cancels (for callers that never stop a run). */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Asks the run to stop at its next check; safe to call from any thread, any number of times. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link RunCancelledException} when cancelled; the runs call this between steps. */
    public void check() {
        if (cancelled) {
            throw new RunCancelledException();
        }
    }

    /** {@link #check()} on {@code token}, which may be null (never cancelled). */
    public static void check(Cancellation token) {
        if (token != null) {
            token.check();
        }
    }
}
