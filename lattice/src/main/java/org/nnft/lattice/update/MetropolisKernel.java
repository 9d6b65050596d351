package org.nnft.lattice.update;

import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.random.RandomStreams;

/**
 * Multi-hit Metropolis on one colour of the checkerboard. Work item {@code i} updates site
 * {@code x = sites[i]} only and writes its number of accepted hits to {@code accepted[i]}.
 * Hit {@code h} uses Philox block {@code x * hits + h} of {@code stream} ({@link StreamMap}): words 0,1 give
 * the proposal {@code phi + delta (2u - 1)}, words 2,3 the accept variate; accept when
 * {@code Delta s <= 0 || u < exp(-Delta s)}. The C twin is {@code metropolis.c}; {@link #run} is the
 * reference body, {@link VectorMetropolis} the CPU fast path.
 *
 * The local field includes the linear term: {@code s(phi) = a phi^2 + b phi^4 - (J_x + h_x) phi}.
 *
 * <p>Signature: field, accepted, sites, neighbours, hopping, a, b (buffers), n, coordination, seed, stream,
 * delta, hits, h (buffer, the linear term per site).
 */
public final class MetropolisKernel {
    public static final Kernel KERNEL = Kernel.of("lattice_metropolis",
            LocalField.kernelSource(MetropolisKernel.class, "metropolis.c"), MetropolisKernel::run,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.I32_BUFFER, ArgType.I32_BUFFER,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.F64_BUFFER,
            ArgType.INT, ArgType.INT, ArgType.LONG, ArgType.LONG, ArgType.DOUBLE, ArgType.INT,
            ArgType.F64_BUFFER).withCpuFastPath(VectorMetropolis::run);

    /** Index of the linear-term buffer, after the shared arguments, delta and hits. */
    static final int LINEAR_ARG = SiteTables.OWN + 2;

    private MetropolisKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, LINEAR_ARG);
        double delta = args.doubleArg(SiteTables.OWN);
        int hits = args.intArg(SiteTables.OWN + 1);
        double[] field = t.field();
        int[] w = new int[4];
        double[] acc = new double[1];
        for (long gid = from; gid < to && gid < t.n(); gid++) {
            int i = (int) gid;
            int x = t.sites()[i];
            acc[0] = 0.0;
            field[x] = hits(field[x], t.localField(x), t.qa()[x], t.qb()[x], t.seed(), t.stream(), x, hits, delta, w,
                    acc);
            t.accepted()[i] = acc[0];
        }
    }

    /**
     * The hits at site {@code x} with local field {@code j} and couplings (ax, bx) from field value {@code p};
     * returns the new value and adds the accepted hits to {@code acc[0]} ({@code w}: four words of scratch).
     * Shared by the reference bodies; C twin {@code lattice_metropolis_hits}.
     */
    static double hits(double p, double j, double ax, double bx, long seed, long stream, int x, int hits,
                       double delta, int[] w, double[] acc) {
        double p2 = p * p;
        double sOld = ax * p2 + bx * p2 * p2 - j * p;
        for (int h = 0; h < hits; h++) {
            RandomStreams.block(seed, stream, (long) x * hits + h, w);
            double q = p + delta * (2.0 * RandomStreams.toUniformDouble(w[0], w[1]) - 1.0);
            double q2 = q * q;
            double sNew = ax * q2 + bx * q2 * q2 - j * q;
            double ds = sNew - sOld;
            if (ds <= 0.0 || RandomStreams.toUniformDouble(w[2], w[3]) < Math.exp(-ds)) {
                p = q;
                sOld = sNew;
                acc[0] += 1.0;
            }
        }
        return p;
    }
}
