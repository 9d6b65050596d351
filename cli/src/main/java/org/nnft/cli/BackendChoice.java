package org.nnft.cli;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.BackendStatus;
import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.Backends;

import java.util.Locale;

/**
 * Opens the backend named by {@code --backend}: "auto" lets the engine choose; any other name never falls back.
 * Its errors name {@code --backend} (or {@code --device}).
 */
final class BackendChoice {
    private BackendChoice() {
    }

    /**
     * Checks, without starting it, that {@code name} is "auto" (when allowed) or a backend that is available
     * here; the error names {@code option}. For commands that would otherwise find out only after other work.
     */
    static void requireAvailable(String option, String name, boolean autoAllowed) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (autoAllowed && n.equals("auto")) {
            return;
        }
        // only the named provider is probed: probing OpenCL loads its driver (PoCL brings LLVM, whose signal
        // handlers can take over the JVM's) into a run that never uses it
        BackendStatus s = Backends.status(n).orElseThrow(() -> new IllegalArgumentException(option
                + ": unknown backend '" + name + "' (known: " + (autoAllowed ? "auto, " : "")
                + String.join(", ", Backends.names()) + ")"));
        if (!s.available()) {
            throw new IllegalArgumentException(option + ": backend '" + s.name() + "' is unavailable: " + s.reason());
        }
    }

    static Backend open(String name, Integer threads, String device) {
        BackendOptions opts = BackendOptions.DEFAULTS;
        if (threads != null && (threads < 1 || threads > BackendOptions.MAX_THREADS)) {
            throw new IllegalArgumentException("--threads must be in [1, " + BackendOptions.MAX_THREADS + "], got "
                    + threads);
        }
        if (threads != null) {
            opts = opts.with("threads", Integer.toString(threads));
        }
        if (device != null) {
            opts = opts.with("device", device);
        }
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu") && device != null) {
            throw new IllegalArgumentException("--device does not apply to --backend cpu (it has one device)");
        }
        try {
            return n.equals("auto") ? Backends.best(opts) : Backends.named(n, opts);
        } catch (BackendUnavailableException e) {
            throw new IllegalArgumentException("--backend " + name + ": " + e.getMessage(), e);
        }
    }
}
