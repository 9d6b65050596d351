package org.nnft.ensemble.deform;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.EnsembleKernel;
import org.nnft.ensemble.arch.EnsembleStreams;
import org.nnft.ensemble.arch.FieldScratch;

/**
 * The importance-reweighting kernel (C twin {@code deform_reweight.c}, which documents the
 * algorithm and the output layout): one work item per block of free cos-networks, each weighted by
 * {@code exp(-S_int)}, sums kept relative to the block's largest log weight.
 */
final class ReweightKernel {
    private ReweightKernel() {
    }

    /** Values per work item after the T tuple sums: sum w, sum w^2, count, log reference R. */
    static final int EXTRA = 4;

    static final Kernel KERNEL = Kernel.of("deform_reweight", DeformSource.with("deform_reweight.c"),
            (args, from, to) -> run(args, from, to, false),
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.I32_BUFFER, ArgType.F64_BUFFER,
            ArgType.F64_BUFFER, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT,
            ArgType.INT, ArgType.INT, ArgType.INT, ArgType.LONG, ArgType.LONG, ArgType.INT, ArgType.LONG,
            ArgType.INT).withCpuGrain(1).withCpuFastPath((args, from, to) -> run(args, from, to, true));

    static KernelArgs arguments(CosNet arch, IntegrationBox box, DeviceBuffer out, DeviceBuffer grid,
                                DeviceBuffer points, DeviceBuffer tuples, DeviceBuffer hyper, DeviceBuffer deform,
                                int pointCount, int tupleCount, int maxOrder, long seed, long firstBlock,
                                int blockSize, long networks, int workItems) {
        int[] n = box.axisCounts();
        return new KernelArgs().buffer(out).buffer(grid).buffer(points).buffer(tuples).buffer(hyper).buffer(deform)
                .i32(pointCount).i32(tupleCount).i32(maxOrder).i32(arch.width()).i32(arch.inputDimension())
                .i32(arch.variant()).i32(n[0]).i32(n[1]).i32(n[2])
                .i64(seed).i64(firstBlock).i32(blockSize).i64(networks).i32(workItems);
    }

    /**
     * Java twin of {@code deform_reweight.c}, over work items {@code [from, to)}; with {@code lanes} (the CPU fast
     * path) the field at the points comes from {@link CosNet#fieldLanes}, exactly as in the free sampler's fast
     * path, so that lambda = 0 reproduces the free numbers bit for bit on either CPU path.
     */
    private static void run(CpuArgs args, long from, long to, boolean lanes) {
        double[] out = args.doubles(0);
        double[] grid = args.doubles(1);
        double[] points = args.doubles(2);
        int[] tuples = args.ints(3);
        double[] hyper = args.doubles(4);
        double[] deform = args.doubles(5);
        int pointCount = args.intArg(6);
        int tupleCount = args.intArg(7);
        int maxOrder = args.intArg(8);
        int width = args.intArg(9);
        int dim = args.intArg(10);
        int variant = args.intArg(11);
        int n0 = args.intArg(12);
        int n1 = args.intArg(13);
        int n2 = args.intArg(14);
        long seed = args.longArg(15);
        long firstBlock = args.longArg(16);
        int blockSize = args.intArg(17);
        long networks = args.longArg(18);
        int workItems = args.intArg(19);
        int nodes = n0 * n1 * n2;
        boolean interacting = GridField.interacting(deform);
        double[] phi = new double[EnsembleKernel.MAX_SITES];
        double[] nu = new double[CosNet.NEURON_SIZE];
        int[] r0 = new int[4];
        int[] r1 = new int[4];
        FieldScratch scratch = lanes ? new FieldScratch() : null;
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
                if (interacting) {
                    for (int g = 0; g < nodes; g++) {
                        grid[gridOffset + g] = 0.0;
                    }
                    for (int p = 0; p < pointCount; p++) {
                        phi[p] = 0.0;
                    }
                    for (int i = 0; i < width; i++) {
                        CosNet.drawNeuron(seed, stream, (long) i * 2, hyper, dim, variant, r0, r1, nu);
                        GridField.addNeuron(grid, gridOffset, nu, 1.0, dim, deform, n0, n1, n2);
                        for (int p = 0; p < pointCount && !lanes; p++) {
                            phi[p] = phi[p] + GridField.neuronAt(nu, points, p, dim);
                        }
                    }
                    logW = -GridField.action(grid, gridOffset, nodes, deform);
                    if (lanes) {
                        CosNet.fieldLanes(points, pointCount, hyper, width, dim, variant, seed, stream, phi, scratch);
                    }
                } else if (lanes) {
                    CosNet.fieldLanes(points, pointCount, hyper, width, dim, variant, seed, stream, phi, scratch);
                } else {
                    CosNet.fieldAt(points, pointCount, hyper, width, dim, variant, seed, stream, phi, r0, r1, nu);
                }
                if (net == first) {
                    ref = logW;
                } else if (logW > ref) {
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
            }
            out[offset + tupleCount + 3] = ref;
        }
    }
}
