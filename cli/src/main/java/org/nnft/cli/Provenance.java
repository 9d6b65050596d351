package org.nnft.cli;

import org.nnft.cli.io.Json;

import java.time.Instant;
import java.util.Map;

/**
 * The provenance block of every result file: engine version, backend and device, seed, start time and wall
 * seconds, then the command's own entries (alternating keys and values), then the Java runtime.
 */
final class Provenance {
    private Provenance() {
    }

    static Map<String, Object> of(String backend, String device, long seed, Instant start, double wallSeconds,
                                  Object... extra) {
        Map<String, Object> p = Json.object("engine", "nnft " + Version.engine(), "backend", backend, "device", device,
                "seed", seed, "startTime", start.toString(), "wallSeconds", wallSeconds);
        p.putAll(Json.object(extra));
        p.put("java", Runtime.version().toString());
        return p;
    }
}
