package org.nnft.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sufficient statistics of a streaming run for the moments of a random field at M points: for
 * each block of samples (a block is a contiguous range of network indices, identified by a global
 * block id) the number of samples and, for every tuple of {@link #tuples()}, the sum over the
 * block's samples of the product of the field values at the tuple's points.
 *
 * <p>Blocks with distinct ids from shards over disjoint network ranges {@link #merge merge} into
 * exactly (bit for bit) the accumulator one run over all blocks gives, since each block's sums are
 * kept as produced and estimators visit blocks in increasing id order. Not thread safe.
 */
public final class BlockMoments {

    private final Tuples tuples;
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private final double[] products;

    private static final class Block {
        long count;
        final double[] sums;

        Block(long count, double[] sums) {
            this.count = count;
            this.sums = sums;
        }
    }

    public BlockMoments(Tuples tuples) {
        if (tuples == null) {
            throw new IllegalArgumentException("tuples must not be null");
        }
        this.tuples = tuples;
        this.products = new double[tuples.size()];
    }

    public Tuples tuples() {
        return tuples;
    }

    /**
     * Adds one sample to block blockId (created if new): every tuple sum gains the product of
     * fieldAtPoints over the tuple's points.
     *
     * @param fieldAtPoints field values at the M points, finite
     */
    public void addSample(long blockId, double[] fieldAtPoints) {
        if (fieldAtPoints == null || fieldAtPoints.length != tuples.pointCount()) {
            throw new IllegalArgumentException("fieldAtPoints must have length " + tuples.pointCount());
        }
        for (int p = 0; p < fieldAtPoints.length; p++) {
            if (!Double.isFinite(fieldAtPoints[p])) {
                throw new IllegalArgumentException("fieldAtPoints[" + p + "] is not finite: " + fieldAtPoints[p]);
            }
        }
        for (int i = 0; i < products.length; i++) {
            int prefix = tuples.prefixIndex(i);
            double last = fieldAtPoints[tuples.lastPoint(i)];
            products[i] = prefix < 0 ? last : products[prefix] * last;
        }
        Block block = blocks.computeIfAbsent(blockId, id -> new Block(0, new double[products.length]));
        block.count++;
        double[] sums = block.sums;
        for (int i = 0; i < products.length; i++) {
            sums[i] += products[i];
        }
    }

    /**
     * Adds a complete block (e.g. produced by a compute kernel). The id must be new.
     *
     * @param count     number of samples in the block, > 0
     * @param tupleSums per-tuple sums of products, indexed like {@link #tuples()} (copied)
     */
    public void addBlock(long blockId, long count, double[] tupleSums) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, got " + count);
        }
        if (tupleSums == null || tupleSums.length != tuples.size()) {
            throw new IllegalArgumentException("tupleSums must have length " + tuples.size());
        }
        for (int i = 0; i < tupleSums.length; i++) {
            if (!Double.isFinite(tupleSums[i])) {
                throw new IllegalArgumentException("tupleSums[" + i + "] is not finite: " + tupleSums[i]);
            }
        }
        if (blocks.containsKey(blockId)) {
            throw new IllegalArgumentException("blockId " + blockId + " is already present");
        }
        blocks.put(blockId, new Block(count, tupleSums.clone()));
    }

    /**
     * Moves copies of all blocks of other into this accumulator. Both must have equal tuple sets and
     * disjoint block ids; on error nothing is changed.
     */
    public void merge(BlockMoments other) {
        if (other == null) {
            throw new IllegalArgumentException("other must not be null");
        }
        if (other == this) {
            throw new IllegalArgumentException("other: cannot merge an accumulator with itself");
        }
        if (!other.tuples.equals(tuples)) {
            throw new IllegalArgumentException("other has a different tuple set: " + other.tuples + " vs " + tuples);
        }
        for (Long id : other.blocks.keySet()) {
            if (blocks.containsKey(id)) {
                throw new IllegalArgumentException("other: block id " + id + " is present in both accumulators");
            }
        }
        for (Map.Entry<Long, Block> e : other.blocks.entrySet()) {
            blocks.put(e.getKey(), new Block(e.getValue().count, e.getValue().sums.clone()));
        }
    }

    public int blockCount() {
        return blocks.size();
    }

    /** Block ids in increasing order. */
    public long[] blockIds() {
        return blocks.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    /** Sample counts per block, in increasing block id order. */
    public long[] counts() {
        return blocks.values().stream().mapToLong(b -> b.count).toArray();
    }

    /** Sample count of block blockId. */
    public long count(long blockId) {
        return existing(blockId).count;
    }

    /** Tuple sums of block blockId (a copy). */
    public double[] sums(long blockId) {
        return existing(blockId).sums.clone();
    }

    private Block existing(long blockId) {
        Block block = blocks.get(blockId);
        if (block == null) {
            throw new IllegalArgumentException("blockId " + blockId + " is not present");
        }
        return block;
    }

    /** Blocks in increasing id order (internal, shared arrays). */
    double[][] orderedSums() {
        return blocks.values().stream().map(b -> b.sums).toArray(double[][]::new);
    }

    public long totalCount() {
        long n = 0;
        for (Block b : blocks.values()) {
            n += b.count;
        }
        return n;
    }

    /** Plain-array form for files and the merge command; {@link #fromData} restores an equal object. */
    public Data toData() {
        double[][] sums = blocks.values().stream().map(b -> b.sums.clone()).toArray(double[][]::new);
        return new Data(tuples.pointCount(), tuples.toArray(), blockIds(), counts(), sums);
    }

    public static BlockMoments fromData(Data data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        Tuples tuples = Tuples.closureOf(data.pointCount(), data.tuples());
        if (!Arrays.deepEquals(tuples.toArray(), data.tuples())) {
            throw new IllegalArgumentException("data.tuples must be a closed tuple set in canonical order");
        }
        int n = data.blockIds().length;
        if (data.counts().length != n || data.sums().length != n) {
            throw new IllegalArgumentException("data.blockIds, data.counts and data.sums must have equal lengths");
        }
        BlockMoments moments = new BlockMoments(tuples);
        for (int b = 0; b < n; b++) {
            moments.addBlock(data.blockIds()[b], data.counts()[b], data.sums()[b]);
        }
        return moments;
    }

    /**
     * Serialised form.
     *
     * @param pointCount M
     * @param tuples     the tuple set in index order ({@link Tuples#toArray()})
     * @param blockIds   block ids, increasing
     * @param counts     samples per block
     * @param sums       sums[b][tuple index]
     */
    public record Data(int pointCount, int[][] tuples, long[] blockIds, long[] counts, double[][] sums) {
    }

    /** Equal tuple sets and identical blocks (ids, counts, and sums bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BlockMoments other) || !other.tuples.equals(tuples)
                || !other.blocks.keySet().equals(blocks.keySet())) {
            return false;
        }
        for (Map.Entry<Long, Block> e : blocks.entrySet()) {
            Block mine = e.getValue();
            Block theirs = other.blocks.get(e.getKey());
            if (mine.count != theirs.count || !Arrays.equals(mine.sums, theirs.sums)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return tuples.hashCode() * 31 + blocks.keySet().hashCode();
    }
}
