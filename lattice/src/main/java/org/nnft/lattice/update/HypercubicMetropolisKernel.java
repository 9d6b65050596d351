package org.nnft.lattice.update;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.Param;

/**
 * {@link MetropolisKernel} for homogeneous couplings (kappa, a, b) on the periodic L^d lattice of
 * {@link org.nnft.lattice.geometry.Lattice}: the site of work item i and its neighbours come from index
 * arithmetic instead of the site, neighbour, hopping and coupling tables, which saves most of the memory
 * traffic of a sweep. Work item i updates the i-th site of the colour in increasing order (as
 * {@code Lattice.sitesOfColour}), sums J_x in the neighbour-table order and runs the same hits
 * ({@link MetropolisKernel#hits}), so it produces the same chain as {@link MetropolisKernel} bit for bit.
 * C twin: {@code metropolis_hypercubic.c}; CPU fast path: {@link VectorMetropolis#runHypercubic}.
 */
public final class HypercubicMetropolisKernel {
    private static final KernelParams PARAMS = new KernelParams();
    static final Param.F64Buffer FIELD = PARAMS.f64Buffer("field");
    /** Accepted hits of work item i, at index i. */
    static final Param.F64Buffer ACCEPTED = PARAMS.f64Buffer("accepted");
    /** Work items: the sites of one colour, L^d / 2. */
    static final Param.I32 N = PARAMS.i32("n");
    /** Side length L. */
    static final Param.I32 SIZE = PARAMS.i32("size");
    static final Param.I32 DIM = PARAMS.i32("dim");
    /** The checkerboard colour (0 or 1) this launch updates. */
    static final Param.I32 COLOUR = PARAMS.i32("colour");
    static final Param.I64 SEED = PARAMS.i64("seed");
    static final Param.I64 STREAM = PARAMS.i64("stream");
    /** The homogeneous couplings (kappa, a, b). */
    static final Param.F64 KAPPA = PARAMS.f64("kappa");
    static final Param.F64 QA = PARAMS.f64("qa");
    static final Param.F64 QB = PARAMS.f64("qb");
    /** Proposal half-width and hits per site, as {@link MetropolisKernel}'s. */
    static final Param.F64 DELTA = PARAMS.f64("delta");
    static final Param.I32 HITS = PARAMS.i32("hits");

    public static final Kernel KERNEL = Kernel.of("lattice_metropolis_hypercubic",
            LocalField.source(Precision.DOUBLE, "metropolis.c", "metropolis_hypercubic.c"),
            HypercubicMetropolisKernel::run, PARAMS).withCpuFastPath(VectorMetropolis::runHypercubic);

    private HypercubicMetropolisKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        double[] field = FIELD.of(args);
        double[] accepted = ACCEPTED.of(args);
        int n = N.of(args);
        int size = SIZE.of(args);
        int dim = DIM.of(args);
        int colour = COLOUR.of(args);
        long seed = SEED.of(args);
        long stream = STREAM.of(args);
        double kappa = KAPPA.of(args);
        double qa = QA.of(args);
        double qb = QB.of(args);
        double delta = DELTA.of(args);
        int hits = HITS.of(args);
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
