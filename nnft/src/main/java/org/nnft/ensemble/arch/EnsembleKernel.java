package org.nnft.ensemble.arch;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.PortableFloat;

import java.util.function.Supplier;

/**
 * The fused ensemble kernel shared by every architecture: one work item evaluates a block of B
 * networks and adds, for each, the product of the field over every tuple of sites to its own
 * slice of the output. Its source is {@code ensemble_prelude.c + <architecture>.c +
 * ensemble_kernel.c}; the architecture contributes only {@code ens_field} (Java twin: a
 * {@link NetworkField}).
 *
 * <p>Output layout: work item {@code i} of a launch owns {@code out[i (T+1) .. i (T+1) + T]}, T
 * tuple sums followed by the number of networks it evaluated. Work item {@code i} is global block
 * {@code firstBlock + i}, i.e. networks {@code [(firstBlock + i) B, min(networks, (firstBlock + i + 1) B))}.
 * Sums run over the block's networks in increasing order in float64, so a block's sums depend
 * only on the seed and the block, never on threads or launch chunking.
 */
public final class EnsembleKernel {
    private EnsembleKernel() {
    }

    /** Most sites (points x output components) per run: the size of the kernel's private field array. */
    public static final int MAX_SITES = 64;

    /**
     * Class-path names of the shared C files that the deformation kernels' sources also begin with
     * ({@link KernelSource#assemble}): the ensemble prelude and the cos-net field.
     */
    public static final String PRELUDE_FILE = "/org/nnft/ensemble/arch/ensemble_prelude.c";
    public static final String COSNET_FILE = "/org/nnft/ensemble/arch/cosnet.c";
    /** The float prefix of {@link #COSNET_FILE} (kernel {@code ensemble_cosnet_f32}, twin {@link CosNetSingle}). */
    public static final String COSNET_SINGLE_FILE = "/org/nnft/ensemble/arch/cosnet_f32.c";

    /** The parameters every architecture's ensemble kernel shares (see {@link #arguments}). */
    private static final KernelParams PARAMS = new KernelParams();
    private static final Param.F64Buffer OUT = PARAMS.f64Buffer("out");
    private static final Param.F64Buffer POINTS = PARAMS.f64Buffer("points");
    private static final Param.I32Buffer TUPLES = PARAMS.i32Buffer("tuples");
    private static final Param.F64Buffer HYPER = PARAMS.f64Buffer("hyper");
    private static final Param.I32 POINT_COUNT = PARAMS.i32("pointCount");
    private static final Param.I32 TUPLE_COUNT = PARAMS.i32("tupleCount");
    private static final Param.I32 MAX_ORDER = PARAMS.i32("maxOrder");
    private static final Param.I32 WIDTH = PARAMS.i32("width");
    private static final Param.I32 IN_DIM = PARAMS.i32("inDim");
    private static final Param.I32 OUT_DIM = PARAMS.i32("outDim");
    private static final Param.I32 VARIANT = PARAMS.i32("variant");
    private static final Param.I64 SEED = PARAMS.i64("seed");
    private static final Param.I64 FIRST_BLOCK = PARAMS.i64("firstBlock");
    private static final Param.I32 BLOCK_SIZE = PARAMS.i32("blockSize");
    private static final Param.I64 NETWORKS = PARAMS.i64("networks");
    private static final Param.I32 WORK_ITEMS = PARAMS.i32("workItems");

    /** A fused kernel named {@code name} whose field is {@code fieldResource} (C) and {@code field} (Java). */
    static Kernel create(String name, String fieldResource, NetworkField field) {
        return create(name, fieldResource, field, (NetworkField) null);
    }

    /**
     * As {@link #create(String, String, NetworkField)}, with {@code fastField} as the CPU fast path's field (or null).
     */
    static Kernel create(String name, String fieldResource, NetworkField field, NetworkField fastField) {
        String source = KernelSource.assemble(EnsembleKernel.class, "ensemble_prelude.c", fieldResource,
                "ensemble_kernel.c");
        return fromSource(name, source, field, fastField);
    }

    /**
     * A single-precision fused kernel: {@code random_f32.h} ({@link PortableFloat}'s C twin), the prelude, then
     * {@code fieldResources} (a float prefix and the shared field source) and the entry point.
     */
    static Kernel create(String name, String[] fieldResources, NetworkField field, NetworkField fastField) {
        StringBuilder source = new StringBuilder(KernelSource.assemble(PortableFloat.class, "random_f32.h"));
        source.append(KernelSource.assemble(EnsembleKernel.class, "ensemble_prelude.c"));
        source.append(KernelSource.assemble(EnsembleKernel.class, fieldResources));
        source.append(KernelSource.assemble(EnsembleKernel.class, "ensemble_kernel.c"));
        return fromSource(name, source.toString(), field, fastField);
    }

    /**
     * As {@link #create(String, String, NetworkField)}, with a CPU fast path that evaluates whole groups of
     * {@link ShallowLanes#L} networks by a fresh {@code lanes} per work-item range and the rest of a block by
     * {@code field}; the tuple products and their sums per network stay in the reference's order.
     */
    static Kernel create(String name, String fieldResource, NetworkField field, Supplier<NetworkLanes> lanes) {
        String source = KernelSource.assemble(EnsembleKernel.class, "ensemble_prelude.c", fieldResource,
                "ensemble_kernel.c");
        return fromSource(name, source, field, null)
                .withCpuFastPath((args, from, to) -> run(field, lanes.get(), args, from, to));
    }

    /** As {@link #create(String, String[], NetworkField, NetworkField)} with a lane fast path (see above). */
    static Kernel create(String name, String[] fieldResources, NetworkField field, Supplier<NetworkLanes> lanes) {
        return create(name, fieldResources, field, (NetworkField) null)
                .withCpuFastPath((args, from, to) -> run(field, lanes.get(), args, from, to));
    }

    private static Kernel fromSource(String name, String source, NetworkField field, NetworkField fastField) {
        Kernel kernel = Kernel.of(name, source, (args, from, to) -> run(field, null, args, from, to), PARAMS)
                .withCpuGrain(1);
        return fastField == null ? kernel
                : kernel.withCpuFastPath((args, from, to) -> run(fastField, null, args, from, to));
    }

    /**
     * Arguments of one launch over {@code workItems} blocks starting at global block {@code firstBlock}.
     *
     * @param out     F64, at least {@code workItems * (tupleCount + 1)} elements
     * @param points  F64, {@code pointCount * inputDimension} coordinates, row-major
     * @param tuples  I32, {@code tupleCount * maxOrder} site indices padded with -1
     * @param hyper   F64, the architecture's {@link Architecture#kernelParameters}
     */
    public static KernelArgs arguments(Architecture arch, DeviceBuffer out, DeviceBuffer points, DeviceBuffer tuples,
                                       DeviceBuffer hyper, int pointCount, int tupleCount, int maxOrder,
                                       long seed, long firstBlock, int blockSize, long networks, int workItems) {
        return PARAMS.args().set(OUT, out).set(POINTS, points).set(TUPLES, tuples).set(HYPER, hyper)
                .set(POINT_COUNT, pointCount).set(TUPLE_COUNT, tupleCount).set(MAX_ORDER, maxOrder)
                .set(WIDTH, arch.width()).set(IN_DIM, arch.inputDimension()).set(OUT_DIM, arch.outputDimension())
                .set(VARIANT, arch.variant()).set(SEED, seed).set(FIRST_BLOCK, firstBlock).set(BLOCK_SIZE, blockSize)
                .set(NETWORKS, networks).set(WORK_ITEMS, workItems);
    }

    /**
     * Java twin of {@code ensemble_kernel.c}, over work items {@code [from, to)}; with {@code lanes} (a CPU fast path)
     * whole groups of {@link ShallowLanes#L} networks go through it, each network's products added in the reference's
     * order, and the rest of a block through {@code field}.
     */
    private static void run(NetworkField field, NetworkLanes lanes, CpuArgs args, long from, long to) {
        double[] out = OUT.of(args);
        double[] points = POINTS.of(args);
        int[] tuples = TUPLES.of(args);
        double[] hyper = HYPER.of(args);
        int pointCount = POINT_COUNT.of(args);
        int tupleCount = TUPLE_COUNT.of(args);
        int maxOrder = MAX_ORDER.of(args);
        int width = WIDTH.of(args);
        int inDim = IN_DIM.of(args);
        int outDim = OUT_DIM.of(args);
        int variant = VARIANT.of(args);
        long seed = SEED.of(args);
        long firstBlock = FIRST_BLOCK.of(args);
        int blockSize = BLOCK_SIZE.of(args);
        long networks = NETWORKS.of(args);
        int workItems = WORK_ITEMS.of(args);
        double[] phi = new double[MAX_SITES];
        FieldScratch scratch = new FieldScratch();
        int l = ShallowLanes.L;
        int sites = pointCount * outDim;
        double[] phiLanes = lanes == null ? null : new double[MAX_SITES * l];
        for (long item = from; item < to && item < workItems; item++) {
            int offset = (int) (item * (tupleCount + 1));
            for (int t = 0; t <= tupleCount; t++) {
                out[offset + t] = 0.0;
            }
            long first = (firstBlock + item) * blockSize;
            long last = Math.min(first + blockSize, networks);
            long net = first;
            for (; lanes != null && net + l <= last; net += l) {
                lanes.evaluate(points, pointCount, hyper, width, inDim, outDim, variant, seed, net, phiLanes);
                for (int n = 0; n < l; n++) {
                    for (int s = 0; s < sites; s++) {
                        phi[s] = phiLanes[s * l + n];
                    }
                    addTuples(out, offset, tuples, tupleCount, maxOrder, phi);
                }
            }
            for (; net < last; net++) {
                field.evaluate(points, pointCount, hyper, width, inDim, outDim, variant, seed,
                        EnsembleStreams.stream(net), phi, scratch);
                addTuples(out, offset, tuples, tupleCount, maxOrder, phi);
            }
        }
    }

    /**
     * Adds one network's tuple products and count to the sums at {@code offset} (Java twin of {@code ens_add_tuples}
     * in ensemble_prelude.c; also the trained ensembles' sums per recorded step).
     */
    static void addTuples(double[] out, int offset, int[] tuples, int tupleCount, int maxOrder, double[] phi) {
        for (int t = 0; t < tupleCount; t++) {
            int row = t * maxOrder;
            double product = phi[tuples[row]];
            for (int j = 1; j < maxOrder && tuples[row + j] >= 0; j++) {
                product = product * phi[tuples[row + j]];
            }
            out[offset + t] = out[offset + t] + product;
        }
        out[offset + tupleCount] = out[offset + tupleCount] + 1.0;
    }
}
