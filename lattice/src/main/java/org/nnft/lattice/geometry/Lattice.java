package org.nnft.lattice.geometry;

import java.util.Locale;

/**
 * Periodic hypercubic lattice L^d (d = 2, 3, 4) with lexicographic site index
 * {@code x = x_0 + L x_1 + L^2 x_2 + ...} (direction 0 runs fastest).
 *
 * <p>Neighbour table: {@code neighbour(x, k)} for {@code k = 0..2d-1}; {@code k = mu} is the forward
 * neighbour {@code x + e_mu}, {@code k = d + mu} the backward neighbour {@code x - e_mu}. The flat table
 * {@link #neighbourTable()} stores it as {@code table[x * 2d + k]}.
 *
 * <p>Links: link {@code x * d + mu} joins {@code x} and {@code x + e_mu}; every nearest-neighbour pair
 * appears once (for L = 2 the two links between the same pair in direction mu are distinct, as in the
 * periodic action). Colour (parity) of a site is {@code (sum_mu x_mu) mod 2}; it is a valid checkerboard
 * only for even L.
 *
 * <p>Next-nearest neighbours (diagonals): the sites {@code x +- e_mu +- e_nu}, {@code mu < nu}. The
 * {@code P = d(d-1)} forward diagonals of a site are numbered {@code p = 2 q + s} with {@code q} the index of the
 * pair (mu, nu) in lexicographic order and {@code s = 0} for {@code x + e_mu + e_nu}, {@code s = 1} for
 * {@code x + e_mu - e_nu}. Diagonal link {@code x * P + p} joins {@code x} and its forward diagonal p, so every
 * diagonal pair appears once. {@link #diagonalTable()} stores {@code [x * 2P + k]}: {@code k < P} forward diagonal
 * k, {@code k = P + p} the backward diagonal {@code x - (e_mu +- e_nu)}. Diagonal neighbours share the
 * checkerboard colour; the parity classes {@link #parityClass} (2^d colours) separate nearest and diagonal
 * neighbours alike.
 */
public final class Lattice {
    /** Entries of the largest site table (an int array): the neighbour table has 2d entries per site. */
    private static final long MAX_SITE_TABLE = Integer.MAX_VALUE;
    private final int dim;
    private final int size;
    private final int volume;
    private final int[] neighbours;
    private int[] diagonals;

    public Lattice(int dim, int size) {
        long v = requireTableable(dim, size);
        this.dim = dim;
        this.size = size;
        this.volume = (int) v;
        this.neighbours = buildNeighbours();
    }

    /**
     * Checks, before anything is allocated, that an L^d lattice is valid and that its site tables (2d ints per
     * site) can be indexed by int; returns the volume L^d.
     */
    public static long requireTableable(int dim, int size) {
        if (dim < 2 || dim > 4) {
            throw new IllegalArgumentException("dim must be 2, 3 or 4, got " + dim);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size L must be positive, got " + size);
        }
        long v = 1;
        for (int i = 0; i < dim && v <= MAX_SITE_TABLE / (2L * dim); i++) {
            v *= size;
        }
        if (v > MAX_SITE_TABLE / (2L * dim)) {
            throw new IllegalArgumentException("size L = " + size + " too large for dim " + dim + ": L^d = "
                    + String.format(Locale.ROOT, "%.3g", Math.pow(size, dim)) + " sites, at most "
                    + MAX_SITE_TABLE / (2L * dim) + " (2d neighbours per site in one int table)");
        }
        return v;
    }

    private int[] buildNeighbours() {
        int[] t = new int[volume * 2 * dim];
        int[] c = new int[dim];
        for (int x = 0; x < volume; x++) {
            coordinates(x, c);
            for (int mu = 0; mu < dim; mu++) {
                int orig = c[mu];
                c[mu] = (orig + 1) % size;
                t[x * 2 * dim + mu] = index(c);
                c[mu] = (orig - 1 + size) % size;
                t[x * 2 * dim + dim + mu] = index(c);
                c[mu] = orig;
            }
        }
        return t;
    }

    public int dim() {
        return dim;
    }

    public int size() {
        return size;
    }

    /** Number of sites V = L^d. */
    public int volume() {
        return volume;
    }

    /** Number of links d V. */
    public int links() {
        return volume * dim;
    }

    /** Neighbours per site, 2d. */
    public int coordination() {
        return 2 * dim;
    }

    /** Site index of coordinates {@code c} (taken modulo L). */
    public int index(int... c) {
        if (c.length != dim) {
            throw new IllegalArgumentException("coordinates must have " + dim + " entries, got " + c.length);
        }
        int x = 0;
        for (int mu = dim - 1; mu >= 0; mu--) {
            x = x * size + Math.floorMod(c[mu], size);
        }
        return x;
    }

    /** Writes the coordinates of site {@code x} into {@code out}. */
    public void coordinates(int x, int[] out) {
        for (int mu = 0; mu < dim; mu++) {
            out[mu] = x % size;
            x /= size;
        }
    }

    /** Coordinate {@code mu} of site {@code x}. */
    public int coordinate(int x, int mu) {
        for (int i = 0; i < mu; i++) {
            x /= size;
        }
        return x % size;
    }

    /** Neighbour {@code k} of site {@code x} (k < d forward, k >= d backward). */
    public int neighbour(int x, int k) {
        return neighbours[x * 2 * dim + k];
    }

    /** The flat neighbour table {@code [x * 2d + k]} (a copy). */
    public int[] neighbourTable() {
        return neighbours.clone();
    }

    /** Parity {@code (sum_mu x_mu) mod 2}. */
    public int colour(int x) {
        int s = 0;
        for (int mu = 0; mu < dim; mu++) {
            s += x % size;
            x /= size;
        }
        return s & 1;
    }

    /** Throws unless L is even, as a checkerboard decomposition needs. */
    public void requireCheckerboard() {
        if ((size & 1) != 0) {
            throw new IllegalArgumentException("size L must be even for a checkerboard update, got " + size);
        }
    }

    /** Sites of parity {@code colour} in increasing order (checkerboard: L must be even). */
    public int[] sitesOfColour(int colour) {
        requireCheckerboard();
        if (colour != 0 && colour != 1) {
            throw new IllegalArgumentException("colour must be 0 or 1, got " + colour);
        }
        int[] out = new int[volume / 2];
        int n = 0;
        for (int x = 0; x < volume; x++) {
            if (colour(x) == colour) {
                out[n++] = x;
            }
        }
        return out;
    }

    /** Forward diagonals per site, {@code P = d(d-1)}; the diagonal links number {@code P V}. */
    public int diagonalsPerSite() {
        return dim * (dim - 1);
    }

    /** The flat diagonal-neighbour table {@code [x * 2P + k]} described in the class comment (a copy). */
    public synchronized int[] diagonalTable() {
        if (diagonals == null) {
            diagonals = buildDiagonals();
        }
        return diagonals.clone();
    }

    private int[] buildDiagonals() {
        int p = diagonalsPerSite();
        int[] t = new int[volume * 2 * p];
        int[] c = new int[dim];
        int[] e = new int[dim];
        for (int x = 0; x < volume; x++) {
            int k = 0;
            for (int mu = 0; mu < dim; mu++) {
                for (int nu = mu + 1; nu < dim; nu++) {
                    for (int s = 0; s < 2; s++) {
                        int sign = s == 0 ? 1 : -1;
                        coordinates(x, c);
                        System.arraycopy(c, 0, e, 0, dim);
                        c[mu] += 1;
                        c[nu] += sign;
                        t[x * 2 * p + k] = index(c);
                        e[mu] -= 1;
                        e[nu] -= sign;
                        t[x * 2 * p + p + k] = index(e);
                        k++;
                    }
                }
            }
        }
        return t;
    }

    /**
     * Parity class {@code sum_mu (x_mu mod 2) 2^mu} in [0, 2^d): no two nearest or diagonal neighbours share it
     * when L is even, so each class can be updated in parallel with next-nearest-neighbour couplings.
     */
    public int parityClass(int x) {
        int c = 0;
        for (int mu = 0; mu < dim; mu++) {
            c |= (x % size & 1) << mu;
            x /= size;
        }
        return c;
    }

    /** Sites of parity class {@code c} in increasing order (L must be even). */
    public int[] sitesOfParityClass(int c) {
        requireCheckerboard();
        if (c < 0 || c >= 1 << dim) {
            throw new IllegalArgumentException("parity class must be in [0, " + (1 << dim) + "), got " + c);
        }
        int[] out = new int[volume >> dim];
        int n = 0;
        for (int x = 0; x < volume; x++) {
            if (parityClass(x) == c) {
                out[n++] = x;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Lattice[d=" + dim + ", L=" + size + "]";
    }
}
