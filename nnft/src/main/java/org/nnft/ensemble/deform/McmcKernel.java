package org.nnft.ensemble.deform;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.Precision;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.random.RandomStreams;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.CosNetSingle;
import org.nnft.ensemble.arch.EnsembleKernel;

/**
 * Parameter-space Metropolis, one chain per work item (C twin {@code deform_mcmc.c}, which documents
 * the state layout, the Philox addressing and the output rows). Without interaction every proposal
 * is accepted, so each sweep draws a fresh free network. {@link #KERNEL_SINGLE} proposes the float neurons of
 * {@code ensemble_cosnet_f32} and measures their float field (docs/physics.md A.6).
 */
final class McmcKernel {
    private McmcKernel() {
    }

    /** Top 16 bits of every chain's Philox stream, "MC" (C twin {@code DEF_MCMC_TAG}). */
    static final long STREAM_TAG = 0x4D43L << 48;

    private static final KernelParams PARAMS = new KernelParams();
    /** Per chain: its neurons, phi on the grid, a grid-sized scratch and phi at the points ({@link #stateSize}). */
    private static final Param.F64Buffer STATE = PARAMS.f64Buffer("state");
    /** Per chain and sweep: phi at the points, the action and the accepted count. */
    private static final Param.F64Buffer OUT = PARAMS.f64Buffer("out");
    private static final Param.F64Buffer POINTS = PARAMS.f64Buffer("points");
    private static final Param.F64Buffer HYPER = PARAMS.f64Buffer("hyper");
    /** The deformation's grid parameters ({@link GridField}). */
    private static final Param.F64Buffer DEFORM = PARAMS.f64Buffer("deform");
    private static final Param.I32 POINT_COUNT = PARAMS.i32("pointCount");
    private static final Param.I32 WIDTH = PARAMS.i32("width");
    private static final Param.I32 DIM = PARAMS.i32("dim");
    private static final Param.I32 VARIANT = PARAMS.i32("variant");
    /** Grid nodes along the three axes. */
    private static final Param.I32 N0 = PARAMS.i32("n0");
    private static final Param.I32 N1 = PARAMS.i32("n1");
    private static final Param.I32 N2 = PARAMS.i32("n2");
    private static final Param.I64 SEED = PARAMS.i64("seed");
    /** Sweeps done before this launch (0: the chains start here). */
    private static final Param.I64 FIRST_SWEEP = PARAMS.i64("firstSweep");
    private static final Param.I32 SWEEPS = PARAMS.i32("sweeps");
    private static final Param.I32 CHAINS = PARAMS.i32("chains");
    /** The run's index of work item 0's chain (a shard of the chains; 0 for a whole run): seeds its stream. */
    private static final Param.I64 FIRST_CHAIN = PARAMS.i64("firstChain");

    static final Kernel KERNEL = Kernel.of("deform_mcmc", KernelSource.assemble(McmcKernel.class,
            EnsembleKernel.PRELUDE_FILE, EnsembleKernel.COSNET_FILE, "deform_grid.c", "deform_mcmc.c"),
            (args, from, to) -> run(args, from, to, false, false), PARAMS).withCpuGrain(1);

    /**
     * Single precision: proposals are the float neurons of {@link CosNetSingle}, stored widened to double; each
     * neuron's term on the grid in float ({@link GridField#addNeuronTermsSingle}), the grid field their double sum,
     * Delta S_int and S_int in double; phi at the points evaluated after each sweep from the stored neurons in float,
     * as the free kernel {@code ensemble_cosnet_f32} evaluates a network. The CPU fast path only vectorises the grid
     * terms (bit-exact), so both CPU paths give the same chains.
     */
    static final Kernel KERNEL_SINGLE = Kernel.of("deform_mcmc_f32",
            KernelSource.assemble(PortableFloat.class, "random_f32.h") + KernelSource.assemble(McmcKernel.class,
                    EnsembleKernel.PRELUDE_FILE, EnsembleKernel.COSNET_SINGLE_FILE, EnsembleKernel.COSNET_FILE,
                    "deform_f32.c", "deform_grid.c", "deform_mcmc.c"),
            (args, from, to) -> run(args, from, to, true, false), PARAMS)
            .withCpuGrain(1).withCpuFastPath((args, from, to) -> run(args, from, to, true, true));

    /** The kernel of {@code precision}. */
    static Kernel kernel(Precision precision) {
        return precision == Precision.SINGLE ? KERNEL_SINGLE : KERNEL;
    }

    /** Doubles of state per chain. */
    static long stateSize(CosNet net, IntegrationBox box, int pointCount) {
        return (long) net.width() * CosNet.NEURON_SIZE + 2L * box.nodeCount() + pointCount;
    }

    static KernelArgs arguments(CosNet net, IntegrationBox box, DeviceBuffer state, DeviceBuffer out,
                                DeviceBuffer points, DeviceBuffer hyper, DeviceBuffer deform, int pointCount,
                                long seed, long firstSweep, int sweeps, int chains, long firstChain) {
        int[] n = box.axisCounts();
        return PARAMS.args().set(STATE, state).set(OUT, out).set(POINTS, points).set(HYPER, hyper)
                .set(DEFORM, deform).set(POINT_COUNT, pointCount).set(WIDTH, net.width())
                .set(DIM, net.inputDimension()).set(VARIANT, net.variant()).set(N0, n[0]).set(N1, n[1]).set(N2, n[2])
                .set(SEED, seed).set(FIRST_SWEEP, firstSweep).set(SWEEPS, sweeps).set(CHAINS, chains)
                .set(FIRST_CHAIN, firstChain);
    }

    /**
     * Java twin of {@code deform_mcmc.c} (single: after {@code deform_f32.c}), over chains {@code [from, to)};
     * {@code lanes} (single only) evaluates the float grid terms in vector lanes, bit-exact.
     */
    private static void run(CpuArgs args, long from, long to, boolean single, boolean lanes) {
        double[] state = STATE.of(args);
        double[] out = OUT.of(args);
        double[] points = POINTS.of(args);
        double[] hyper = HYPER.of(args);
        double[] deform = DEFORM.of(args);
        int pointCount = POINT_COUNT.of(args);
        int width = WIDTH.of(args);
        int dim = DIM.of(args);
        int variant = VARIANT.of(args);
        int n0 = N0.of(args);
        int n1 = N1.of(args);
        int n2 = N2.of(args);
        long seed = SEED.of(args);
        long firstSweep = FIRST_SWEEP.of(args);
        int sweeps = SWEEPS.of(args);
        int chains = CHAINS.of(args);
        long firstChain = FIRST_CHAIN.of(args);
        int nodes = n0 * n1 * n2;
        int size = CosNet.NEURON_SIZE;
        boolean interacting = GridField.interacting(deform);
        double[] nu = new double[size];
        float[] drawn = new float[size];
        double[] old = new double[size];
        int[] r = new int[4];
        int[] r1 = new int[4];
        float[] oldF = new float[size];
        float[] terms = single ? new float[nodes] : null;
        float[] axis = single ? new float[GridField.rowSize(n0, n1, n2)] : null;
        for (long chain = from; chain < to && chain < chains; chain++) {
            int neurons = (int) (chain * (width * size + 2 * nodes + pointCount));
            int phiGrid = neurons + width * size;
            int delta = phiGrid + nodes;
            int phiPoints = delta + nodes;
            long stream = STREAM_TAG | (firstChain + chain);
            if (firstSweep == 0) {
                for (int g = 0; g < nodes; g++) {
                    state[phiGrid + g] = 0.0;
                }
                for (int p = 0; p < pointCount; p++) {
                    state[phiPoints + p] = 0.0;
                }
                for (int i = 0; i < width; i++) {
                    draw(single, seed, stream, 3L * i, hyper, dim, variant, r, r1, nu, drawn);
                    System.arraycopy(nu, 0, state, neurons + i * size, size);
                    if (single) {
                        GridField.addNeuronTermsSingle(state, phiGrid, drawn, 1, dim, deform, n0, n1, n2, lanes,
                                terms, axis);
                        continue;
                    }
                    GridField.addNeuron(state, phiGrid, nu, 1.0, dim, deform, n0, n1, n2);
                    for (int p = 0; p < pointCount; p++) {
                        state[phiPoints + p] = state[phiPoints + p] + GridField.neuronAt(nu, points, p, dim);
                    }
                }
            }
            for (int j = 0; j < sweeps; j++) {
                long s = firstSweep + 1 + j;
                double accepted = 0.0;
                for (int i = 0; i < width; i++) {
                    long b = 3 * (s * width + i);
                    draw(single, seed, stream, b, hyper, dim, variant, r, r1, nu, drawn);
                    System.arraycopy(state, neurons + i * size, old, 0, size);
                    double ds = 0.0;
                    if (interacting) {
                        for (int g = 0; g < nodes; g++) {
                            state[delta + g] = 0.0;
                        }
                        if (single) {
                            for (int k = 0; k < size; k++) {
                                oldF[k] = (float) old[k];
                            }
                            GridField.addNeuronTermsSingle(state, delta, drawn, 1, dim, deform, n0, n1, n2, lanes,
                                    terms, axis);
                            GridField.addNeuronTermsSingle(state, delta, oldF, -1, dim, deform, n0, n1, n2, lanes,
                                    terms, axis);
                        } else {
                            GridField.addNeuron(state, delta, nu, 1.0, dim, deform, n0, n1, n2);
                            GridField.addNeuron(state, delta, old, -1.0, dim, deform, n0, n1, n2);
                        }
                        ds = GridField.actionChange(state, phiGrid, state, delta, nodes, deform);
                    }
                    RandomStreams.block(seed, stream, b + 2, r);
                    if (ds <= 0.0 || RandomStreams.toUniformDouble(r[0], r[1]) < Math.exp(-ds)) {
                        System.arraycopy(nu, 0, state, neurons + i * size, size);
                        if (interacting) {
                            for (int g = 0; g < nodes; g++) {
                                state[phiGrid + g] = state[phiGrid + g] + state[delta + g];
                            }
                        }
                        for (int p = 0; p < pointCount && !single; p++) {
                            state[phiPoints + p] = state[phiPoints + p]
                                    + (GridField.neuronAt(nu, points, p, dim)
                                            - GridField.neuronAt(old, points, p, dim));
                        }
                        accepted = accepted + 1.0;
                    }
                }
                int row = (int) ((chain * sweeps + j) * (pointCount + 2));
                if (single) {
                    floatField(state, neurons, width, points, pointCount, dim, out, row);
                } else {
                    System.arraycopy(state, phiPoints, out, row, pointCount);
                }
                out[row + pointCount] = interacting ? GridField.action(state, phiGrid, nodes, deform) : 0.0;
                out[row + pointCount + 1] = accepted;
            }
        }
    }

    /** The neuron at {@code block} into {@code nu}: double, or float (in {@code drawn}) widened exactly. */
    private static void draw(boolean single, long seed, long stream, long block, double[] hyper, int dim, int variant,
                             int[] r, int[] r1, double[] nu, float[] drawn) {
        if (!single) {
            CosNet.drawNeuron(seed, stream, block, hyper, dim, variant, r, r1, nu);
            return;
        }
        CosNetSingle.drawNeuron(seed, stream, block, hyper, dim, variant, r, r1, drawn);
        for (int k = 0; k < 2 + dim; k++) {
            nu[k] = drawn[k];
        }
    }

    /** The float field at the points of the stored (float-valued) neurons, in the order of {@code ens_field}. */
    private static void floatField(double[] state, int neurons, int width, double[] points, int pointCount, int dim,
                                   double[] out, int row) {
        for (int p = 0; p < pointCount; p++) {
            float acc = 0.0f;
            for (int i = 0; i < width; i++) {
                int n = neurons + i * CosNet.NEURON_SIZE;
                float arg = (float) state[n + 1];
                for (int k = 0; k < dim; k++) {
                    arg = Math.fma((float) state[n + 2 + k], (float) points[p * dim + k], arg);
                }
                acc = Math.fma((float) state[n], PortableFloat.cos(arg), acc);
            }
            out[row + p] = acc;
        }
    }
}
