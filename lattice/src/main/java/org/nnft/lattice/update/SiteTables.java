package org.nnft.lattice.update;

import org.nnft.engine.kernel.CpuArgs;

/**
 * The leading arguments that every table-driven local-update kernel shares ({@link Checkerboard#sweep}):
 * field, accepted, the colour's site list, neighbour and hopping tables, a_x, b_x, the number of sites n,
 * the coordination number, seed and stream; and the linear-term buffer h_x, which is the last argument.
 */
record SiteTables(double[] field, double[] accepted, int[] sites, int[] nbr, double[] hop, double[] qa,
                  double[] qb, int n, int coord, long seed, long stream, double[] lin) {
    /** Index of the first argument after the shared ones (a kernel's own arguments start here). */
    static final int OWN = 11;

    /** The shared arguments of a launch whose linear-term buffer is argument {@code linIndex}. */
    static SiteTables of(CpuArgs args, int linIndex) {
        return new SiteTables(args.doubles(0), args.doubles(1), args.ints(2), args.ints(3), args.doubles(4),
                args.doubles(5), args.doubles(6), args.intArg(7), args.intArg(8), args.longArg(9), args.longArg(10),
                args.doubles(linIndex));
    }

    /** J_x + h_x: the local field in table order ({@link LocalField#at}) plus the linear term. */
    double localField(int x) {
        return LocalField.at(field, nbr, hop, x, coord) + lin[x];
    }
}
