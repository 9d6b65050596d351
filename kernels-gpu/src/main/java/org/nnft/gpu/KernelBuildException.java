package org.nnft.gpu;

import org.nnft.engine.EngineException;

/** A kernel failed to compile; carries the kernel name and the compiler log. */
public final class KernelBuildException extends EngineException {
    private static final long serialVersionUID = 1L;
    private final String kernelName;
    private final String log;

    public KernelBuildException(String api, String kernelName, String log) {
        super(api + ": kernel '" + kernelName + "' failed to compile:\n" + log);
        this.kernelName = kernelName;
        this.log = log;
    }

    public String kernelName() {
        return kernelName;
    }

    public String log() {
        return log;
    }
}
