package org.nnft.ensemble;

import org.nnft.stats.BlockMoments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which shards of a run {@code k} ways a result holds: one shard ({@code "i/k"}), several ({@code "i,j,../k"}, a
 * partial merge) or all of them (written {@code "0/1"}, the one-run result). Merging checks that no shard is held
 * twice and names the missing ones, so a partial result is never mistaken for the whole run; a partial result
 * {@link #split splits} back into its shards and merges further, bit for bit, into the one-run result.
 *
 * @param indices the shard indices held, increasing, each in [0, count)
 * @param count   k, the number of shards of the run
 */
public record ShardSet(int[] indices, int count) {
    public ShardSet {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be >= 1, got " + count);
        }
        indices = indices.clone();
        if (indices.length == 0) {
            throw new IllegalArgumentException("a shard set holds at least one shard");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= count || (i > 0 && indices[i] <= indices[i - 1])) {
                throw new IllegalArgumentException("shard indices must be distinct, increasing and in [0, " + count
                        + "), got " + Arrays.toString(indices));
            }
        }
    }

    /** Parses {@code "i/k"} or {@code "i,j,../k"}. */
    public static ShardSet parse(String text) {
        String[] p = text == null ? new String[0] : text.split("/");
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            int count = Integer.parseInt(p[1].trim());
            int[] indices = Arrays.stream(p[0].split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            return new ShardSet(indices, count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be i/k or i,j,../k, got '" + text + "'");
        }
    }

    /** The union of disjoint shard sets of one run. */
    public static ShardSet union(List<ShardSet> sets) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("no shards to merge");
        }
        Set<Integer> all = new TreeSet<>();
        for (ShardSet s : sets) {
            if (s.count != sets.get(0).count) {
                throw new IllegalArgumentException("shards of " + s.count + " and " + sets.get(0).count
                        + " parts are not of one run");
            }
            for (int i : s.indices) {
                if (!all.add(i)) {
                    throw new IllegalArgumentException("shard " + i + "/" + s.count + " is held twice");
                }
            }
        }
        return new ShardSet(all.stream().mapToInt(Integer::intValue).toArray(), sets.get(0).count);
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** True when every shard of the run is held. */
    public boolean complete() {
        return indices.length == count;
    }

    /** The shard indices not held, increasing. */
    public int[] missing() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0, j = 0; i < count; i++) {
            if (j < indices.length && indices[j] == i) {
                j++;
            } else {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Splits a result holding these shards of {@code run} into one sample per shard: its jackknife bins. Refuses
     * moments whose bins are not exactly the bins of these shards (a damaged or mislabelled file).
     *
     * @param run        the run's configuration (any shard)
     * @param moments    the per-bin sums the result holds (bin id = global jackknife bin)
     * @param provenance the result's provenance; its wall time goes with the first shard
     */
    public List<EnsembleSample> split(EnsembleConfig run, BlockMoments moments, Provenance provenance) {
        if (run.jackknifeBins() < count) {
            throw new IllegalArgumentException("shard count " + count + " exceeds the " + run.jackknifeBins()
                    + " jackknife bins of the run");
        }
        BlockMoments.Data data = moments.toData();
        List<EnsembleSample> out = new ArrayList<>();
        int used = 0;
        for (int s : indices) {
            EnsembleConfig c = run.shard(s, count);
            int from = c.firstBinOfShard(s), to = c.firstBinOfShard(s + 1);
            int n = to - from;
            if (used + n > data.blockIds().length) {
                throw new IllegalArgumentException("holds " + data.blockIds().length + " bins, shards " + this
                        + " have more");
            }
            long[] ids = Arrays.copyOfRange(data.blockIds(), used, used + n);
            for (int b = 0; b < n; b++) {
                if (ids[b] != from + b) {
                    throw new IllegalArgumentException("bin " + ids[b] + " is not a bin of shards " + this
                            + " (expected bin " + (from + b) + ")");
                }
            }
            BlockMoments part = BlockMoments.fromData(new BlockMoments.Data(data.pointCount(), data.tuples(), ids,
                    Arrays.copyOfRange(data.counts(), used, used + n),
                    Arrays.copyOfRange(data.sums(), used, used + n)));
            out.add(new EnsembleSample(c, part, new Provenance(provenance.backend(), provenance.device(), c.seed(),
                    part.totalCount(), c.blockSize(), s + "/" + count, out.isEmpty() ? provenance.wallSeconds() : 0)));
            used += n;
        }
        if (used != data.blockIds().length) {
            throw new IllegalArgumentException("holds " + data.blockIds().length + " bins, shards " + this + " have "
                    + used);
        }
        return out;
    }

    /** {@code "0/1"} when complete (the one-run form), else {@code "i,j,../k"}. */
    @Override
    public String toString() {
        return complete() ? "0/1" : Arrays.stream(indices).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")) + "/" + count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardSet s && s.count == count && Arrays.equals(s.indices, indices);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + count;
    }
}
