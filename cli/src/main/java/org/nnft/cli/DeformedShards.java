package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nnft.cli.io.Json;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.Provenance;
import org.nnft.ensemble.ShardSet;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.DeformedRun;
import org.nnft.ensemble.deform.McmcChains;
import org.nnft.ensemble.deform.McmcConfig;
import org.nnft.ensemble.deform.ReweightBins;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.Tuples;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-bin data of deformed ensemble results and their merge ({@code nnft merge} of {@code nnft ensemble
 * --lambda .. --shard i/k} results). Reweighting writes {@code results.weightedBinSums}: per jackknife bin its id,
 * networks, and, relative to the bin's own log shift {@code logShifts[j]} (the largest log weight of the bin), the
 * sum of weights, of squared weights and per tuple of weight x product. MCMC writes {@code results.chainSums}: per
 * chain its id, measured states, tuple sums, accepted proposals and tau_int of S_int and phi(x_0)^2. A bin's or a
 * chain's row does not depend on the shard that ran it, so the merge concatenates rows in bin or chain order and
 * recomputes the result exactly as the one-process run does: bit for bit.
 */
final class DeformedShards {
    private DeformedShards() {
    }

    /** The "results" block of a deformed run: correlators, diagnostics and the per-bin or per-chain sums. */
    static Map<String, Object> results(DeformedResult result) {
        List<Object> correlators = new ArrayList<>();
        CorrelatorEstimates e = result.estimates();
        Tuples t = result.tuples();
        for (int i = 0; i < t.size(); i++) {
            correlators.add(Json.object("order", t.tuple(i).length, "points", t.tuple(i),
                    "moment", Json.valueError(e.moment(i), e.momentError(i)),
                    "connected", Json.valueError(e.connected(i), e.connectedError(i))));
        }
        Map<String, Object> res = Json.object("points", result.points(),
                "correlators", correlators, "diagnostics", DeformationOptions.diagnostics(result));
        ReweightBins bins = result.reweightBins();
        if (bins != null) {
            res.put("weightedBinSums", Json.object("pointCount", result.points().length, "tuples", t.toArray(),
                    "binIds", bins.binIds(), "counts", bins.counts(), "logShifts", bins.logShifts(),
                    "weights", bins.weights(), "weightSquares", bins.weightSquares(), "sums", bins.sums(),
                    "definition", "per jackknife bin: networks and, with every weight exp(-S_int - logShifts[bin]), "
                            + "the sum of weights, of squared weights and per tuple of weight x product; put bins "
                            + "on one reference by multiplying with exp(logShifts[bin] - max(logShifts))"));
        }
        McmcChains chains = result.mcmcChains();
        if (chains != null) {
            BlockMoments.Data d = chains.moments().toData();
            res.put("chainSums", Json.object("pointCount", d.pointCount(), "tuples", d.tuples(),
                    "chainIds", d.blockIds(), "counts", d.counts(), "sums", d.sums(), "accepted", chains.accepted(),
                    "tauIntAction", chains.tauIntAction(), "tauIntPhi2", chains.tauIntPhi2(),
                    "definition", "per chain: measured states, per tuple the sum of products over them, accepted "
                            + "neuron proposals, tau_int (sweeps) of S_int (null without interaction) and of "
                            + "phi(x_0)^2"));
        }
        return res;
    }

    /** The merged document of deformed shard results {@code files} (already read as {@code docs}). */
    static Merged merge(List<Path> files, List<JsonNode> docs, boolean partial) {
        List<ShardSet> held = new ArrayList<>();
        List<ReweightBins> bins = new ArrayList<>();
        List<McmcChains> chains = new ArrayList<>();
        String first = null;
        EnsembleCommand.Inputs inputs = null;
        EnsembleConfig base = null;
        DeformationOptions options = null;
        Deformation deformation = null;
        McmcConfig mcmc = null;
        double wall = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            JsonNode doc = docs.get(f);
            JsonNode config = doc.path("config");
            ShardSet shards;
            try {
                shards = ShardSet.parse(config.path("shard").asText(null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": config." + e.getMessage());
            }
            ObjectNode withoutRunFields = config.deepCopy();
            withoutRunFields.remove(List.of("shard", "backend"));
            if (first == null) {
                first = withoutRunFields.toString();
                try {
                    inputs = EnsembleCommand.Inputs.fromJson(config);
                    options = DeformationOptions.fromJson(config.path("deformation"));
                    base = inputs.config();
                    deformation = options.deformation(inputs.dim);
                    if (options.samplerName().equals("mcmc")) {
                        mcmc = DeformedRun.mcmcConfig(base, deformation, options.chains());
                    }
                } catch (NullPointerException e) {
                    throw new IllegalArgumentException(file + ": its config lacks an input of 'nnft ensemble'");
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": config: " + e.getMessage());
                }
            } else if (!config.path("precision").asText("double").equals(inputs.precision)) {
                throw new IllegalArgumentException(file + ": precision " + config.path("precision").asText("double")
                        + ", but " + files.get(0) + " has " + inputs.precision
                        + " (shards of different precisions do not merge)");
            } else if (!first.equals(withoutRunFields.toString()) || shards.count() != held.get(0).count()) {
                throw new IllegalArgumentException(file + ": not a shard of the same run as " + files.get(0)
                        + " (configurations differ)");
            }
            try {
                if (mcmc == null) {
                    bins.add(checkedBins(readBins(doc.path("results").path("weightedBinSums")), base, shards));
                } else {
                    chains.add(checkedChains(readChains(doc.path("results").path("chainSums")), mcmc, shards));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage());
            }
            wall += doc.path("provenance").path("wallSeconds").asDouble();
            held.add(shards);
        }
        ShardSet union = MergeCommand.union(held, partial);
        JsonNode prov = docs.get(0).path("provenance");
        String backend = prov.path("backend").asText("");
        String device = prov.path("device").asText("");
        Provenance provenance = new Provenance(backend, device, base.seed(), 0, base.blockSize(), union.toString(),
                wall);
        DeformedResult result = mcmc == null
                ? DeformedResult.ofBins(base, deformation, ReweightBins.concat(bins), provenance)
                : McmcChains.concat(chains).result(mcmc, provenance);
        Map<String, Object> cfg = inputs.toJson();
        cfg.put("shard", union.toString());
        cfg.put("backend", backend);
        cfg.put("deformation", options.toJson(result));
        Map<String, Object> provenanceJson = ResultDocument.provenance(backend, device, inputs.seed,
                Instant.now(), wall, "samples", result.samples());
        return new Merged(result, union, ResultDocument.of(cfg, provenanceJson, results(result)));
    }

    /** A merged deformed result, the shards it holds and its document. */
    record Merged(DeformedResult result, ShardSet shards, Map<String, Object> document) {
    }

    private static ReweightBins checkedBins(ReweightBins bins, EnsembleConfig run, ShardSet shards) {
        long[] ids = bins.binIds();
        int at = 0;
        for (int s : shards.indices()) {
            EnsembleConfig c = run.shard(s, shards.count());
            for (int b = c.firstBinOfShard(s); b < c.firstBinOfShard(s + 1); b++, at++) {
                if (at >= ids.length || ids[at] != b) {
                    throw new IllegalArgumentException("results.weightedBinSums do not hold the bins of shards "
                            + shards + " (bin " + b + " expected)");
                }
            }
        }
        if (at != ids.length) {
            throw new IllegalArgumentException("results.weightedBinSums hold " + ids.length + " bins, shards "
                    + shards + " have " + at);
        }
        return bins;
    }

    private static McmcChains checkedChains(McmcChains chains, McmcConfig run, ShardSet shards) {
        long[] ids = chains.chainIds();
        int at = 0;
        for (int s : shards.indices()) {
            int from = run.firstChainOfShard(s, shards.count());
            int to = run.firstChainOfShard(s + 1, shards.count());
            for (int c = from; c < to; c++, at++) {
                if (at >= ids.length || ids[at] != c) {
                    throw new IllegalArgumentException("results.chainSums do not hold the chains of shards " + shards
                            + " (chain " + c + " expected)");
                }
            }
        }
        if (at != ids.length) {
            throw new IllegalArgumentException("results.chainSums hold " + ids.length + " chains, shards " + shards
                    + " have " + at);
        }
        return chains;
    }

    /** The reweighted bins of a result's {@code weightedBinSums} (before bin ids and shift columns: refused). */
    static ReweightBins readBins(JsonNode b) {
        if (!b.isObject() || !b.path("binIds").isArray() || !b.path("logShifts").isArray()) {
            throw new IllegalArgumentException("no results.weightedBinSums with binIds and logShifts (written by an "
                    + "older nnft, or not a reweighted result)");
        }
        try {
            return new ReweightBins(longs(b, "binIds"), longs(b, "counts"), doubles(b, "weights"),
                    doubles(b, "weightSquares"), table(b, "sums"), doubles(b, "logShifts"));
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("results.weightedBinSums: a bin lacks its tuple sums");
        }
    }

    /** The chains of a result's {@code chainSums}. */
    static McmcChains readChains(JsonNode c) {
        if (!c.isObject()) {
            throw new IllegalArgumentException("no results.chainSums (not an MCMC result, or written by an older "
                    + "nnft)");
        }
        BlockMoments moments = BlockMoments.fromData(new BlockMoments.Data(c.path("pointCount").asInt(),
                ints(c.path("tuples")), longs(c, "chainIds"), longs(c, "counts"), table(c, "sums")));
        return new McmcChains(moments, longs(c, "accepted"), doubles(c, "tauIntAction"), doubles(c, "tauIntPhi2"));
    }

    private static JsonNode array(JsonNode b, String name) {
        JsonNode a = b.path(name);
        if (!a.isArray()) {
            throw new IllegalArgumentException("per-bin data: " + name + " is not an array");
        }
        return a;
    }

    private static long[] longs(JsonNode b, String name) {
        JsonNode a = array(b, name);
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException("per-bin data: " + name + "[" + i + "] is not an integer");
            }
            v[i] = a.get(i).asLong();
        }
        return v;
    }

    /** Numbers; null (a NaN written by the JSON writer) reads as NaN. */
    private static double[] doubles(JsonNode b, String name) {
        return numbers(array(b, name), name);
    }

    private static double[] numbers(JsonNode a, String name) {
        if (!a.isArray()) {
            throw new IllegalArgumentException("per-bin data: " + name + " is not an array");
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = a.get(i);
            if (!x.isNumber() && !x.isNull()) {
                throw new IllegalArgumentException("per-bin data: " + name + "[" + i + "] is not a number");
            }
            v[i] = x.isNull() ? Double.NaN : x.asDouble();
        }
        return v;
    }

    private static double[][] table(JsonNode b, String name) {
        JsonNode a = array(b, name);
        double[][] v = new double[a.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = numbers(a.get(i), name + "[" + i + "]");
        }
        return v;
    }

    private static int[][] ints(JsonNode a) {
        if (!a.isArray()) {
            throw new IllegalArgumentException("per-bin data: tuples is not an array");
        }
        int[][] v = new int[a.size()][];
        for (int i = 0; i < v.length; i++) {
            JsonNode t = a.get(i);
            v[i] = new int[t.size()];
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = t.get(j).asInt();
            }
        }
        return v;
    }
}
