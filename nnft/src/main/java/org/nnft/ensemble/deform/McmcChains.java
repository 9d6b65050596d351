package org.nnft.ensemble.deform;

import org.nnft.ensemble.Provenance;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.CorrelatorEstimator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-chain output of {@link McmcSampler} for some chains of a run: per chain (block id = the run's chain
 * index, increasing) the tuple sums over its measured sweeps, the number of accepted proposals and the integrated
 * autocorrelation times (Gamma method, in sweeps) of S_int (NaN without interaction) and of phi(x_0)^2. A chain
 * is seeded by its index in the run, so its row here does not depend on the shard that ran it, and
 * {@link #concat} of the chains of shards is the one-process run's chains bit for bit. Arrays are shared.
 *
 * @param moments      per-chain tuple sums, block id = chain index
 * @param accepted     accepted neuron proposals per chain
 * @param tauIntAction tau_int of S_int per chain (NaN without interaction)
 * @param tauIntPhi2   tau_int of phi(x_0)^2 per chain
 */
public record McmcChains(BlockMoments moments, long[] accepted, double[] tauIntAction, double[] tauIntPhi2) {

    public McmcChains {
        int n = moments.blockCount();
        if (n == 0 || accepted.length != n || tauIntAction.length != n || tauIntPhi2.length != n) {
            throw new IllegalArgumentException("mcmc chains: moments, accepted and tau_int must have one equal (>= 1)"
                    + " number of chains");
        }
    }

    /** The chain indices, increasing. */
    public long[] chainIds() {
        return moments.blockIds();
    }

    /** All chains of disjoint shards of one run, in increasing chain order (a chain held twice is refused). */
    public static McmcChains concat(List<McmcChains> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no mcmc chains to combine");
        }
        BlockMoments all = new BlockMoments(parts.get(0).moments.tuples());
        Map<Long, int[]> where = new TreeMap<>();
        for (int p = 0; p < parts.size(); p++) {
            long[] ids = parts.get(p).chainIds();
            for (int c = 0; c < ids.length; c++) {
                if (where.put(ids[c], new int[]{p, c}) != null) {
                    throw new IllegalArgumentException("mcmc chains: chain " + ids[c] + " is held twice");
                }
            }
            all.merge(parts.get(p).moments);
        }
        int n = where.size();
        long[] accepted = new long[n];
        double[] action = new double[n];
        double[] phi2 = new double[n];
        int at = 0;
        for (int[] w : where.values()) {
            McmcChains p = parts.get(w[0]);
            accepted[at] = p.accepted[w[1]];
            action[at] = p.tauIntAction[w[1]];
            phi2[at] = p.tauIntPhi2[w[1]];
            at++;
        }
        return new McmcChains(all, accepted, action, phi2);
    }

    /**
     * Moments and connected correlators (jackknife over the chains, at least 2), the acceptance rate and the mean
     * tau_int over the chains (summed in chain order) of {@code config}'s run.
     */
    public DeformedResult result(McmcConfig config, Provenance provenance) {
        long measured = moments.totalCount();
        long acceptedTotal = 0;
        for (long a : accepted) {
            acceptedTotal += a;
        }
        double acceptance = acceptedTotal / ((double) measured * config.net().width());
        boolean interacting = !config.deformation().potential().isZero();
        return new DeformedResult("mcmc", config.net(), config.points(), config.deformation(),
                CorrelatorEstimator.estimate(moments), measured, Double.NaN, acceptance,
                interacting ? mean(tauIntAction) : Double.NaN, mean(tauIntPhi2), provenance, null, null, this);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
