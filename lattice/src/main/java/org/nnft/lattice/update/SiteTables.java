package org.nnft.lattice.update;

import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Param;

/**
 * The values of the shared arguments of a table-driven local-update kernel ({@link TableParams}) and of its
 * linear-term buffer h_x, read once per task.
 */
record SiteTables(double[] field, double[] accepted, int[] sites, int[] nbr, double[] hop, double[] qa,
                  double[] qb, int n, int coord, long seed, long stream, double[] lin) {
    /** The shared arguments of a launch, declared as {@code p}, and its linear-term buffer {@code linear}. */
    static SiteTables of(CpuArgs args, TableParams p, Param.F64Buffer linear) {
        return new SiteTables(p.field().of(args), p.accepted().of(args), p.sites().of(args), p.nbr().of(args),
                p.hop().of(args), p.qa().of(args), p.qb().of(args), p.n().of(args), p.coord().of(args),
                p.seed().of(args), p.stream().of(args), linear.of(args));
    }

    /** J_x + h_x: the local field in table order ({@link LocalField#at}) plus the linear term. */
    double localField(int x) {
        return LocalField.at(field, nbr, hop, x, coord) + lin[x];
    }
}
