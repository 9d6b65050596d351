package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.nnft.cli.io.ResultFile;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.ensemble.Provenance;
import org.nnft.stats.BlockMoments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nnft merge}: combines shard results of one ensemble run into the one-run result (bit for bit). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge 'nnft ensemble --shard i/k' results of one run into the result of the whole run.")
final class MergeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", description = "shard result files")
    List<Path> files;
    @Option(names = "--out", defaultValue = "merged.json", description = "merged result file")
    Path out;

    @Override
    public Integer call() {
        List<EnsembleSample> samples = new ArrayList<>();
        EnsembleCommand.Inputs inputs = null;
        EnsembleConfig base = null;
        String firstConfig = null;
        int shardCount = -1;
        for (Path f : files) {
            JsonNode doc = ResultFile.read(f);
            JsonNode config = doc.path("config");
            if (config.isMissingNode() || doc.path("results").path("blockSums").isMissingNode()) {
                throw new IllegalArgumentException(f + ": not an 'nnft ensemble' result file");
            }
            String[] shard = config.get("shard").asText().split("/");
            int index = Integer.parseInt(shard[0]);
            int count = Integer.parseInt(shard[1]);
            com.fasterxml.jackson.databind.node.ObjectNode withoutRunFields = config.deepCopy();
            withoutRunFields.remove(List.of("shard", "backend"));
            if (firstConfig == null) {
                firstConfig = withoutRunFields.toString();
                inputs = EnsembleCommand.Inputs.fromJson(config);
                base = inputs.config();
                shardCount = count;
            } else if (!firstConfig.equals(withoutRunFields.toString()) || count != shardCount) {
                throw new IllegalArgumentException(f + ": not a shard of the same run as " + files.get(0)
                        + " (configurations differ)");
            }
            EnsembleConfig c = base.shard(index, count);
            JsonNode prov = doc.get("provenance");
            samples.add(new EnsembleSample(c, BlockMoments.fromData(blockData(doc.get("results").get("blockSums"))),
                    new Provenance(prov.get("backend").asText(), prov.get("device").asText(), c.seed(),
                            prov.get("networksSampled").asLong(), c.blockSize(), index + "/" + count,
                            prov.get("wallSeconds").asDouble())));
        }
        EnsembleResult merged = EnsembleResult.of(samples);
        int[] shard = samples.size() == shardCount ? new int[]{0, 1} : new int[]{-1, shardCount};
        var doc = EnsembleCommand.document(inputs, shard, merged, merged.provenance().backend(),
                merged.provenance().device(), Instant.now());
        ResultFile.write(out, doc);
        spec.commandLine().getOut().println(EnsembleCommand.summary(merged));
        spec.commandLine().getOut().println("merged " + files.size() + " of " + shardCount + " shards: " + out.toAbsolutePath());
        return 0;
    }

    private static BlockMoments.Data blockData(JsonNode b) {
        int[][] tuples = new int[b.get("tuples").size()][];
        for (int i = 0; i < tuples.length; i++) {
            JsonNode t = b.get("tuples").get(i);
            tuples[i] = new int[t.size()];
            for (int j = 0; j < t.size(); j++) {
                tuples[i][j] = t.get(j).asInt();
            }
        }
        int n = b.get("blockIds").size();
        long[] ids = new long[n], counts = new long[n];
        double[][] sums = new double[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = b.get("blockIds").get(i).asLong();
            counts[i] = b.get("counts").get(i).asLong();
            JsonNode s = b.get("sums").get(i);
            sums[i] = new double[s.size()];
            for (int j = 0; j < s.size(); j++) {
                sums[i][j] = s.get(j).asDouble();
            }
        }
        return new BlockMoments.Data(b.get("pointCount").asInt(), tuples, ids, counts, sums);
    }
}
