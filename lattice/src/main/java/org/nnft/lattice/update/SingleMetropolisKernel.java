package org.nnft.lattice.update;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.RandomStreams;

/**
 * The float32 twin of {@link HypercubicMetropolisKernel} (homogeneous couplings, sites and neighbours by index
 * arithmetic): the field is stored in float32 and the site update computes in float, the local field
 * J_x = kappa sum_k phi_k (in neighbour-table order), the local actions s(phi) = a phi^2 + b phi^4 - J_x phi, the
 * proposal phi + delta (2u - 1) and the accept test u < exp(-Delta s) (exp rounded to float). Hit h draws the words of
 * {@link MetropolisKernel#hits} (the same Philox block and words, so the double and single chains take the same
 * random numbers) and turns each into the float {@code u = (w >>> 9 + 1/2) 2^-23}, exact, in (0, 1), on a grid
 * symmetric about 1/2 (so the proposal stays symmetric). The rounding bound is in docs/physics.md. C twin:
 * {@code metropolis_hypercubic.c} compiled after the single-precision prefix {@code lattice_f32.c}; {@link #run} is
 * the reference body, {@link VectorSingleMetropolis} the CPU fast path. {@link #hits} is shared with the table
 * kernel's single-precision body ({@link MetropolisKernel#runSingle}).
 */
public final class SingleMetropolisKernel {
    private static final KernelParams PARAMS = new KernelParams();
    static final Param.F32Buffer FIELD = PARAMS.f32Buffer("field");
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
    /** The homogeneous couplings (kappa, a, b), rounded to float. */
    static final Param.F32 KAPPA = PARAMS.f32("kappa");
    static final Param.F32 QA = PARAMS.f32("qa");
    static final Param.F32 QB = PARAMS.f32("qb");
    /** Proposal half-width (rounded to float) and hits per site. */
    static final Param.F32 DELTA = PARAMS.f32("delta");
    static final Param.I32 HITS = PARAMS.i32("hits");

    public static final Kernel KERNEL = Kernel.of("lattice_metropolis_single",
            LocalField.source(Precision.SINGLE, "metropolis.c", "metropolis_hypercubic.c"),
            SingleMetropolisKernel::run, PARAMS).withCpuFastPath(VectorSingleMetropolis::run);

    private SingleMetropolisKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        float[] field = FIELD.of(args);
        double[] accepted = ACCEPTED.of(args);
        int n = N.of(args);
        int size = SIZE.of(args);
        int dim = DIM.of(args);
        int colour = COLOUR.of(args);
        long seed = SEED.of(args);
        long stream = STREAM.of(args);
        float kappa = KAPPA.of(args);
        float qa = QA.of(args);
        float qb = QB.of(args);
        float delta = DELTA.of(args);
        int hits = HITS.of(args);
        int[] w = new int[4];
        for (long gid = from; gid < to && gid < n; gid++) {
            int i = (int) gid;
            int x = HypercubicMetropolisKernel.site(i, size, dim, colour);
            field[x] = hits(field[x], localField(field, x, size, dim, kappa), qa, qb, seed, stream, x, hits, delta, w,
                    accepted, i);
        }
    }

    /**
     * The float hits at site {@code x} with local field {@code j} and couplings (qa, qb) from field value {@code p}
     * (blocks and words of {@link MetropolisKernel#hits}); returns the new value and writes the accepted hits to
     * {@code accepted[i]} ({@code w}: four words of scratch). C twin {@code lattice_metropolis_hits} in single.
     */
    static float hits(float p, float j, float qa, float qb, long seed, long stream, int x, int hits, float delta,
                      int[] w, double[] accepted, int i) {
        float p2 = p * p;
        float sOld = qa * p2 + qb * p2 * p2 - j * p;
        long block = MetropolisKernel.firstBlock(x, hits);
        int word = MetropolisKernel.firstWord(x);
        int acc = 0;
        for (int h = 0; h < hits; h++) {
            RandomStreams.block(seed, stream, block + (long) MetropolisKernel.GROUP_BLOCKS * h, w);
            float q = p + delta * (2.0f * openUnit(w[word]) - 1.0f);
            float q2 = q * q;
            float sNew = qa * q2 + qb * q2 * q2 - j * q;
            float ds = sNew - sOld;
            if (ds <= 0.0f || openUnit(w[word + 1]) < (float) Math.exp(-ds)) {
                p = q;
                sOld = sNew;
                acc++;
            }
        }
        accepted[i] = acc;
        return p;
    }

    /** The float {@code (w >>> 9 + 1/2) 2^-23} of a Philox word: exact (24 significant bits), in (0, 1). */
    static float openUnit(int w) {
        return ((w >>> 9) + 0.5f) * 0x1p-23f;
    }

    /** J_x = kappa sum_k field[neighbour k] in float, in neighbour-table order (as the double kernel's). */
    static float localField(float[] field, int x, int size, int dim, float kappa) {
        float j = 0.0f;
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
