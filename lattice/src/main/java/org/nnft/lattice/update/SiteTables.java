package org.nnft.lattice.update;

import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Param;

/**
 * The values of the shared arguments of a table-driven local-update kernel ({@link TableParams}) and of its
 * linear-term buffer h_x, read once per task. The field is {@code field} (float64) or {@code single} (float32), as
 * declared; the other is null.
 */
record SiteTables(double[] field, float[] single, double[] accepted, int[] sites, int[] nbr, double[] hop,
                  double[] qa, double[] qb, int n, int coord, long seed, long stream, double[] lin) {
    /** The shared arguments of a launch, declared as {@code p}, and its linear-term buffer {@code linear}. */
    static SiteTables of(CpuArgs args, TableParams p, Param.F64Buffer linear) {
        double[] field = p.field() instanceof Param.F64Buffer f ? f.of(args) : null;
        float[] single = p.field() instanceof Param.F32Buffer f ? f.of(args) : null;
        return new SiteTables(field, single, p.accepted().of(args), p.sites().of(args), p.nbr().of(args),
                p.hop().of(args), p.qa().of(args), p.qb().of(args), p.n().of(args), p.coord().of(args),
                p.seed().of(args), p.stream().of(args), linear.of(args));
    }

    /** J_x + h_x: the local field in table order ({@link LocalField#at}) plus the linear term. */
    double localField(int x) {
        return LocalField.at(field, nbr, hop, x, coord) + lin[x];
    }

    /** {@link #localField} in float ({@link LocalField#atSingle}, plus h_x rounded to float). */
    float localFieldSingle(int x) {
        return LocalField.atSingle(single, nbr, hop, x, coord) + (float) lin[x];
    }
}
