package org.nnft.engine.run;

/** Thrown by a run whose {@link Cancellation} was set: the run stopped between steps and returns nothing. */
public final class RunCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunCancelledException() {
        super("the run was cancelled");
    }
}
