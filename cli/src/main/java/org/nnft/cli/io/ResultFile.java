package org.nnft.cli.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Reads and writes result files. Writes are atomic: the JSON goes to a temporary file in the
 * target's folder and is renamed over the target only when complete, so a failed or interrupted
 * run never leaves a half-written file and never destroys the previous one.
 */
public final class ResultFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ResultFile() {
    }

    /** Writes {@code document} (maps, lists, strings, numbers; NaN and infinities become null) to {@code target} atomically. */
    public static void write(Path target, Map<String, Object> document) {
        writeBytes(target, toJson(document).getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Parses a result file. */
    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read result file " + file + ": " + e.getMessage(), e);
        }
    }
}
