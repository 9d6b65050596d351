package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nnft.cli.io.NpzArrays;
import org.nnft.cli.io.NpzWriter;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.PyerrorsJson;
import org.nnft.cli.io.ResultFile;
import org.nnft.engine.io.NpyFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export files of one run ({@code --export}), staged in the run's {@link OutputSet} so they are committed
 * together with its JSON and plots. The npz holds {@code formatVersion}, the JSON document's text as
 * {@code document.json} (UTF-8 bytes, {@code |u1}: config, provenance and the strings), every number of
 * {@code results} by the naming rule of {@link NpzArrays}, then a command's extra arrays (which may replace the
 * arrays of the same name). {@code npz} or {@code pyerrors} is null when that format was not asked for.
 */
record ResultExports(Path npz, Path pyerrors) {
    /** The format version of the JSON documents and the npz files; raised when a layout changes incompatibly. */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Stages the npz of {@code document} with {@code extra} arrays (name to .npy bytes), if asked for. */
    void stageNpz(OutputSet files, Map<String, Object> document, Map<String, byte[]> extra) {
        if (npz == null) {
            return;
        }
        String text = ResultFile.toJson(document);
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read the result document", e);
        }
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("formatVersion", NpyFile.encode(new int[0], new long[]{FORMAT_VERSION}));
        arrays.put("document.json", NpyFile.encodeBytes(text.getBytes(StandardCharsets.UTF_8)));
        arrays.putAll(NpzArrays.of("", tree.path("results")));
        arrays.putAll(extra);
        files.write(npz, out -> NpzWriter.write(out, arrays));
    }

    /** Stages the pyerrors file of {@code entries} on {@code ensemble}, if asked for. */
    void stagePyerrors(OutputSet files, String ensemble, String description,
                       Map<String, PyerrorsJson.Entry> entries) {
        if (pyerrors == null) {
            return;
        }
        files.write(pyerrors, out -> PyerrorsJson.write(out, "nnft " + Version.engine(), ensemble, description,
                entries));
    }
}
