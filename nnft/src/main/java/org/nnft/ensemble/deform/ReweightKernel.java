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
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.CosNetSingle;
import org.nnft.ensemble.arch.EnsembleKernel;
import org.nnft.ensemble.arch.EnsembleStreams;
import org.nnft.ensemble.arch.FieldScratch;

/**
 * The importance-reweighting kernel (C twin {@code deform_reweight.c}, which documents the
 * algorithm and the output layout): one work item per block of free cos-networks, each weighted by
 * {@code exp(-S_int)}, sums kept relative to the block's largest log weight. {@link #KERNEL_SINGLE} is the same
 * kernel over the single-precision networks of {@code ensemble_cosnet_f32} (docs/physics.md A.6).
 */
final class ReweightKernel {
    private ReweightKernel() {
    }

    /** Values per work item after the T tuple sums: sum w, sum w^2, count, log reference R. */
    static final int EXTRA = 4;

    private static final KernelParams PARAMS = new KernelParams();
    /** Per work item: T tuple sums and the {@link #EXTRA} values. */
    private static final Param.F64Buffer OUT = PARAMS.f64Buffer("out");
    /** Per work item: scratch for phi on the grid. */
    private static final Param.F64Buffer GRID = PARAMS.f64Buffer("grid");
    private static final Param.F64Buffer POINTS = PARAMS.f64Buffer("points");
    private static final Param.I32Buffer TUPLES = PARAMS.i32Buffer("tuples");
    private static final Param.F64Buffer HYPER = PARAMS.f64Buffer("hyper");
    /** The deformation's grid parameters ({@link GridField}). */
    private static final Param.F64Buffer DEFORM = PARAMS.f64Buffer("deform");
    private static final Param.I32 POINT_COUNT = PARAMS.i32("pointCount");
    private static final Param.I32 TUPLE_COUNT = PARAMS.i32("tupleCount");
    private static final Param.I32 MAX_ORDER = PARAMS.i32("maxOrder");
    private static final Param.I32 WIDTH = PARAMS.i32("width");
    private static final Param.I32 DIM = PARAMS.i32("dim");
    private static final Param.I32 VARIANT = PARAMS.i32("variant");
    /** Grid nodes along the three axes. */
    private static final Param.I32 N0 = PARAMS.i32("n0");
    private static final Param.I32 N1 = PARAMS.i32("n1");
    private static final Param.I32 N2 = PARAMS.i32("n2");
    private static final Param.I64 SEED = PARAMS.i64("seed");
    private static final Param.I64 FIRST_BLOCK = PARAMS.i64("firstBlock");
    private static final Param.I32 BLOCK_SIZE = PARAMS.i32("blockSize");
    private static final Param.I64 NETWORKS = PARAMS.i64("networks");
    private static final Param.I32 WORK_ITEMS = PARAMS.i32("workItems");

    static final Kernel KERNEL = Kernel.of("deform_reweight", KernelSource.assemble(ReweightKernel.class,
                    EnsembleKernel.PRELUDE_FILE, EnsembleKernel.COSNET_FILE, "deform_grid.c", "deform_reweight.c"),
            (args, from, to) -> run(args, from, to, false, false), PARAMS)
            .withCpuGrain(1).withCpuFastPath((args, from, to) -> run(args, from, to, true, false));

    /**
     * Single precision: the float networks of {@link CosNetSingle}, their grid field in float (the float field at the
     * grid's float nodes, {@link GridField#addNeuronSingle}; S_int, log weights and sums in double), their field at the
     * points in float exactly as the free kernel {@code ensemble_cosnet_f32} (on the CPU fast path: as its fast path
     * {@link CosNet#fieldLanesSingle}).
     */
    static final Kernel KERNEL_SINGLE = Kernel.of("deform_reweight_f32", singleSource(),
            (args, from, to) -> run(args, from, to, false, true), PARAMS)
            .withCpuGrain(1).withCpuFastPath((args, from, to) -> run(args, from, to, true, true));

    private static String singleSource() {
        return KernelSource.assemble(PortableFloat.class, "random_f32.h")
                + KernelSource.assemble(ReweightKernel.class, EnsembleKernel.PRELUDE_FILE,
                EnsembleKernel.COSNET_SINGLE_FILE, EnsembleKernel.COSNET_FILE, "deform_f32.c", "deform_grid.c",
                "deform_reweight.c");
    }

    /** The kernel of {@code precision}. */
    static Kernel kernel(Precision precision) {
        return precision == Precision.SINGLE ? KERNEL_SINGLE : KERNEL;
    }

    static KernelArgs arguments(CosNet arch, IntegrationBox box, DeviceBuffer out, DeviceBuffer grid,
                                DeviceBuffer points, DeviceBuffer tuples, DeviceBuffer hyper, DeviceBuffer deform,
                                int pointCount, int tupleCount, int maxOrder, long seed, long firstBlock,
                                int blockSize, long networks, int workItems) {
        int[] n = box.axisCounts();
        return PARAMS.args().set(OUT, out).set(GRID, grid).set(POINTS, points).set(TUPLES, tuples)
                .set(HYPER, hyper).set(DEFORM, deform).set(POINT_COUNT, pointCount).set(TUPLE_COUNT, tupleCount)
                .set(MAX_ORDER, maxOrder).set(WIDTH, arch.width()).set(DIM, arch.inputDimension())
                .set(VARIANT, arch.variant()).set(N0, n[0]).set(N1, n[1]).set(N2, n[2]).set(SEED, seed)
                .set(FIRST_BLOCK, firstBlock).set(BLOCK_SIZE, blockSize).set(NETWORKS, networks)
                .set(WORK_ITEMS, workItems);
    }

    /**
     * Java twin of {@code deform_reweight.c} (with {@code deform_f32.c} when {@code single}), over work items {@code
     * [from, to)}. With {@code lanes} (the CPU fast path) the field at the points comes from the free sampler's fast
     * path ({@link CosNet#fieldLanes}, {@link CosNet#fieldLanesSingle}), so that lambda = 0 reproduces the free
     * numbers bit for bit on either CPU path. In single precision the grid field is the float field at the grid's
     * float nodes (in a float scratch; the C kernel keeps it in its double grid buffer, widened), the same on both CPU
     * paths (the fast path's vector cosine is bit-exact), and the field at the points is the float field of {@link
     * CosNetSingle}.
     */
    private static void run(CpuArgs args, long from, long to, boolean lanes, boolean single) {
        double[] out = OUT.of(args);
        double[] grid = GRID.of(args);
        double[] points = POINTS.of(args);
        int[] tuples = TUPLES.of(args);
        double[] hyper = HYPER.of(args);
        double[] deform = DEFORM.of(args);
        int pointCount = POINT_COUNT.of(args);
        int tupleCount = TUPLE_COUNT.of(args);
        int maxOrder = MAX_ORDER.of(args);
        int width = WIDTH.of(args);
        int dim = DIM.of(args);
        int variant = VARIANT.of(args);
        int n0 = N0.of(args);
        int n1 = N1.of(args);
        int n2 = N2.of(args);
        long seed = SEED.of(args);
        long firstBlock = FIRST_BLOCK.of(args);
        int blockSize = BLOCK_SIZE.of(args);
        long networks = NETWORKS.of(args);
        int workItems = WORK_ITEMS.of(args);
        int nodes = n0 * n1 * n2;
        boolean interacting = GridField.interacting(deform);
        double[] phi = new double[EnsembleKernel.MAX_SITES];
        double[] nu = new double[CosNet.NEURON_SIZE];
        float[] floatNu = new float[CosNet.NEURON_SIZE];
        float[] floatAcc = new float[EnsembleKernel.MAX_SITES];
        float[] floatGrid = single && interacting ? new float[nodes] : null;
        float[] row = single && interacting ? new float[GridField.rowSize(n0, n1, n2)] : null;
        int[] r0 = new int[4];
        int[] r1 = new int[4];
        FieldScratch scratch = lanes ? new FieldScratch() : null;
        // The double reference sums the field at the points while it draws the neurons for the grid (as the C kernel
        // does); every other path evaluates the field at the points after the grid
        boolean fusedField = interacting && !single && !lanes;
        for (long item = from; item < to && item < workItems; item++) {
            int offset = (int) (item * (tupleCount + EXTRA));
            int gridOffset = (int) (item * nodes);
            for (int t = 0; t < tupleCount + EXTRA; t++) {
                out[offset + t] = 0.0;
            }
            double ref = 0.0;
            long first = (firstBlock + item) * blockSize;
            long last = Math.min(first + blockSize, networks);
            for (long net = first; net < last; net++) {
                long stream = EnsembleStreams.stream(net);
                double logW = 0.0;
                if (interacting && single) {
                    for (int g = 0; g < nodes; g++) {
                        floatGrid[g] = 0.0f;
                    }
                    for (int i = 0; i < width; i++) {
                        CosNetSingle.drawNeuron(seed, stream, (long) i * 2, hyper, dim, variant, r0, r1, floatNu);
                        GridField.addNeuronSingle(floatGrid, 0, floatNu, dim, deform, n0, n1, n2, lanes, row);
                    }
                    logW = -GridField.actionSingle(floatGrid, nodes, deform);
                } else if (interacting) {
                    for (int g = 0; g < nodes; g++) {
                        grid[gridOffset + g] = 0.0;
                    }
                    for (int p = 0; p < pointCount; p++) {
                        phi[p] = 0.0;
                    }
                    for (int i = 0; i < width; i++) {
                        CosNet.drawNeuron(seed, stream, (long) i * 2, hyper, dim, variant, r0, r1, nu);
                        GridField.addNeuron(grid, gridOffset, nu, 1.0, dim, deform, n0, n1, n2);
                        for (int p = 0; p < pointCount && fusedField; p++) {
                            phi[p] = phi[p] + GridField.neuronAt(nu, points, p, dim);
                        }
                    }
                    logW = -GridField.action(grid, gridOffset, nodes, deform);
                }
                if (single && lanes) {
                    CosNet.fieldLanesSingle(points, pointCount, hyper, width, dim, variant, seed, stream, phi, scratch);
                } else if (single) {
                    CosNetSingle.fieldAt(points, pointCount, hyper, width, dim, variant, seed, stream, phi, r0, r1,
                            floatNu, floatAcc);
                } else if (lanes) {
                    CosNet.fieldLanes(points, pointCount, hyper, width, dim, variant, seed, stream, phi, scratch);
                } else if (!fusedField) {
                    CosNet.fieldAt(points, pointCount, hyper, width, dim, variant, seed, stream, phi, r0, r1, nu);
                }
                ref = accumulate(out, offset, tupleCount, maxOrder, tuples, phi, logW, net == first ? logW : ref);
            }
            out[offset + tupleCount + 3] = ref;
        }
    }

    /**
     * Adds one network (field {@code phi}, log-weight {@code logW}) to the work item's sums at {@code offset}, which
     * hold weights relative to {@code exp(ref)}: a larger log-weight first rescales the sums and becomes the new
     * reference (the C kernel's loop body after the field, in the same order). Returns the reference after the network.
     */
    private static double accumulate(double[] out, int offset, int tupleCount, int maxOrder, int[] tuples,
                                     double[] phi, double logW, double ref) {
        if (logW > ref) {
            double s = Math.exp(ref - logW);
            for (int t = 0; t <= tupleCount; t++) {
                out[offset + t] = out[offset + t] * s;
            }
            out[offset + tupleCount + 1] = out[offset + tupleCount + 1] * (s * s);
            ref = logW;
        }
        double w = Math.exp(logW - ref);
        for (int t = 0; t < tupleCount; t++) {
            int row = t * maxOrder;
            double product = phi[tuples[row]];
            for (int j = 1; j < maxOrder && tuples[row + j] >= 0; j++) {
                product = product * phi[tuples[row + j]];
            }
            out[offset + t] = out[offset + t] + w * product;
        }
        out[offset + tupleCount] = out[offset + tupleCount] + w;
        out[offset + tupleCount + 1] = out[offset + tupleCount + 1] + w * w;
        out[offset + tupleCount + 2] = out[offset + tupleCount + 2] + 1.0;
        return ref;
    }
}
