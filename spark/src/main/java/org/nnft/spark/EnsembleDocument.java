package org.nnft.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.Tuples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result file of {@code nnft ensemble} written from a Spark run: {@code config} (the inputs, {@code shard} 0/1,
 * {@code backend}), {@code provenance} and {@code results} ({@code points}, {@code correlators} with moments,
 * connected parts, errors and theory, and the {@code blockSums} that {@code nnft merge} reads). The cli module is
 * not on this module's class path (its Jackson and launcher stay apart), so the layout is written here again,
 * field for field.
 */
final class EnsembleDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EnsembleDocument() {
    }

    /** The document of a whole run sampled by {@code executors} Spark tasks. */
    static Map<String, Object> of(EnsembleSpec spec, EnsembleResult r, String backend, String device, Instant start,
                                  double wallSeconds, int shards) {
        Map<String, Object> config = spec.toJson();
        config.put("shard", "0/1");
        config.put("backend", backend);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("engine", "nnft " + version());
        provenance.put("backend", backend);
        provenance.put("device", device);
        provenance.put("seed", spec.seed());
        provenance.put("startTime", start.toString());
        provenance.put("wallSeconds", wallSeconds);
        provenance.put("networksSampled", r.moments().totalCount());
        provenance.put("sparkTasks", shards);
        provenance.put("taskSeconds", r.provenance().wallSeconds());
        provenance.put("java", Runtime.version().toString());
        List<Object> correlators = new ArrayList<>();
        CorrelatorEstimates e = r.estimates();
        Tuples t = r.tuples();
        for (int i = 0; i < t.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("order", t.tuple(i).length);
            entry.put("points", t.tuple(i));
            entry.put("moment", valueError(e.moment(i), e.momentError(i)));
            entry.put("connected", valueError(e.connected(i), e.connectedError(i)));
            double connectedTheory = r.theory(i);
            if (Double.isFinite(connectedTheory)) {
                Map<String, Object> theory = new LinkedHashMap<>();
                theory.put("moment", finite(r.momentTheory(i)));
                theory.put("connected", connectedTheory);
                entry.put("theory", theory);
            }
            correlators.add(entry);
        }
        BlockMoments.Data data = r.moments().toData();
        Map<String, Object> blocks = new LinkedHashMap<>();
        blocks.put("pointCount", data.pointCount());
        blocks.put("tuples", data.tuples());
        blocks.put("blockIds", data.blockIds());
        blocks.put("counts", data.counts());
        blocks.put("sums", data.sums());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("points", r.points());
        results.put("correlators", correlators);
        results.put("blockSums", blocks);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", config);
        doc.put("provenance", provenance);
        doc.put("results", results);
        return doc;
    }

    /** Writes {@code doc} to {@code target} atomically (a temporary file beside it, then a move). */
    static void write(Path target, Map<String, Object> doc) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), doc);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target, ex);
        }
    }

    private static Map<String, Object> valueError(double value, double error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", finite(value));
        m.put("error", finite(error));
        return m;
    }

    /** JSON has no NaN: non-finite values become null, as in the command line's files. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String version() {
        String v = EnsembleDocument.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
