package org.nnft.ensemble.arch;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelSource;

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

    private static final ArgType[] SIGNATURE = {
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.I32_BUFFER, ArgType.F64_BUFFER,
            ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT,
            ArgType.LONG, ArgType.LONG, ArgType.INT, ArgType.LONG, ArgType.INT};

    /** A fused kernel named {@code name} whose field is {@code fieldResource} (C) and {@code field} (Java). */
    static Kernel create(String name, String fieldResource, NetworkField field) {
        return create(name, fieldResource, field, null);
    }

    /** As {@link #create(String, String, NetworkField)}, with {@code fastField} as the CPU fast path's field (or null). */
    static Kernel create(String name, String fieldResource, NetworkField field, NetworkField fastField) {
        String source = KernelSource.resource(EnsembleKernel.class, "ensemble_prelude.c")
                + KernelSource.resource(EnsembleKernel.class, fieldResource)
                + KernelSource.resource(EnsembleKernel.class, "ensemble_kernel.c");
        Kernel kernel = Kernel.of(name, source, (args, from, to) -> run(field, args, from, to), SIGNATURE)
                .withCpuGrain(1);
        return fastField == null ? kernel : kernel.withCpuFastPath((args, from, to) -> run(fastField, args, from, to));
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
        return new KernelArgs().buffer(out).buffer(points).buffer(tuples).buffer(hyper)
                .i32(pointCount).i32(tupleCount).i32(maxOrder)
                .i32(arch.width()).i32(arch.inputDimension()).i32(arch.outputDimension()).i32(arch.variant())
                .i64(seed).i64(firstBlock).i32(blockSize).i64(networks).i32(workItems);
    }

    /** Java twin of {@code ensemble_kernel.c}, over work items {@code [from, to)}. */
    private static void run(NetworkField field, CpuArgs args, long from, long to) {
        double[] out = args.doubles(0);
        double[] points = args.doubles(1);
        int[] tuples = args.ints(2);
        double[] hyper = args.doubles(3);
        int pointCount = args.intArg(4);
        int tupleCount = args.intArg(5);
        int maxOrder = args.intArg(6);
        int width = args.intArg(7);
        int inDim = args.intArg(8);
        int outDim = args.intArg(9);
        int variant = args.intArg(10);
        long seed = args.longArg(11);
        long firstBlock = args.longArg(12);
        int blockSize = args.intArg(13);
        long networks = args.longArg(14);
        int workItems = args.intArg(15);
        double[] phi = new double[MAX_SITES];
        FieldScratch scratch = new FieldScratch();
        for (long item = from; item < to && item < workItems; item++) {
            int offset = (int) (item * (tupleCount + 1));
            for (int t = 0; t <= tupleCount; t++) {
                out[offset + t] = 0.0;
            }
            long first = (firstBlock + item) * blockSize;
            long last = Math.min(first + blockSize, networks);
            for (long net = first; net < last; net++) {
                field.evaluate(points, pointCount, hyper, width, inDim, outDim, variant, seed,
                        EnsembleStreams.stream(net), phi, scratch);
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
    }
}
