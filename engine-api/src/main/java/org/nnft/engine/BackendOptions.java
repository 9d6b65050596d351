package org.nnft.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * String options for opening a backend, e.g. {@code threads=8}, {@code device=1} or
 * {@code device=H100}, {@code scalar=true}. Each backend documents the keys it reads and rejects
 * values it cannot parse, naming the key.
 */
public final class BackendOptions {
    /**
     * The most worker threads a backend accepts ({@code threads} option): far above any machine's cores, low enough
     * that a mistyped count is refused at once instead of creating millions of threads.
     */
    public static final int MAX_THREADS = 1024;

    /** No options: every backend's defaults. */
    public static final BackendOptions DEFAULTS = new BackendOptions(Map.of());

    private final Map<String, String> values;

    private BackendOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Options from alternating keys and values: {@code of("threads", "4", "scalar", "true")}. */
    public static BackendOptions of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("options need key/value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new BackendOptions(m);
    }

    /** Options from a map. */
    public static BackendOptions of(Map<String, String> values) {
        return new BackendOptions(values);
    }

    /** A copy with one more option. */
    public BackendOptions with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new BackendOptions(m);
    }

    /** The raw value, or null. */
    public String get(String key) {
        return values.get(key);
    }

    /** All options. */
    public Map<String, String> asMap() {
        return values;
    }

    /** An integer option at least {@code min}, or the default when absent. */
    public int intValue(String key, int defaultValue, int min) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new EngineException("backend option '" + key + "' must be an integer, got '" + v + "'");
        }
        if (parsed < min) {
            throw new EngineException("backend option '" + key + "' must be >= " + min + ", got " + parsed);
        }
        return parsed;
    }

    /** A boolean option ("true"/"false"), or the default when absent. */
    public boolean booleanValue(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new EngineException("backend option '" + key + "' must be true or false, got '" + v + "'");
        };
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
