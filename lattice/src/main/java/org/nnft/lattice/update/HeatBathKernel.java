package org.nnft.lattice.update;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.random.RandomStreams;

/**
 * Heat bath on one colour (needs a > 0): draw {@code phi' ~ N(J/(2a), 1/(2a))} (J including the linear term h), accept
 * with {@code exp(-b phi'^4)}; up to {@code tries} attempts, then the old value is kept (exact: the rejection
 * probability does not depend on the old value). Try {@code t} uses Philox block {@code x * tries + t}: words 0,1 a
 * Box-Muller normal (cosine branch), words 2,3 the accept variate. Writes 1 to {@code accepted[i]} when a new value was
 * accepted, else 0. C twin: {@code heatbath.c}.
 *
 * <p>{@link #KERNEL_SINGLE} is the same update on a float32 field ({@code heatbath.c} after the prefix
 * {@code lattice_f32.c}; Java twin {@link #runSingle}): the same blocks and words, J, a, b, the mean and width in
 * float, the normal {@link PortableFloat#boxMuller} of words 0,1 and the accept variate the float
 * {@link SingleMetropolisKernel#openUnit} of word 2 (the leading 23 bits of the double variate), compared with exp
 * rounded to float.
 *
 * <p>CPU fast paths (Vector API, bit for bit these twins; {@code scalar=true} runs the twins):
 * {@link VectorMetropolis#runHeatBath} and {@link VectorSingleMetropolis#runHeatBath}.
 */
public final class HeatBathKernel {
    private static final KernelParams PARAMS = new KernelParams();
    /** field .. stream, shared by the table kernels. */
    static final TableParams TABLES = TableParams.declare(PARAMS, Precision.DOUBLE);
    /** Attempts per site before the old value is kept. */
    static final Param.I32 TRIES = PARAMS.i32("tries");
    /** h_x, the linear term per site. */
    static final Param.F64Buffer LINEAR = PARAMS.f64Buffer("lin");

    public static final Kernel KERNEL = Kernel.of("lattice_heatbath",
            LocalField.source(Precision.DOUBLE, "heatbath.c"), HeatBathKernel::run, PARAMS)
            .withCpuFastPath(VectorMetropolis::runHeatBath);

    /** The single-precision kernel's parameters: the same names, the field float32. */
    private static final KernelParams PARAMS_SINGLE = new KernelParams();
    static final TableParams TABLES_SINGLE = TableParams.declare(PARAMS_SINGLE, Precision.SINGLE);
    static final Param.I32 TRIES_SINGLE = PARAMS_SINGLE.i32("tries");
    static final Param.F64Buffer LINEAR_SINGLE = PARAMS_SINGLE.f64Buffer("lin");

    public static final Kernel KERNEL_SINGLE = Kernel.of("lattice_heatbath_f32",
            LocalField.source(Precision.SINGLE, "heatbath.c"), HeatBathKernel::runSingle, PARAMS_SINGLE)
            .withCpuFastPath(VectorSingleMetropolis::runHeatBath);

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

    /** Java twin of {@link #KERNEL_SINGLE}: {@link #run} in float. */
    static void runSingle(CpuArgs args, long from, long to) {
        SiteTables t = SiteTables.of(args, TABLES_SINGLE, LINEAR_SINGLE);
        int tries = TRIES_SINGLE.of(args);
        float[] field = t.single();
        int[] w = new int[4];
        for (long gid = from; gid < to && gid < t.n(); gid++) {
            int i = (int) gid;
            int x = t.sites()[i];
            float j = t.localFieldSingle(x);
            float ax = (float) t.qa()[x];
            float bx = (float) t.qb()[x];
            float mean = j / (2.0f * ax);
            float sigma = (float) Math.sqrt(1.0f / (2.0f * ax));
            double acc = 0.0;
            for (int k = 0; k < tries; k++) {
                RandomStreams.block(t.seed(), t.stream(), (long) x * tries + k, w);
                float q = mean + sigma * PortableFloat.boxMuller(w[0], w[1], false);
                float q2 = q * q;
                if (SingleMetropolisKernel.openUnit(w[2]) < (float) Math.exp(-bx * q2 * q2)) {
                    field[x] = q;
                    acc = 1.0;
                    break;
                }
            }
            t.accepted()[i] = acc;
        }
    }
}
