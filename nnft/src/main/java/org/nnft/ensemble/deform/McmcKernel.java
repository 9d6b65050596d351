package org.nnft.ensemble.deform;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.random.RandomStreams;
import org.nnft.ensemble.arch.CosNet;

/**
 * Parameter-space Metropolis, one chain per work item (C twin {@code deform_mcmc.c}, which documents
 * the state layout, the Philox addressing and the output rows). Without interaction every proposal
 * is accepted, so each sweep draws a fresh free network.
 */
final class McmcKernel {
    private McmcKernel() {
    }

    /** Top 16 bits of every chain's Philox stream, "MC" (C twin {@code DEF_MCMC_TAG}). */
    static final long STREAM_TAG = 0x4D43L << 48;

    static final Kernel KERNEL = Kernel.of("deform_mcmc", DeformSource.with("deform_mcmc.c"), McmcKernel::run,
            ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.F64_BUFFER,
            ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT,
            ArgType.LONG, ArgType.LONG, ArgType.INT, ArgType.INT).withCpuGrain(1);

    /** Doubles of state per chain. */
    static long stateSize(CosNet net, IntegrationBox box, int pointCount) {
        return (long) net.width() * CosNet.NEURON_SIZE + 2L * box.nodeCount() + pointCount;
    }

    static KernelArgs arguments(CosNet net, IntegrationBox box, DeviceBuffer state, DeviceBuffer out,
                                DeviceBuffer points, DeviceBuffer hyper, DeviceBuffer deform, int pointCount,
                                long seed, long firstSweep, int sweeps, int chains) {
        int[] n = box.axisCounts();
        return new KernelArgs().buffer(state).buffer(out).buffer(points).buffer(hyper).buffer(deform)
                .i32(pointCount).i32(net.width()).i32(net.inputDimension()).i32(net.variant())
                .i32(n[0]).i32(n[1]).i32(n[2]).i64(seed).i64(firstSweep).i32(sweeps).i32(chains);
    }

    /** Java twin of {@code deform_mcmc.c}, over chains {@code [from, to)}. */
    private static void run(CpuArgs args, long from, long to) {
        double[] state = args.doubles(0);
        double[] out = args.doubles(1);
        double[] points = args.doubles(2);
        double[] hyper = args.doubles(3);
        double[] deform = args.doubles(4);
        int pointCount = args.intArg(5);
        int width = args.intArg(6);
        int dim = args.intArg(7);
        int variant = args.intArg(8);
        int n0 = args.intArg(9);
        int n1 = args.intArg(10);
        int n2 = args.intArg(11);
        long seed = args.longArg(12);
        long firstSweep = args.longArg(13);
        int sweeps = args.intArg(14);
        int chains = args.intArg(15);
        int nodes = n0 * n1 * n2;
        int size = CosNet.NEURON_SIZE;
        boolean interacting = GridField.interacting(deform);
        double[] nu = new double[size];
        double[] old = new double[size];
        int[] r = new int[4];
        int[] r1 = new int[4];
        for (long chain = from; chain < to && chain < chains; chain++) {
            int neurons = (int) (chain * (width * size + 2 * nodes + pointCount));
            int phiGrid = neurons + width * size;
            int delta = phiGrid + nodes;
            int phiPoints = delta + nodes;
            long stream = STREAM_TAG | chain;
            if (firstSweep == 0) {
                for (int g = 0; g < nodes; g++) {
                    state[phiGrid + g] = 0.0;
                }
                for (int p = 0; p < pointCount; p++) {
                    state[phiPoints + p] = 0.0;
                }
                for (int i = 0; i < width; i++) {
                    CosNet.drawNeuron(seed, stream, 3L * i, hyper, dim, variant, r, r1, nu);
                    System.arraycopy(nu, 0, state, neurons + i * size, size);
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
                    CosNet.drawNeuron(seed, stream, b, hyper, dim, variant, r, r1, nu);
                    System.arraycopy(state, neurons + i * size, old, 0, size);
                    double ds = 0.0;
                    if (interacting) {
                        for (int g = 0; g < nodes; g++) {
                            state[delta + g] = 0.0;
                        }
                        GridField.addNeuron(state, delta, nu, 1.0, dim, deform, n0, n1, n2);
                        GridField.addNeuron(state, delta, old, -1.0, dim, deform, n0, n1, n2);
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
                        for (int p = 0; p < pointCount; p++) {
                            state[phiPoints + p] = state[phiPoints + p]
                                    + (GridField.neuronAt(nu, points, p, dim) - GridField.neuronAt(old, points, p, dim));
                        }
                        accepted = accepted + 1.0;
                    }
                }
                int row = (int) ((chain * sweeps + j) * (pointCount + 2));
                System.arraycopy(state, phiPoints, out, row, pointCount);
                out[row + pointCount] = interacting ? GridField.action(state, phiGrid, nodes, deform) : 0.0;
                out[row + pointCount + 1] = accepted;
            }
        }
    }
}
