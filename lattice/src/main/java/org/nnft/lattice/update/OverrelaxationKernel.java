package org.nnft.lattice.update;

import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.random.RandomStreams;

/**
 * Overrelaxation on one colour: {@code phi' = J/a - phi} reflects the Gaussian part
 * {@code a phi^2 - J phi} (J including the linear term h) (exact for any a != 0; sites with a = 0 are left alone), accepted with
 * {@code min(1, exp(-b (phi'^4 - phi^4)))} using words 0,1 of Philox block {@code x} of {@code stream}.
 * Writes 1 or 0 to {@code accepted[i]}. C twin: {@code overrelaxation.c}.
 *
 * <p>Signature: field, accepted, sites, neighbours, hopping, a, b (buffers), n, coordination, seed, stream,
 * h (buffer, the linear term per site).
 */
public final class OverrelaxationKernel {
    public static final Kernel KERNEL = Kernel.of("lattice_overrelaxation",
            LocalField.kernelSource(OverrelaxationKernel.class, "overrelaxation.c"), OverrelaxationKernel::run,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.I32_BUFFER, ArgType.I32_BUFFER,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.F64_BUFFER,
            ArgType.INT, ArgType.INT, ArgType.LONG, ArgType.LONG, ArgType.F64_BUFFER);

    private OverrelaxationKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, SiteTables.OWN);
        double[] field = t.field();
        int[] w = new int[4];
        for (long gid = from; gid < to && gid < t.n(); gid++) {
            int i = (int) gid;
            int x = t.sites()[i];
            double ax = t.qa()[x];
            double acc = 0.0;
            if (ax != 0.0) {
                double j = t.localField(x);
                double p = field[x];
                double q = j / ax - p;
                double p2 = p * p;
                double q2 = q * q;
                double ds = t.qb()[x] * (q2 * q2 - p2 * p2);
                RandomStreams.block(t.seed(), t.stream(), x, w);
                if (ds <= 0.0 || RandomStreams.toUniformDouble(w[0], w[1]) < Math.exp(-ds)) {
                    field[x] = q;
                    acc = 1.0;
                }
            }
            t.accepted()[i] = acc;
        }
    }
}
