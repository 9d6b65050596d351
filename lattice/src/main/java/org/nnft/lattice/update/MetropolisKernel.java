package org.nnft.lattice.update;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.RandomStreams;

/**
 * Multi-hit Metropolis on one colour of the checkerboard. Work item {@code i} updates site
 * {@code x = sites[i]} only and writes its number of accepted hits to {@code accepted[i]}.
 * Hit {@code h} draws two words of one Philox block of {@code stream} ({@link StreamMap}; {@link #firstBlock},
 * {@link #firstWord}): the first gives the proposal {@code phi + delta (2u - 1)}, the second the accept variate u,
 * both {@code u = (w + 1/2) 2^-32} ({@code RandomStreams.toOpenUnit}); accept when
 * {@code Delta s <= 0 || u < exp(-Delta s)}. The C twin is {@code metropolis.c}; {@link #run} is the
 * reference body, {@link VectorMetropolis} the CPU fast path.
 *
 * <p>Why two sites per block: it halves the Philox work per site and hit, and 32-bit uniforms change no result
 * measurably: the proposal steps lie on a grid symmetric about 0 (so the proposal stays
 * symmetric), and {@code P(u < p)} differs from p by at most 2^-33, a bias of the acceptance far below any
 * statistical error a run can reach.
 *
 * The local field includes the linear term: {@code s(phi) = a phi^2 + b phi^4 - (J_x + h_x) phi}.
 *
 * <p>{@link #KERNEL_SINGLE} is the same update on a float32 field ({@code metropolis.c} after the prefix
 * {@code lattice_f32.c}; Java twin {@link #runSingle}): the site update of {@link SingleMetropolisKernel#hits} with
 * J_x, a_x, b_x, h_x and delta rounded to float; CPU fast path {@link VectorSingleMetropolis#runTable}.
 */
public final class MetropolisKernel {
    private static final KernelParams PARAMS = new KernelParams();
    /** field .. stream, shared by the table kernels. */
    static final TableParams TABLES = TableParams.declare(PARAMS, Precision.DOUBLE);
    /** Proposal half-width: phi' = phi + delta (2u - 1). */
    static final Param.F64 DELTA = PARAMS.f64("delta");
    /** Hits per site and sweep. */
    static final Param.I32 HITS = PARAMS.i32("hits");
    /** h_x, the linear term per site. */
    static final Param.F64Buffer LINEAR = PARAMS.f64Buffer("lin");

    public static final Kernel KERNEL = Kernel.of("lattice_metropolis",
            LocalField.source(Precision.DOUBLE, "metropolis.c"), MetropolisKernel::run,
            PARAMS).withCpuFastPath(VectorMetropolis::run);

    /** The single-precision kernel's parameters: the same names, the field float32. */
    private static final KernelParams PARAMS_SINGLE = new KernelParams();
    static final TableParams TABLES_SINGLE = TableParams.declare(PARAMS_SINGLE, Precision.SINGLE);
    static final Param.F64 DELTA_SINGLE = PARAMS_SINGLE.f64("delta");
    static final Param.I32 HITS_SINGLE = PARAMS_SINGLE.i32("hits");
    static final Param.F64Buffer LINEAR_SINGLE = PARAMS_SINGLE.f64Buffer("lin");

    public static final Kernel KERNEL_SINGLE = Kernel.of("lattice_metropolis_f32",
            LocalField.source(Precision.SINGLE, "metropolis.c"), MetropolisKernel::runSingle, PARAMS_SINGLE)
            .withCpuFastPath(VectorSingleMetropolis::runTable);

    /** Pair indices per group of {@link #GROUP_BLOCKS} blocks (per hit). */
    static final int GROUP = 32;
    /** Philox blocks per group and hit: pair index s of a group and s + 16 share block s. */
    static final int GROUP_BLOCKS = GROUP / 2;

    private MetropolisKernel() {
    }

    /**
     * Philox block of hit 0 at site x ({@code firstBlock + GROUP_BLOCKS h} for hit h). The site's pair index
     * {@code p = x >>> 1} is unique among the sites of one colour or parity class (x and x ^ 1 are neighbours in
     * direction 0, of opposite parity, on an even lattice). Pair indices go in groups of {@link #GROUP}; hit h of
     * group {@code g = p / 32} owns blocks {@code (g hits + h) 16 ..} of which pair indices s and s + 16 of the
     * group share block {@code s mod 16}, so one vector of 16 consecutive blocks feeds 32 consecutive sites of a
     * colour with words 0,1 and 2,3 alike (no lane shuffles; see {@link VectorMetropolis}). C twin:
     * {@code lattice_metropolis_block}.
     */
    static long firstBlock(int x, int hits) {
        int pair = x >>> 1;
        return (long) (pair / GROUP) * hits * GROUP_BLOCKS + pair % GROUP_BLOCKS;
    }

    /** Index (0 or 2) of the first of site x's two words in its block ({@link #firstBlock}). */
    static int firstWord(int x) {
        return ((x >>> 1) % GROUP) / GROUP_BLOCKS * 2;
    }

    static void run(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, TABLES, LINEAR);
        double delta = DELTA.of(args);
        int hits = HITS.of(args);
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

    /** Java twin of {@link #KERNEL_SINGLE}. */
    static void runSingle(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, TABLES_SINGLE, LINEAR_SINGLE);
        float delta = (float) DELTA_SINGLE.of(args);
        int hits = HITS_SINGLE.of(args);
        float[] field = t.single();
        int[] w = new int[4];
        for (long gid = from; gid < to && gid < t.n(); gid++) {
            int i = (int) gid;
            int x = t.sites()[i];
            field[x] = SingleMetropolisKernel.hits(field[x], t.localFieldSingle(x), (float) t.qa()[x],
                    (float) t.qb()[x], t.seed(), t.stream(), x, hits, delta, w, t.accepted(), i);
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
        long block = firstBlock(x, hits);
        int word = firstWord(x);
        for (int h = 0; h < hits; h++) {
            RandomStreams.block(seed, stream, block + (long) GROUP_BLOCKS * h, w);
            double q = p + delta * (2.0 * RandomStreams.toOpenUnit(w[word]) - 1.0);
            double q2 = q * q;
            double sNew = ax * q2 + bx * q2 * q2 - j * q;
            double ds = sNew - sOld;
            if (ds <= 0.0 || RandomStreams.toOpenUnit(w[word + 1]) < Math.exp(-ds)) {
                p = q;
                sOld = sNew;
                acc[0] += 1.0;
            }
        }
        return p;
    }
}
