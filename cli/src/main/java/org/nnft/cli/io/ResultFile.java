package org.nnft.cli.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes result files. Writes go through an {@link OutputSet}: the JSON is staged in a
 * temporary file in the target's folder and renamed over the target only when complete, so a failed or
 * interrupted run never leaves a half-written file and never destroys the previous one.
 */
public final class ResultFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ResultFile() {
    }

    /**
     * Writes {@code document} (maps, lists, strings, numbers; NaN and infinities become null) to
     * {@code target} atomically, on its own.
     */
    public static void write(Path target, Map<String, Object> document) {
        try (OutputSet set = new OutputSet()) {
            write(set, target, document);
            set.commit();
        }
    }

    /** Stages {@code document} as {@code target} in {@code set} (written when the set is committed). */
    public static void write(OutputSet set, Path target, Map<String, Object> document) {
        set.write(target, toJson(document).getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON text of a document. */
    public static String toJson(Object document) {
        try {
            return JSON.writeValueAsString(Json.sanitize(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise result", e);
        }
    }

    /** Replaces {@code target} with {@code bytes} atomically (temp file + rename). */
    public static void writeBytes(Path target, byte[] bytes) {
        try (OutputSet set = new OutputSet()) {
            set.write(target, bytes);
            set.commit();
        }
    }

    /**
     * Parses a result file; a file that cannot be read or is not JSON is an input error
     * ({@link IllegalArgumentException}, exit code 2) that says why.
     */
    public static JsonNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read result file " + file + " (" + IoMessages.reason(e) + ")",
                    e);
        }
    }
}
