package org.nnft.gpu.cuda;

import org.nnft.engine.EngineException;

/** A kernel compiler failed for a reason other than the source (missing library, internal error): try the next one. */
final class CompilerUnavailableException extends EngineException {
    private static final long serialVersionUID = 1L;

    CompilerUnavailableException(String message) {
        super(message);
    }

    CompilerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
