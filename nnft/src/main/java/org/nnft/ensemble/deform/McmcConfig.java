package org.nnft.ensemble.deform;

import org.nnft.engine.Precision;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.Preconditions;
import org.nnft.stats.Tuples;

/**
 * A parameter-space Markov chain run: {@code chains} independent chains, each thermalised for
 * {@code thermalize} sweeps (discarded) and then measured after each of {@code sweeps} sweeps; a
 * sweep proposes a fresh draw for every one of the N neurons in turn. Chains are launched
 * {@code launchSweeps} sweeps at a time (bounds the output buffer; never changes results).
 *
 * @param net          the cos-net (scalar, d = 1..3, the box's dimension)
 * @param points       measurement points (copied), at most 64
 * @param tuples       tuple set over the points
 * @param deformation  potential and box
 * @param chains       independent chains, >= 2 (they are the jackknife blocks)
 * @param thermalize   discarded sweeps per chain, >= 0
 * @param sweeps       measured sweeps per chain, >= 2
 * @param seed         Philox seed; results depend on it and on nothing else of the machine
 * @param launchSweeps sweeps per kernel launch, >= 1
 * @param precision    of the proposed networks and their field (docs/physics.md A.6); results depend on it too
 */
public record McmcConfig(CosNet net, double[][] points, Tuples tuples, Deformation deformation, int chains,
                         int thermalize, int sweeps, long seed, int launchSweeps, Precision precision) {

    /** A double-precision run. */
    public McmcConfig(CosNet net, double[][] points, Tuples tuples, Deformation deformation, int chains,
                      int thermalize, int sweeps, long seed, int launchSweeps) {
        this(net, points, tuples, deformation, chains, thermalize, sweeps, seed, launchSweeps, Precision.DOUBLE);
    }

    public McmcConfig {
        if (net == null || deformation == null || tuples == null || precision == null) {
            throw new IllegalArgumentException("net, deformation, tuples and precision must not be null");
        }
        net.checkPoints(points);
        points = copy(points);
        if (deformation.box().dimension() != net.inputDimension()) {
            throw new IllegalArgumentException("deformation: box dimension " + deformation.box().dimension()
                    + " differs from the input dimension " + net.inputDimension());
        }
        if (tuples.pointCount() != points.length) {
            throw new IllegalArgumentException("tuples must be over " + points.length + " points, got "
                    + tuples.pointCount());
        }
        Preconditions.inRange("chains", chains, 2, 1 << 20);
        Preconditions.inRange("thermalize", thermalize, 0, Integer.MAX_VALUE);
        Preconditions.inRange("sweeps", sweeps, 2, Integer.MAX_VALUE);
        Preconditions.inRange("launchSweeps", launchSweeps, 1, Integer.MAX_VALUE);
        long state = McmcKernel.stateSize(net, deformation.box(), points.length) * chains;
        Preconditions.inRange("chains x state size", state, 1, Integer.MAX_VALUE);
        Preconditions.inRange("chains x launchSweeps x (points + 2)",
                (long) chains * launchSweeps * (points.length + 2),
                1, Integer.MAX_VALUE);
    }

    /** All tuples up to {@code maxOrder} over the points, 1024 sweeps per launch at most. */
    public static McmcConfig of(CosNet net, double[][] points, int maxOrder, Deformation deformation, int chains,
                                int thermalize, int sweeps, long seed) {
        Preconditions.inRange("maxOrder", maxOrder, 1, Tuples.MAX_ORDER);
        int launch = (int) Math.max(1, Math.min(1024, (1 << 22) / ((long) chains * (points.length + 2))));
        return new McmcConfig(net, points, Tuples.allUpToOrder(points.length, maxOrder), deformation, chains,
                thermalize, sweeps, seed, Math.min(launch, thermalize + sweeps));
    }

    /** This run in {@code p}. */
    public McmcConfig withPrecision(Precision p) {
        return new McmcConfig(net, points, tuples, deformation, chains, thermalize, sweeps, seed, launchSweeps, p);
    }

    @Override
    public double[][] points() {
        return copy(points);
    }

    /**
     * The first chain of shard {@code shard} of {@code count} ({@code shard == count}: the number of chains): the
     * chains split into {@code count} contiguous runs of floor or ceil(chains / count), each at least 2 (the
     * jackknife over a shard's chains), so {@code count} is in [1, chains / 2].
     */
    public int firstChainOfShard(int shard, int count) {
        if (count < 1 || count > chains / 2) {
            throw new IllegalArgumentException("shard count must be in [1, " + (chains / 2) + "] (at least 2 of the "
                    + chains + " chains per shard), got " + count);
        }
        Preconditions.inRange("shard", shard, 0, count);
        return (int) ((long) shard * chains / count);
    }

    /** Total sweeps per chain after the initial draw. */
    public long totalSweeps() {
        return (long) thermalize + sweeps;
    }

    private static double[][] copy(double[][] p) {
        double[][] c = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            c[i] = p[i].clone();
        }
        return c;
    }
}
