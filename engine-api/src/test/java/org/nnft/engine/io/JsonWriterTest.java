package org.nnft.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest {
    record Estimate(double value, double error) {
    }

    @Test
    void writesMapsListsArraysRecordsAndNonFiniteAsNull(@TempDir Path dir) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "a \"quoted\"\nline");
        doc.put("n", 3L);
        doc.put("x", 0.25);
        doc.put("nan", Double.NaN);
        doc.put("sites", new int[]{0, 1});
        doc.put("list", List.of(1.0, Double.POSITIVE_INFINITY));
        doc.put("estimate", new Estimate(1.5, 0.1));
        doc.put("empty", Map.of());
        doc.put("flag", true);
        String expected = """
                {
                  "name": "a \\"quoted\\"\\nline",
                  "n": 3,
                  "x": 0.25,
                  "nan": null,
                  "sites": [0, 1],
                  "list": [1.0, null],
                  "estimate": {
                    "value": 1.5,
                    "error": 0.1
                  },
                  "empty": {},
                  "flag": true
                }
                """;
        assertEquals(expected, JsonWriter.toJson(doc));
        Path file = dir.resolve("sub/result.json");
        JsonWriter.write(file, doc);
        assertEquals(expected, Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void refusesTypesItCannotWrite() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.toJson(List.of(new Object())));
    }
}
