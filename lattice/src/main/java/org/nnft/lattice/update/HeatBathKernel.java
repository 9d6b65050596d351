package org.nnft.lattice.update;

import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.RandomStreams;

/**
 * Heat bath on one colour (needs a > 0): draw {@code phi' ~ N(J/(2a), 1/(2a))} (J including the linear term h), accept
 * with {@code exp(-b phi'^4)}; up to {@code tries} attempts, then the old value is kept (exact: the rejection
 * probability does not depend on the old value). Try {@code t} uses Philox block {@code x * tries + t}: words 0,1 a
 * Box-Muller normal (cosine branch), words 2,3 the accept variate. Writes 1 to {@code accepted[i]} when a new value was
 * accepted, else 0. C twin: {@code heatbath.c}.
 */
public final class HeatBathKernel {
    private static final KernelParams PARAMS = new KernelParams();
    /** field .. stream, shared by the table kernels. */
    static final TableParams TABLES = TableParams.declare(PARAMS);
    /** Attempts per site before the old value is kept. */
    static final Param.I32 TRIES = PARAMS.i32("tries");
    /** h_x, the linear term per site. */
    static final Param.F64Buffer LINEAR = PARAMS.f64Buffer("lin");

    public static final Kernel KERNEL = Kernel.of("lattice_heatbath",
            KernelSource.assemble(HeatBathKernel.class, LocalField.SOURCE, "heatbath.c"), HeatBathKernel::run, PARAMS);

    private HeatBathKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, TABLES, LINEAR);
        int tries = TRIES.of(args);
        double[] field = t.field();
        int[] w = new int[4];
        for (long gid = from; gid < to && gid < t.n(); gid++) {
            int i = (int) gid;
            int x = t.sites()[i];
            double j = t.localField(x);
            double ax = t.qa()[x];
            double bx = t.qb()[x];
            double mean = j / (2.0 * ax);
            double sigma = Math.sqrt(1.0 / (2.0 * ax));
            double acc = 0.0;
            for (int k = 0; k < tries; k++) {
                RandomStreams.block(t.seed(), t.stream(), (long) x * tries + k, w);
                double q = mean + sigma * RandomStreams.boxMuller(w[0], w[1], false);
                double q2 = q * q;
                if (RandomStreams.toUniformDouble(w[2], w[3]) < Math.exp(-bx * q2 * q2)) {
                    field[x] = q;
                    acc = 1.0;
                    break;
                }
            }
            t.accepted()[i] = acc;
        }
    }
}
