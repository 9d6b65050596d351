package org.nnft.lattice.update;

import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;

/**
 * Embedded-Ising Wolff clusters (Brower-Tamayo): signs flip, magnitudes stay. A bond x-y with
 * {@code phi_x phi_y > 0} joins with probability {@code 1 - exp(-2 w_xy phi_x phi_y)}. A FIXED number of
 * clusters is built and flipped per application (a size-dependent stopping rule would bias the chain).
 * Diagonal (next-nearest-neighbour) pairs join by the same rule with their weight v. A linear term
 * {@code S1 = -sum h phi} breaks the flip symmetry: the built cluster C is then flipped with probability
 * {@code min(1, exp(-Delta S1))}, {@code Delta S1 = 2 sum_{x in C} h_x phi_x} (the bond probabilities already
 * balance the even part, so this accept/reject is exact). Needs non-negative link and diagonal weights; not
 * ergodic alone. Runs on the host mirror; random numbers follow {@link StreamMap}. Returns the mean flipped
 * cluster size divided by V as "acceptance".
 */
public final class WolffClusters implements Update {
    private final Lattice lattice;
    private final Couplings couplings;
    private final int clusters;
    private final int[] neighbours;
    private final double[] hopping;
    private final double[] linear;
    private final int[] stack;
    private final int[] members;
    private final boolean[] inCluster;
    private final int[] w = new int[4];

    public WolffClusters(Couplings couplings, int clusters) {
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters must be >= 1, got " + clusters);
        }
        EmbeddedIsing.requireNonNegativeWeights(couplings);
        this.lattice = couplings.lattice();
        this.couplings = couplings;
        this.clusters = clusters;
        this.neighbours = couplings.neighbourTable();
        this.hopping = couplings.hoppingTable();
        this.linear = couplings.hasLinear() ? couplings.linear() : null;
        this.stack = new int[lattice.volume()];
        this.members = new int[lattice.volume()];
        this.inCluster = new boolean[lattice.volume()];
    }

    @Override
    public String name() {
        return "wolff";
    }

    @Override
    public double apply(LatticeField field, long seed, long step) {
        double[] phi = field.host();
        int volume = lattice.volume();
        int coord = couplings.coordination();
        long pairs = couplings.pairs();
        long siteStream = StreamMap.stream(step, 0);
        long bondStream = StreamMap.stream(step, 1);
        long flipped = 0;
        for (int c = 0; c < clusters; c++) {
            RandomStreams.block(seed, siteStream, c, w);
            int start = (int) (RandomStreams.toUniformDouble(w[0], w[1]) * volume);
            int top = 0;
            stack[top++] = start;
            inCluster[start] = true;
            int size = 0;
            while (top > 0) {
                int x = stack[--top];
                members[size++] = x;
                double px = phi[x];
                for (int k = 0; k < coord; k++) {
                    int y = neighbours[x * coord + k];
                    if (inCluster[y]) {
                        continue;
                    }
                    double coupling = hopping[x * coord + k] * px * phi[y];
                    if (coupling <= 0) {
                        continue;
                    }
                    RandomStreams.block(seed, bondStream, c * pairs + couplings.pairIndex(x, k, y), w);
                    if (RandomStreams.toUniformDouble(w[0], w[1]) < EmbeddedIsing.bondProbability(coupling)) {
                        inCluster[y] = true;
                        stack[top++] = y;
                    }
                }
            }
            boolean flip = true;
            if (linear != null) {
                double ds = 0;
                for (int m = 0; m < size; m++) {
                    ds += linear[members[m]] * phi[members[m]];
                }
                ds *= 2.0;
                RandomStreams.block(seed, siteStream, c, w);
                flip = ds <= 0 || RandomStreams.toUniformDouble(w[2], w[3]) < Math.exp(-ds);
            }
            for (int m = 0; m < size; m++) {
                int x = members[m];
                if (flip) {
                    phi[x] = -phi[x];
                }
                inCluster[x] = false;
            }
            if (flip) {
                flipped += size;
            }
        }
        field.hostModified();
        return (double) flipped / ((double) clusters * volume);
    }
}
