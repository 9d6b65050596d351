package org.nnft.cli;

import org.nnft.cli.io.Json;

import java.time.Instant;
import java.util.Map;

/**
 * The layout every run command's result file shares, written once: {@code config} (the inputs),
 * {@code provenance} (engine version, backend and device, seed, start time and wall seconds, then the
 * command's own entries, then the Java runtime) and {@code results}.
 */
final class ResultDocument {
    private ResultDocument() {
    }

    /** The result document {@code {config, provenance, results}}. */
    static Map<String, Object> of(Map<String, Object> config, Map<String, Object> provenance,
                                  Map<String, Object> results) {
        return Json.object("config", config, "provenance", provenance, "results", results,
                "formatVersion", ResultExports.FORMAT_VERSION);
    }

    /** The provenance block; {@code extra} alternates keys and values of the command's own entries. */
    static Map<String, Object> provenance(String backend, String device, long seed, Instant start, double wallSeconds,
                                          Object... extra) {
        Map<String, Object> p = Json.object("engine", "nnft " + Version.engine(), "backend", backend, "device", device,
                "seed", seed, "startTime", start.toString(), "wallSeconds", wallSeconds);
        p.putAll(Json.object(extra));
        p.put("java", Runtime.version().toString());
        return p;
    }
}
