package org.nnft.lattice.update;

import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;

/**
 * Embedded-Ising Swendsen-Wang update (Brower-Tamayo bonds, as in {@link WolffClusters}): every link x-y with
 * {@code phi_x phi_y > 0} is activated with probability {@code 1 - exp(-2 w_xy phi_x phi_y)}; the connected
 * components of the active bonds (union-find on the host mirror) are the clusters, and each cluster flips the
 * sign of its sites with probability 1/2, magnitudes unchanged. Exact for actions even in phi with non-negative
 * link weights; not ergodic alone for phi^4 (alternate with a local update), ergodic in the Ising limit.
 *
 * <p>Random numbers ({@link StreamMap}): the bond of link {@code l = x d + mu} uses the uniform double number
 * {@code l} of stream {@code 2 step}; a cluster's flip uses number {@code x0} of stream {@code 2 step + 1},
 * x0 its smallest site index, so the chain does not depend on the union-find's internal choices of roots.
 * Returns the fraction of sites flipped as "acceptance".
 */
public final class SwendsenWang implements Update {
    private final Lattice lattice;
    private final int[] neighbours;
    private final double[] hopping;
    private final int[] parent;
    private final byte[] decision;
    private final int[] w = new int[4];

    public SwendsenWang(Couplings couplings) {
        if (couplings.hasLinear() || couplings.hasDiagonal()) {
            throw new IllegalArgumentException("Swendsen-Wang: couplings with a linear term h or diagonal couplings v "
                    + "are not supported (use Wolff clusters, which handle both)");
        }
        for (double wl : couplings.linkWeights()) {
            if (wl < 0) {
                throw new IllegalArgumentException("link weights w must be >= 0 for embedded clusters, got " + wl);
            }
        }
        this.lattice = couplings.lattice();
        this.neighbours = lattice.neighbourTable();
        this.hopping = couplings.hoppingTable();
        this.parent = new int[lattice.volume()];
        this.decision = new byte[lattice.volume()];
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
        int coord = lattice.coordination();
        long bondStream = StreamMap.stream(step, 0);
        long flipStream = StreamMap.stream(step, 1);
        for (int x = 0; x < volume; x++) {
            parent[x] = x;
        }
        long cached = -1;
        for (int x = 0; x < volume; x++) {
            for (int mu = 0; mu < d; mu++) {
                int y = neighbours[x * coord + mu];
                double coupling = hopping[x * coord + mu] * phi[x] * phi[y];
                if (coupling <= 0) {
                    continue;
                }
                long link = (long) x * d + mu;
                if (link >>> 1 != cached) {
                    cached = link >>> 1;
                    RandomStreams.block(seed, bondStream, cached, w);
                }
                int p = (int) (link & 1) * 2;
                if (RandomStreams.toUniformDouble(w[p], w[p + 1]) < -Math.expm1(-2.0 * coupling)) {
                    union(x, y);
                }
            }
        }
        java.util.Arrays.fill(decision, (byte) 0);
        int flipped = 0;
        for (int x = 0; x < volume; x++) {
            int r = find(x);
            if (decision[r] == 0) { // x is the smallest site of its cluster
                decision[r] = RandomStreams.uniformDouble(seed, flipStream, x) < 0.5 ? (byte) 1 : (byte) 2;
            }
            if (decision[r] == 1) {
                phi[x] = -phi[x];
                flipped++;
            }
        }
        field.hostModified();
        return (double) flipped / volume;
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
