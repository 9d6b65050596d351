package org.nnft.engine;

import org.nnft.engine.spi.BackendProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backends through {@link ServiceLoader}. A backend asked for by name either starts or
 * throws {@link BackendUnavailableException} with its reason: nothing ever falls back silently.
 * Only {@link #best()} chooses, and it logs its choice.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private Backends() {
    }

    /** Every provider on the class path with its probe result, best first. */
    public static List<BackendStatus> list() {
        List<BackendStatus> out = new ArrayList<>();
        for (BackendProvider p : providers()) {
            BackendProvider.Probe probe = safeProbe(p);
            out.add(new BackendStatus(p.name(), probe.available(), probe.reason(), probe.priority()));
        }
        out.sort(Comparator.comparing(BackendStatus::available).reversed()
                .thenComparing(Comparator.comparingInt(BackendStatus::priority).reversed()));
        return out;
    }

    /**
     * The probe result of the provider of that name alone (empty if none has it). Unlike {@link #list()} it probes
     * no other backend, so asking about the CPU never loads a GPU driver into the process.
     */
    public static Optional<BackendStatus> status(String name) {
        for (BackendProvider p : providers()) {
            if (name != null && p.name().equalsIgnoreCase(name.trim())) {
                BackendProvider.Probe probe = safeProbe(p);
                return Optional.of(new BackendStatus(p.name(), probe.available(), probe.reason(), probe.priority()));
            }
        }
        return Optional.empty();
    }

    /** Starts the backend of that name with default options. */
    public static Backend named(String name) {
        return named(name, BackendOptions.DEFAULTS);
    }

    /** Starts the backend of that name; throws with the reason if it is unknown or cannot start. */
    public static Backend named(String name, BackendOptions options) {
        if (name == null || name.isBlank()) {
            throw new BackendUnavailableException("backend name is empty; known backends: " + knownNames());
        }
        for (BackendProvider p : providers()) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                BackendProvider.Probe probe = safeProbe(p);
                if (!probe.available()) {
                    throw new BackendUnavailableException("backend '" + p.name()
                            + "' is unavailable: " + probe.reason());
                }
                return p.open(options);
            }
        }
        throw new BackendUnavailableException("unknown backend '" + name + "'; known backends: " + knownNames());
    }

    /** Starts the available backend of highest priority, logging the choice and the alternatives. */
    public static Backend best() {
        return best(BackendOptions.DEFAULTS);
    }

    /** As {@link #best()}, passing options to the chosen backend. */
    public static Backend best(BackendOptions options) {
        List<BackendStatus> statuses = list();
        List<String> failures = new ArrayList<>();
        for (BackendStatus s : statuses) {
            if (!s.available()) {
                continue;
            }
            try {
                Backend b = named(s.name(), options);
                LOG.log(System.Logger.Level.INFO, "backend chosen: {0} on {1} (candidates: {2})",
                        b.name(), b.device(), statuses);
                return b;
            } catch (EngineException e) {
                failures.add(s.name() + ": " + e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "backend {0} failed to start, trying the next: {1}",
                        s.name(), e.getMessage());
            }
        }
        throw new BackendUnavailableException("no backend can start: " + statuses + " " + failures);
    }

    /** The names of every provider on the class path, in class-path order; probes nothing. */
    public static List<String> names() {
        return providers().stream().map(BackendProvider::name).toList();
    }

    private static String knownNames() {
        return providers().stream().map(BackendProvider::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<BackendProvider> providers() {
        List<BackendProvider> out = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(out::add);
        return out;
    }

    private static BackendProvider.Probe safeProbe(BackendProvider p) {
        try {
            return p.probe();
        } catch (RuntimeException | LinkageError e) {
            return BackendProvider.Probe.unavailable(p.name() + " probe failed: " + e);
        }
    }
}
