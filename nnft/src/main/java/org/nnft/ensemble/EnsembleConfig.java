package org.nnft.ensemble;

import org.nnft.engine.Precision;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.EnsembleStreams;
import org.nnft.ensemble.arch.Preconditions;
import org.nnft.stats.Tuples;

/**
 * What to sample: an architecture, the points, the tuples of sites whose moments are wanted, and
 * how many networks. Sites are (point, output component) pairs numbered
 * {@code point * outputDimension + component}.
 *
 * <p>Blocking: networks are cut into kernel blocks of {@code blockSize} consecutive networks
 * (block g = networks [g B, (g+1) B), the last one possibly short); the T blocks are grouped into
 * {@code jackknifeBins} contiguous bins (bin j = blocks [j T / J, (j+1) T / J)), the blocks of the
 * jackknife and of {@link org.nnft.stats.BlockMoments}. Shard i of k is the bins
 * [i J / k, (i+1) J / k), so shards sample disjoint network ranges and merge bit for bit into
 * the one-run result. Memory is O(J x tuples), independent of the number of networks.
 *
 * @param architecture   the network architecture
 * @param points         P points of the architecture's input dimension (copied)
 * @param tuples         tuple set over the P x d_out sites, closed under sub-multisets
 * @param networks       ensemble size, 2 blocks at least, below 2^48
 * @param blockSize      networks per kernel work item B
 * @param seed           Philox seed; the result depends on it and on nothing else of the machine
 * @param jackknifeBins  J, the number of jackknife blocks (at most the number of kernel blocks)
 * @param shardIndex     i, 0 <= i < k
 * @param shardCount     k, 1 <= k <= J
 * @param launchBlocks   kernel blocks per launch (bounds the output buffer; never changes results)
 * @param precision      the field's floating-point precision (moments are always accumulated in float64)
 */
public record EnsembleConfig(Architecture architecture, double[][] points, Tuples tuples, long networks,
                             int blockSize, long seed, int jackknifeBins, int shardIndex, int shardCount,
                             int launchBlocks, Precision precision) {

    /** Default networks per work item. */
    public static final int DEFAULT_BLOCK_SIZE = 256;
    /** Default (largest) number of jackknife bins. */
    public static final int DEFAULT_JACKKNIFE_BINS = 64;

    public EnsembleConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must not be null");
        }
        architecture.checkPoints(points);
        points = deepCopy(points);
        if (tuples == null) {
            throw new IllegalArgumentException("tuples must not be null");
        }
        int sites = points.length * architecture.outputDimension();
        if (tuples.pointCount() != sites) {
            throw new IllegalArgumentException("tuples must be over " + sites + " sites (points x outputs), got "
                    + tuples.pointCount());
        }
        Preconditions.inRange("blockSize", blockSize, 1, 1 << 20);
        Preconditions.inRange("networks", networks, 2L * blockSize, EnsembleStreams.MAX_NETWORKS - 1);
        long blocks = (networks + blockSize - 1) / blockSize;
        Preconditions.inRange("jackknifeBins", jackknifeBins, 2, blocks);
        Preconditions.inRange("shardCount", shardCount, 1, jackknifeBins);
        Preconditions.inRange("shardIndex", shardIndex, 0, shardCount - 1);
        Preconditions.inRange("launchBlocks", launchBlocks, 1, Integer.MAX_VALUE / (tuples.size() + 1));
        if (precision == null) {
            throw new IllegalArgumentException("precision must not be null");
        }
    }

    /**
     * The number of jackknife bins a run gets when none is asked for: {@value #DEFAULT_JACKKNIFE_BINS}, or the
     * number of kernel blocks when there are fewer (so a small run never fails on a setting it did not make).
     */
    public static int defaultJackknifeBins(long networks, int blockSize) {
        int b = Math.max(blockSize, 1);
        long n = Math.max(networks, 0);
        long blocks = n / b + (n % b == 0 ? 0 : 1);
        return (int) Math.min(DEFAULT_JACKKNIFE_BINS, blocks);
    }

    /** A builder for the sites of {@code points} under {@code architecture}, all defaults set. */
    public static Builder builder(Architecture architecture, double[][] points) {
        return new Builder(architecture, points);
    }

    @Override
    public double[][] points() {
        return deepCopy(points);
    }

    /** Number of kernel blocks T of the whole run (all shards). */
    public long blockCount() {
        return (networks + blockSize - 1) / blockSize;
    }

    /** First kernel block of jackknife bin {@code bin} (bin J gives T). */
    public long firstBlockOfBin(int bin) {
        long t = blockCount();
        return bin * (t / jackknifeBins) + (long) bin * (t % jackknifeBins) / jackknifeBins;
    }

    /** First jackknife bin of shard {@code shard} (shard k gives J). */
    public int firstBinOfShard(int shard) {
        return (int) ((long) shard * jackknifeBins / shardCount);
    }

    /** The same run restricted to shard i of k. */
    public EnsembleConfig shard(int index, int count) {
        return new EnsembleConfig(architecture, points, tuples, networks, blockSize, seed, jackknifeBins,
                index, count, launchBlocks, precision);
    }

    /** The same run with another launch size (results are identical). */
    public EnsembleConfig withLaunchBlocks(int blocks) {
        return new EnsembleConfig(architecture, points, tuples, networks, blockSize, seed, jackknifeBins,
                shardIndex, shardCount, blocks, precision);
    }

    /** The same run in another precision. */
    public EnsembleConfig withPrecision(Precision p) {
        return new EnsembleConfig(architecture, points, tuples, networks, blockSize, seed, jackknifeBins,
                shardIndex, shardCount, launchBlocks, p);
    }

    private static double[][] deepCopy(double[][] points) {
        double[][] c = new double[points.length][];
        for (int p = 0; p < points.length; p++) {
            c[p] = points[p].clone();
        }
        return c;
    }

    /**
     * Builder with defaults: max order 4, 10^5 networks, B = 256, seed 1, J = min(64, blocks), one shard, double
     * precision.
     */
    public static final class Builder {
        private final Architecture architecture;
        private final double[][] points;
        private Tuples tuples;
        private int maxOrder = 4;
        private long networks = 100_000;
        private int blockSize = DEFAULT_BLOCK_SIZE;
        private long seed = 1;
        private int jackknifeBins = 0;
        private int shardIndex = 0;
        private int shardCount = 1;
        private int launchBlocks = 0;
        private Precision precision = Precision.DOUBLE;

        private Builder(Architecture architecture, double[][] points) {
            if (architecture == null) {
                throw new IllegalArgumentException("architecture must not be null");
            }
            architecture.checkPoints(points);
            this.architecture = architecture;
            this.points = points;
        }

        /** All sorted tuples of the sites of orders 1..maxOrder (1..6). */
        public Builder maxOrder(int order) {
            Preconditions.inRange("maxOrder", order, 1, Tuples.MAX_ORDER);
            this.maxOrder = order;
            this.tuples = null;
            return this;
        }

        /** Only these tuples of sites (and their sub-multisets). */
        public Builder tuples(int[]... siteTuples) {
            this.tuples = Tuples.closureOf(points.length * architecture.outputDimension(), siteTuples);
            return this;
        }

        public Builder networks(long n) {
            this.networks = n;
            return this;
        }

        public Builder blockSize(int b) {
            this.blockSize = b;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder jackknifeBins(int j) {
            this.jackknifeBins = j;
            return this;
        }

        public Builder shard(int index, int count) {
            this.shardIndex = index;
            this.shardCount = count;
            return this;
        }

        public Builder launchBlocks(int blocks) {
            this.launchBlocks = blocks;
            return this;
        }

        /** The field's precision (default {@link Precision#DOUBLE}). */
        public Builder precision(Precision p) {
            this.precision = p;
            return this;
        }

        public EnsembleConfig build() {
            int sites = points.length * architecture.outputDimension();
            int bins = jackknifeBins != 0 ? jackknifeBins : defaultJackknifeBins(networks, blockSize);
            if (tuples == null) {
                EnsembleMemory.requireHost(sites, maxOrder, EnsembleMemory.tupleCount(sites, maxOrder), bins,
                        Runtime.getRuntime().maxMemory());
            }
            Tuples t = tuples != null ? tuples : Tuples.allUpToOrder(sites, maxOrder);
            FieldRange.require(architecture, points, t.maxOrder(), Math.max(blockSize, 1));
            int launch = launchBlocks != 0 ? launchBlocks : Math.max(1, Math.min(4096, (1 << 21) / (t.size() + 1)));
            return new EnsembleConfig(architecture, points, t, networks, blockSize, seed, bins, shardIndex,
                    shardCount, launch, precision);
        }
    }
}
