package org.nnft.lattice.learn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Wolff single-cluster updates of the 2D Ising model {@code -beta sum_<ij> s_i s_j} on a periodic L x L
 * lattice (spins +-1, site index {@code x + L y}). The source configurations of the inverse renormalization
 * group ({@link InverseRg}) and its direct-simulation check. A bond to an aligned neighbour is added with
 * probability {@code 1 - exp(-2 beta)}; the cluster is flipped as it grows (Wolff 1989).
 */
public final class IsingWolff {
    /** The 2D critical coupling {@code ln(1 + sqrt 2) / 2} (Kramers-Wannier). */
    public static final double BETA_C = 0.5 * Math.log(1 + Math.sqrt(2));

    private final int size;
    private final byte[] spins;
    private final int[] stack;
    private final double addProbability;
    private final SplittableRandom random;
    private long clusterSites;

    /** A cold start at coupling {@code beta}. */
    public IsingWolff(int size, double beta, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("size must be >= 2, got " + size);
        }
        this.size = size;
        this.spins = new byte[size * size];
        Arrays.fill(spins, (byte) 1);
        this.stack = new int[size * size];
        this.addProbability = -Math.expm1(-2 * beta);
        this.random = new SplittableRandom(seed);
    }

    /** One cluster update; returns its size. */
    public int cluster() {
        int seed = random.nextInt(spins.length);
        byte old = spins[seed];
        spins[seed] = (byte) -old;
        int top = 0;
        int grown = 1;
        stack[top++] = seed;
        while (top > 0) {
            int s = stack[--top];
            int x = s % size;
            int y = s / size;
            int[] neighbours = {y * size + (x + 1) % size, y * size + (x + size - 1) % size,
                ((y + 1) % size) * size + x, ((y + size - 1) % size) * size + x};
            for (int n : neighbours) {
                if (spins[n] == old && random.nextDouble() < addProbability) {
                    spins[n] = (byte) -old;
                    stack[top++] = n;
                    grown++;
                }
            }
        }
        clusterSites += grown;
        return grown;
    }

    /** Cluster updates until at least {@code sweeps} L^2 sites have been flipped in total (a Wolff "sweep"). */
    public void sweeps(double sweeps) {
        double target = sweeps * spins.length;
        double flipped = 0;
        while (flipped < target) {
            flipped += cluster();
        }
    }

    /** A copy of the spins as +-1 doubles. */
    public double[] configuration() {
        double[] c = new double[spins.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = spins[i];
        }
        return c;
    }

    /** Sites flipped by all clusters so far. */
    public long clusterSites() {
        return clusterSites;
    }

    /** Lattice extent L. */
    public int size() {
        return size;
    }
}
