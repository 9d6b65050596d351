package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nnft.cli.io.OutputSet;
import org.nnft.cli.io.ResultFile;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.ensemble.Provenance;
import org.nnft.ensemble.ShardSet;
import org.nnft.stats.BlockMoments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nnft merge}: combines shard results of one ensemble run, free or deformed ({@link DeformedShards}), into the
 * one-run result (bit for bit). A merge
 * with shards missing is refused unless {@code --partial} is given; a partial result records the shards it holds
 * and merges further with the missing ones into the one-run result.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge 'nnft ensemble --shard i/k' results of one run (free or deformed) into the result of the"
                + " whole run.")
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", description = "shard result files (or partial merges)")
    List<Path> files;
    @Option(names = "--out", defaultValue = "merged.json", description = "merged result file")
    Path out;
    @Option(names = "--partial", description = "write a partial result when shards are missing (it records the"
            + " shards it holds and merges further with the missing ones)")
    boolean partial;
    @CommandLine.Mixin
    ExportOptions export = new ExportOptions();

    @Override
    public Integer call() {
        RunOptions.checkedOut(spec, out);
        ResultExports exports = export.checked(out, false);
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : files) {
            JsonNode doc = ResultFile.read(f);
            if (!doc.path("config").isObject() || !doc.path("results").isObject()
                    || !doc.path("provenance").isObject()) {
                throw new IllegalArgumentException(f + ": not an 'nnft ensemble' result file");
            }
            boolean deformed = doc.path("config").has("deformation");
            if (!docs.isEmpty() && deformed != docs.get(0).path("config").has("deformation")) {
                throw new IllegalArgumentException(f + ": not a shard of the same run as " + files.get(0)
                        + " (a deformed and a free ensemble)");
            }
            docs.add(doc);
        }
        if (docs.get(0).path("config").has("deformation")) {
            return mergeDeformed(docs, exports);
        }
        List<EnsembleSample> samples = new ArrayList<>();
        List<ShardSet> held = new ArrayList<>();
        EnsembleCommand.Inputs inputs = null;
        EnsembleConfig base = null;
        String firstConfig = null;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            JsonNode doc = docs.get(i);
            JsonNode config = doc.path("config");
            JsonNode blockSums = doc.path("results").path("blockSums");
            if (!config.isObject() || !blockSums.isObject() || !doc.path("provenance").isObject()) {
                throw new IllegalArgumentException(f + ": not an 'nnft ensemble' result file");
            }
            ShardSet shards;
            try {
                shards = ShardSet.parse(config.path("shard").asText(null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f + ": config." + e.getMessage());
            }
            ObjectNode withoutRunFields = config.deepCopy();
            withoutRunFields.remove(List.of("shard", "backend"));
            if (firstConfig == null) {
                firstConfig = withoutRunFields.toString();
                try {
                    inputs = EnsembleCommand.Inputs.fromJson(config);
                } catch (NullPointerException e) {
                    throw new IllegalArgumentException(f + ": its config lacks an input of 'nnft ensemble'");
                }
                base = inputs.config();
            } else if (!config.path("precision").asText("double").equals(inputs.precision)) {
                throw new IllegalArgumentException(f + ": precision " + config.path("precision").asText("double")
                        + ", but " + files.get(0) + " has " + inputs.precision
                        + " (shards of different precisions do not merge)");
            } else if (!firstConfig.equals(withoutRunFields.toString()) || shards.count() != held.get(0).count()) {
                throw new IllegalArgumentException(f + ": not a shard of the same run as " + files.get(0)
                        + " (configurations differ)");
            }
            JsonNode prov = doc.get("provenance");
            try {
                BlockMoments moments = BlockMoments.fromData(blockData(blockSums));
                samples.addAll(shards.split(base, moments, new Provenance(prov.path("backend").asText(""),
                        prov.path("device").asText(""), base.seed(), moments.totalCount(), base.blockSize(),
                        shards.toString(), prov.path("wallSeconds").asDouble())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f + ": " + e.getMessage());
            }
            held.add(shards);
        }
        ShardSet union = union(held, partial);
        EnsembleResult merged = EnsembleResult.of(samples);
        Map<String, Object> doc = EnsembleCommand.document(inputs, new int[]{0, 1}, merged,
                merged.provenance().backend(), merged.provenance().device(), Instant.now());
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) doc.get("config");
        config.put("shard", union.toString());
        try (OutputSet set = new OutputSet()) {
            ResultFile.write(set, out, doc);
            exports.stageNpz(set, doc, Map.of());
            set.commit();
        }
        var w = spec.commandLine().getOut();
        w.println(EnsembleCommand.summary(merged));
        w.println("merged " + union.indices().length + " of " + union.count() + " shards"
                + (union.complete() ? "" : " (partial: shards " + union + ")") + ": " + out.toAbsolutePath());
        return 0;
    }

    /** A deformed run's shards ({@link DeformedShards#merge}). */
    private Integer mergeDeformed(List<JsonNode> docs, ResultExports exports) {
        DeformedShards.Merged m = DeformedShards.merge(files, docs, partial);
        try (OutputSet set = new OutputSet()) {
            ResultFile.write(set, out, m.document());
            exports.stageNpz(set, m.document(), Map.of());
            set.commit();
        }
        var w = spec.commandLine().getOut();
        w.println(EnsembleCommand.deformedSummary(m.result()));
        w.println("merged " + m.shards().indices().length + " of " + m.shards().count() + " shards"
                + (m.shards().complete() ? "" : " (partial: shards " + m.shards() + ")") + ": " + out.toAbsolutePath());
        return 0;
    }

    /** The union of the held shards; refused when shards are missing unless {@code partial}. */
    static ShardSet union(List<ShardSet> held, boolean partial) {
        ShardSet union;
        try {
            union = ShardSet.union(held);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("merge: " + e.getMessage());
        }
        if (!union.complete() && !partial) {
            throw new IllegalArgumentException("merge: shard(s) " + join(union.missing()) + " of " + union.count()
                    + " missing (have " + join(union.indices()) + "); give them, or --partial for a partial result");
        }
        return union;
    }

    private static String join(int[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }

    private static BlockMoments.Data blockData(JsonNode b) {
        JsonNode tupleNodes = array(b, "tuples");
        int[][] tuples = new int[tupleNodes.size()][];
        for (int i = 0; i < tuples.length; i++) {
            JsonNode t = tupleNodes.get(i);
            if (!t.isArray()) {
                throw new IllegalArgumentException("blockSums.tuples[" + i + "] is not an array");
            }
            tuples[i] = new int[t.size()];
            for (int j = 0; j < t.size(); j++) {
                tuples[i][j] = (int) integer(t.get(j), "blockSums.tuples[" + i + "][" + j + "]");
            }
        }
        JsonNode idNodes = array(b, "blockIds"), countNodes = array(b, "counts"), sumNodes = array(b, "sums");
        int n = idNodes.size();
        if (countNodes.size() != n || sumNodes.size() != n) {
            throw new IllegalArgumentException("blockSums.blockIds, counts and sums must have equal lengths");
        }
        long[] ids = new long[n], counts = new long[n];
        double[][] sums = new double[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = integer(idNodes.get(i), "blockSums.blockIds[" + i + "]");
            counts[i] = integer(countNodes.get(i), "blockSums.counts[" + i + "]");
            JsonNode s = sumNodes.get(i);
            if (!s.isArray()) {
                throw new IllegalArgumentException("blockSums.sums[" + i + "] is not an array");
            }
            sums[i] = new double[s.size()];
            for (int j = 0; j < s.size(); j++) {
                if (!s.get(j).isNumber()) {
                    throw new IllegalArgumentException("blockSums.sums[" + i + "][" + j + "] is not a number: "
                            + s.get(j));
                }
                sums[i][j] = s.get(j).asDouble();
            }
        }
        return new BlockMoments.Data((int) integer(b.path("pointCount"), "blockSums.pointCount"), tuples, ids,
                counts, sums);
    }

    private static JsonNode array(JsonNode b, String name) {
        JsonNode a = b.path(name);
        if (!a.isArray()) {
            throw new IllegalArgumentException("blockSums." + name + " is not an array");
        }
        return a;
    }

    private static long integer(JsonNode v, String name) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(name + " is not an integer: " + v);
        }
        long x = v.asLong();
        if (name.startsWith("blockSums.tuples") || name.equals("blockSums.pointCount")) {
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " is out of range: " + v);
            }
        }
        return x;
    }
}
