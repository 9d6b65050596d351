package org.nnft.cli;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;

import java.util.Locale;

/** Opens the backend named by {@code --backend}: "auto" lets the engine choose; any other name never falls back. */
final class BackendChoice {
    private BackendChoice() {
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
        return n.equals("auto") ? Backends.best(opts) : Backends.named(n, opts);
    }
}
