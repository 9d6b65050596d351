package org.nnft.lattice.update;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.RandomStreams;

/**
 * Overrelaxation on one colour: {@code phi' = J/a - phi} reflects the Gaussian part {@code a phi^2 - J phi} (J
 * including the linear term h) (exact for any a != 0; sites with a = 0 are left alone), accepted with
 * {@code min(1, exp(-b (phi'^4 - phi^4)))}, the accept variate u drawn as a one-hit Metropolis draws it
 * ({@link MetropolisKernel#firstBlock}, {@link MetropolisKernel#firstWord}: the second of the site's two words of its
 * block, {@code u = (w + 1/2) 2^-32}). Writes 1 or 0 to {@code accepted[i]}. C twin: {@code overrelaxation.c};
 * {@link #run} is the reference body, {@link VectorMetropolis#runOverrelaxation} the CPU fast path.
 *
 * <p>{@link #KERNEL_SINGLE} is the same update on a float32 field ({@code overrelaxation.c} after the prefix
 * {@code lattice_f32.c}; Java twin {@link #runSingle}): J, a, b, the reflection and the quartic difference in float,
 * the accept variate the float {@link SingleMetropolisKernel#openUnit} of the same word, exp rounded to float; CPU fast
 * path {@link VectorSingleMetropolis#runOverrelaxation}.
 */
public final class OverrelaxationKernel {
    private static final KernelParams PARAMS = new KernelParams();
    /** field .. stream, shared by the table kernels. */
    static final TableParams TABLES = TableParams.declare(PARAMS, Precision.DOUBLE);
    /** h_x, the linear term per site. */
    static final Param.F64Buffer LINEAR = PARAMS.f64Buffer("lin");

    public static final Kernel KERNEL = Kernel.of("lattice_overrelaxation",
            LocalField.source(Precision.DOUBLE, "metropolis.c", "overrelaxation.c"),
            OverrelaxationKernel::run, PARAMS).withCpuFastPath(VectorMetropolis::runOverrelaxation);

    /** The single-precision kernel's parameters: the same names, the field float32. */
    private static final KernelParams PARAMS_SINGLE = new KernelParams();
    static final TableParams TABLES_SINGLE = TableParams.declare(PARAMS_SINGLE, Precision.SINGLE);
    static final Param.F64Buffer LINEAR_SINGLE = PARAMS_SINGLE.f64Buffer("lin");

    public static final Kernel KERNEL_SINGLE = Kernel.of("lattice_overrelaxation_f32",
            LocalField.source(Precision.SINGLE, "metropolis.c", "overrelaxation.c"),
            OverrelaxationKernel::runSingle, PARAMS_SINGLE)
            .withCpuFastPath(VectorSingleMetropolis::runOverrelaxation);

    private OverrelaxationKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, TABLES, LINEAR);
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
                RandomStreams.block(t.seed(), t.stream(), MetropolisKernel.firstBlock(x, 1), w);
                if (ds <= 0.0 || RandomStreams.toOpenUnit(w[MetropolisKernel.firstWord(x) + 1]) < Math.exp(-ds)) {
                    field[x] = q;
                    acc = 1.0;
                }
            }
            t.accepted()[i] = acc;
        }
    }

    /** Java twin of {@link #KERNEL_SINGLE}: {@link #run} in float. */
    static void runSingle(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, TABLES_SINGLE, LINEAR_SINGLE);
        float[] field = t.single();
        int[] w = new int[4];
        for (long gid = from; gid < to && gid < t.n(); gid++) {
            int i = (int) gid;
            int x = t.sites()[i];
            float ax = (float) t.qa()[x];
            double acc = 0.0;
            if (ax != 0.0f) {
                float j = t.localFieldSingle(x);
                float p = field[x];
                float q = j / ax - p;
                float p2 = p * p;
                float q2 = q * q;
                float ds = (float) t.qb()[x] * (q2 * q2 - p2 * p2);
                RandomStreams.block(t.seed(), t.stream(), MetropolisKernel.firstBlock(x, 1), w);
                if (ds <= 0.0f || SingleMetropolisKernel.openUnit(w[MetropolisKernel.firstWord(x) + 1])
                        < (float) Math.exp(-ds)) {
                    field[x] = q;
                    acc = 1.0;
                }
            }
            t.accepted()[i] = acc;
        }
    }
}
