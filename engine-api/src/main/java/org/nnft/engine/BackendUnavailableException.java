package org.nnft.engine;

/** A backend that was asked for by name cannot start; the message says why. */
public final class BackendUnavailableException extends EngineException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
