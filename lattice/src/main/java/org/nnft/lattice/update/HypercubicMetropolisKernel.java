package org.nnft.lattice.update;

import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelSource;

/**
 * {@link MetropolisKernel} for homogeneous couplings (kappa, a, b) on the periodic L^d lattice of
 * {@link org.nnft.lattice.geometry.Lattice}: the site of work item i and its neighbours come from index
 * arithmetic instead of the site, neighbour, hopping and coupling tables, which saves most of the memory
 * traffic of a sweep. Work item i updates the i-th site of the colour in increasing order (as
 * {@code Lattice.sitesOfColour}), sums J_x in the neighbour-table order and runs the same hits
 * ({@link MetropolisKernel#hits}), so it produces the same chain as {@link MetropolisKernel} bit for bit.
 * C twin: {@code metropolis_hypercubic.c}; CPU fast path: {@link VectorMetropolis#runHypercubic}.
 *
 * <p>Signature: field, accepted (buffers), n, size L, dim, colour, seed, stream, kappa, a, b, delta, hits.
 */
public final class HypercubicMetropolisKernel {
    public static final Kernel KERNEL = Kernel.of("lattice_metropolis_hypercubic",
            LocalField.kernelSource(MetropolisKernel.class, "metropolis.c")
                    + KernelSource.resource(HypercubicMetropolisKernel.class, "metropolis_hypercubic.c"),
            HypercubicMetropolisKernel::run,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT,
            ArgType.LONG, ArgType.LONG, ArgType.DOUBLE, ArgType.DOUBLE, ArgType.DOUBLE, ArgType.DOUBLE, ArgType.INT)
            .withCpuFastPath(VectorMetropolis::runHypercubic);

    private HypercubicMetropolisKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        double[] field = args.doubles(0);
        double[] accepted = args.doubles(1);
        int n = args.intArg(2);
        int size = args.intArg(3);
        int dim = args.intArg(4);
        int colour = args.intArg(5);
        long seed = args.longArg(6);
        long stream = args.longArg(7);
        double kappa = args.doubleArg(8);
        double qa = args.doubleArg(9);
        double qb = args.doubleArg(10);
        double delta = args.doubleArg(11);
        int hits = args.intArg(12);
        int[] w = new int[4];
        double[] acc = new double[1];
        for (long gid = from; gid < to && gid < n; gid++) {
            int i = (int) gid;
            int x = site(i, size, dim, colour);
            double j = localField(field, x, size, dim, kappa);
            acc[0] = 0.0;
            field[x] = MetropolisKernel.hits(field[x], j, qa, qb, seed, stream, x, hits, delta, w, acc);
            accepted[i] = acc[0];
        }
    }

    /** The i-th site of {@code colour} in increasing order: {@code x = 2i + r} with r fixing the parity. */
    static int site(int i, int size, int dim, int colour) {
        int rest = (2 * i) / size;
        int s = 0;
        for (int mu = 1; mu < dim; mu++) {
            s += rest % size;
            rest /= size;
        }
        return 2 * i + ((colour + s) & 1);
    }

    /** J_x = kappa sum_k field[neighbour k], in neighbour-table order: forward mu = 0..d-1, then backward. */
    static double localField(double[] field, int x, int size, int dim, double kappa) {
        double j = 0.0;
        for (int dir = 0; dir < 2; dir++) {
            int stride = 1;
            int rest = x;
            for (int mu = 0; mu < dim; mu++) {
                int c = rest % size;
                rest /= size;
                int y;
                if (dir == 0) {
                    y = c == size - 1 ? x - (size - 1) * stride : x + stride;
                } else {
                    y = c == 0 ? x + (size - 1) * stride : x - stride;
                }
                j += kappa * field[y];
                stride *= size;
            }
        }
        return j;
    }
}
