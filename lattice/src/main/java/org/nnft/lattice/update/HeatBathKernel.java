package org.nnft.lattice.update;

import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.random.RandomStreams;

/**
 * Heat bath on one colour (needs a > 0): draw {@code phi' ~ N(J/(2a), 1/(2a))} (J including the linear term h), accept with
 * {@code exp(-b phi'^4)}; up to {@code tries} attempts, then the old value is kept (exact: the rejection
 * probability does not depend on the old value). Try {@code t} uses Philox block {@code x * tries + t}:
 * words 0,1 a Box-Muller normal (cosine branch), words 2,3 the accept variate. Writes 1 to
 * {@code accepted[i]} when a new value was accepted, else 0. C twin: {@code heatbath.c}.
 *
 * <p>Signature: field, accepted, sites, neighbours, hopping, a, b (buffers), n, coordination, seed, stream, tries,
 * h (buffer, the linear term per site).
 */
public final class HeatBathKernel {
    public static final Kernel KERNEL = Kernel.of("lattice_heatbath",
            LocalField.kernelSource(HeatBathKernel.class, "heatbath.c"), HeatBathKernel::run,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.I32_BUFFER, ArgType.I32_BUFFER,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.F64_BUFFER,
            ArgType.INT, ArgType.INT, ArgType.LONG, ArgType.LONG, ArgType.INT, ArgType.F64_BUFFER);

    private HeatBathKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        double[] field = args.doubles(0);
        double[] accepted = args.doubles(1);
        int[] sites = args.ints(2);
        int[] nbr = args.ints(3);
        double[] hop = args.doubles(4);
        double[] qa = args.doubles(5);
        double[] qb = args.doubles(6);
        int n = args.intArg(7);
        int coord = args.intArg(8);
        long seed = args.longArg(9);
        long stream = args.longArg(10);
        int tries = args.intArg(11);
        double[] lin = args.doubles(12);
        int[] w = new int[4];
        for (long gid = from; gid < to && gid < n; gid++) {
            int i = (int) gid;
            int x = sites[i];
            double j = LocalField.at(field, nbr, hop, x, coord) + lin[x];
            double ax = qa[x];
            double bx = qb[x];
            double mean = j / (2.0 * ax);
            double sigma = Math.sqrt(1.0 / (2.0 * ax));
            double acc = 0.0;
            for (int t = 0; t < tries; t++) {
                RandomStreams.block(seed, stream, (long) x * tries + t, w);
                double q = mean + sigma * RandomStreams.boxMuller(w[0], w[1], false);
                double q2 = q * q;
                if (RandomStreams.toUniformDouble(w[2], w[3]) < Math.exp(-bx * q2 * q2)) {
                    field[x] = q;
                    acc = 1.0;
                    break;
                }
            }
            accepted[i] = acc;
        }
    }
}
