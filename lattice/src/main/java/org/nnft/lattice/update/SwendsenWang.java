package org.nnft.lattice.update;

import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;

import java.util.Arrays;

/**
 * Embedded-Ising Swendsen-Wang update (Brower-Tamayo bonds, as in {@link WolffClusters}): every pair x-y (nearest
 * neighbours, and diagonal neighbours when the couplings have them) with {@code phi_x phi_y > 0} is bonded with
 * probability {@code 1 - exp(-2 w_xy phi_x phi_y)}; the connected components of the bonds (union-find on the host
 * mirror) are the clusters, and each cluster flips the sign of its sites, magnitudes unchanged, with the heat-bath
 * probability {@code 1 / (1 + exp(Delta S1))}, {@code Delta S1 = 2 sum_{x in C} h_x phi_x} the change of the linear
 * term {@code S1 = -sum h phi}. The bonds balance the even part of the action, and given the bonds the linear term
 * factorises over clusters, so choosing each cluster's sign by heat bath is exact; without h it is 1/2. Needs
 * non-negative link and diagonal weights; not ergodic alone for phi^4 (alternate with a local update), ergodic in
 * the Ising limit.
 *
 * <p>Random numbers ({@link StreamMap}): the bond of pair {@code p} ({@link Couplings#pairIndex}: link
 * {@code x d + mu}, then the diagonal pairs) uses the uniform double number {@code p} of stream {@code 2 step}; a
 * cluster's flip uses number {@code x0} of stream {@code 2 step + 1}, x0 its smallest site index, so the chain does
 * not depend on the union-find's internal choices of roots. Returns the fraction of sites flipped as
 * "acceptance".
 */
public final class SwendsenWang implements Update {
    private final Lattice lattice;
    private final Couplings couplings;
    private final int[] neighbours;
    private final double[] hopping;
    /** h_x, or null without a linear term. */
    private final double[] linear;
    private final int[] parent;
    private final byte[] decision;
    /** Per cluster root: {@code sum h_x phi_x} over the cluster (with a linear term). */
    private final double[] linearSum;
    private final int[] w = new int[4];

    public SwendsenWang(Couplings couplings) {
        EmbeddedIsing.requireNonNegativeWeights(couplings);
        this.lattice = couplings.lattice();
        this.couplings = couplings;
        this.neighbours = couplings.neighbourTable();
        this.hopping = couplings.hoppingTable();
        this.linear = couplings.hasLinear() ? couplings.linear() : null;
        this.parent = new int[lattice.volume()];
        this.decision = new byte[lattice.volume()];
        this.linearSum = linear == null ? null : new double[lattice.volume()];
    }

    @Override
    public String name() {
        return "sw";
    }

    @Override
    public double apply(LatticeField field, long seed, long step) {
        double[] phi = field.host();
        int volume = lattice.volume();
        int d = lattice.dim();
        long bondStream = StreamMap.stream(step, 0);
        long flipStream = StreamMap.stream(step, 1);
        for (int x = 0; x < volume; x++) {
            parent[x] = x;
        }
        // Each pair once, from the end whose table entry points forward: links (k < d), then diagonals
        // (2d <= k < 2d + P), each range in increasing pair index so that consecutive pairs share Philox blocks.
        bonds(phi, seed, bondStream, 0, d);
        if (couplings.hasDiagonal()) {
            bonds(phi, seed, bondStream, 2 * d, 2 * d + lattice.diagonalsPerSite());
        }
        if (linear != null) {
            Arrays.fill(linearSum, 0.0);
            for (int x = 0; x < volume; x++) {
                linearSum[find(x)] += linear[x] * phi[x];
            }
        }
        Arrays.fill(decision, (byte) 0);
        int flipped = 0;
        for (int x = 0; x < volume; x++) {
            int r = find(x);
            if (decision[r] == 0) { // x is the smallest site of its cluster
                double probability = linear == null ? 0.5 : 1.0 / (1.0 + Math.exp(2.0 * linearSum[r]));
                decision[r] = RandomStreams.uniformDouble(seed, flipStream, x) < probability ? (byte) 1 : (byte) 2;
            }
            if (decision[r] == 1) {
                phi[x] = -phi[x];
                flipped++;
            }
        }
        field.hostModified();
        return (double) flipped / volume;
    }

    /** Bond tries of table entries {@code k in [from, to)} of every site. */
    private void bonds(double[] phi, long seed, long bondStream, int from, int to) {
        int coord = couplings.coordination();
        long cached = -1;
        for (int x = 0; x < lattice.volume(); x++) {
            for (int k = from; k < to; k++) {
                int y = neighbours[x * coord + k];
                double coupling = hopping[x * coord + k] * phi[x] * phi[y];
                if (coupling <= 0) {
                    continue;
                }
                long pair = couplings.pairIndex(x, k, y);
                if (pair >>> 1 != cached) {
                    cached = pair >>> 1;
                    RandomStreams.block(seed, bondStream, cached, w);
                }
                int p = (int) (pair & 1) * 2;
                if (RandomStreams.toUniformDouble(w[p], w[p + 1]) < EmbeddedIsing.bondProbability(coupling)) {
                    union(x, y);
                }
            }
        }
    }

    private int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private void union(int x, int y) {
        int rx = find(x);
        int ry = find(y);
        if (rx != ry) {
            parent[Math.max(rx, ry)] = Math.min(rx, ry);
        }
    }
}
