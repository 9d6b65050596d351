package org.nnft.ensemble.arch;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.kernel.Param;

/**
 * The fused trained-ensemble kernels (docs/ntk.md section 7): {@link #KERNEL} of scalar shallow networks and
 * {@link #COSNET} of {@link CosNet}s, one parameter list. Every sampled scalar ReLU, erf or Gauss
 * {@link ShallowNetwork} -- at step 0 exactly the network the ensemble sampler draws for the same seed and
 * index -- is trained by full-batch gradient descent on the summed loss {@code (1/2) sum_a (f(x_a) - y_a)^2}
 * with learning rate eta in the NTK parameterisation, and at each recorded step the products of f over
 * every tuple of test-point sites are summed, per work item, in the ensemble kernel's layout (one
 * {@code T + 1} slice per recorded step). Source {@code ensemble_prelude.c + trained_shallow_net.c}; the
 * C header comment gives the update rule and the layouts. The cos-net kernel ({@code ensemble_prelude.c + cosnet.c +
 * portable_trig.c + trained_cosnet.c}, Java body {@link #cosNet}) trains the amplitude, phase and momentum of every
 * neuron in the parameterisation of the cos-net NTK, with {@link PortableTrig}'s cos and sin, so its Java body and
 * its C source give the same bits.
 */
public final class TrainedEnsembleKernel {
    private TrainedEnsembleKernel() {
    }

    /** Most test points and most training points (C {@code TRN_MAX_POINTS}). */
    public static final int MAX_POINTS = 64;
    /** Largest input dimension (C {@code TRN_MAX_DIM}). */
    public static final int MAX_DIMENSION = 16;

    private static final KernelParams PARAMS = new KernelParams();
    private static final Param.F64Buffer OUT = PARAMS.f64Buffer("out");
    private static final Param.F64Buffer PARAMETERS = PARAMS.f64Buffer("params");
    private static final Param.F64Buffer POINTS = PARAMS.f64Buffer("points");
    private static final Param.F64Buffer TRAIN = PARAMS.f64Buffer("train");
    private static final Param.F64Buffer TARGETS = PARAMS.f64Buffer("targets");
    private static final Param.I32Buffer TUPLES = PARAMS.i32Buffer("tuples");
    private static final Param.I32Buffer TIMES = PARAMS.i32Buffer("times");
    private static final Param.F64Buffer HYPER = PARAMS.f64Buffer("hyper");
    private static final Param.I32 POINT_COUNT = PARAMS.i32("pointCount");
    private static final Param.I32 TRAIN_COUNT = PARAMS.i32("trainCount");
    private static final Param.I32 TUPLE_COUNT = PARAMS.i32("tupleCount");
    private static final Param.I32 MAX_ORDER = PARAMS.i32("maxOrder");
    private static final Param.I32 TIME_COUNT = PARAMS.i32("timeCount");
    private static final Param.I32 WIDTH = PARAMS.i32("width");
    private static final Param.I32 IN_DIM = PARAMS.i32("inDim");
    private static final Param.I32 VARIANT = PARAMS.i32("variant");
    private static final Param.F64 ETA = PARAMS.f64("eta");
    private static final Param.I64 SEED = PARAMS.i64("seed");
    private static final Param.I64 FIRST_BLOCK = PARAMS.i64("firstBlock");
    private static final Param.I32 BLOCK_SIZE = PARAMS.i32("blockSize");
    private static final Param.I64 NETWORKS = PARAMS.i64("networks");
    private static final Param.I32 WORK_ITEMS = PARAMS.i32("workItems");

    /** The kernel (listed in {@link EnsembleKernels}). */
    public static final Kernel KERNEL = Kernel.of("trained_shallow_net",
            KernelSource.assemble(TrainedEnsembleKernel.class, "ensemble_prelude.c", "trained_shallow_net.c"),
            (args, from, to) -> run(false, args, from, to), PARAMS).withCpuGrain(1)
            .withCpuFastPath((args, from, to) -> run(true, args, from, to));

    /** The kernel of {@link CosNet}s (listed in {@link EnsembleKernels}). */
    public static final Kernel COSNET = Kernel.of("trained_cosnet",
            KernelSource.assemble(TrainedEnsembleKernel.class, "ensemble_prelude.c", "cosnet.c", "portable_trig.c",
                    "trained_cosnet.c"), (args, from, to) -> cosNet(false, args, from, to), PARAMS).withCpuGrain(1)
            .withCpuFastPath((args, from, to) -> cosNet(true, args, from, to));

    /** The kernel of an architecture: scalar shallow networks and cos-nets have one. */
    public static Kernel of(Architecture arch) {
        return switch (arch) {
            case ShallowNetwork s -> KERNEL;
            case CosNet c -> COSNET;
        };
    }

    /** Doubles of one work item's parameter scratch: N (d + 2) + 1 (shallow net), N (d + 3) (cos-net). */
    public static long parameterCount(Architecture arch) {
        if (arch instanceof CosNet) {
            return (long) arch.width() * (arch.inputDimension() + 3);
        }
        return (long) arch.width() * (arch.inputDimension() + 2) + 1;
    }

    /**
     * Arguments of one launch over {@code workItems} blocks starting at global block {@code firstBlock}.
     *
     * @param out     F64, {@code workItems * timeCount * (tupleCount + 1)}
     * @param params  F64, {@code workItems * parameterCount(arch)} scratch
     * @param times   I32, the recorded steps, increasing, from 0
     * @param hyper   F64, {@link Architecture#kernelParameters} of the test points followed by the training
     *                points (the Gauss net reads the variances of both; the cos-net's are {m, Lambda, scale})
     */
    public static KernelArgs arguments(Architecture arch, DeviceBuffer out, DeviceBuffer params,
                                       DeviceBuffer points, DeviceBuffer train, DeviceBuffer targets,
                                       DeviceBuffer tuples, DeviceBuffer times, DeviceBuffer hyper,
                                       int pointCount, int trainCount, int tupleCount, int maxOrder,
                                       int timeCount, double eta, long seed, long firstBlock, int blockSize,
                                       long networks, int workItems) {
        return PARAMS.args().set(OUT, out).set(PARAMETERS, params).set(POINTS, points).set(TRAIN, train)
                .set(TARGETS, targets).set(TUPLES, tuples).set(TIMES, times).set(HYPER, hyper)
                .set(POINT_COUNT, pointCount).set(TRAIN_COUNT, trainCount).set(TUPLE_COUNT, tupleCount)
                .set(MAX_ORDER, maxOrder).set(TIME_COUNT, timeCount).set(WIDTH, arch.width())
                .set(IN_DIM, arch.inputDimension()).set(VARIANT, arch.variant()).set(ETA, eta).set(SEED, seed)
                .set(FIRST_BLOCK, firstBlock).set(BLOCK_SIZE, blockSize).set(NETWORKS, networks)
                .set(WORK_ITEMS, workItems);
    }

    /** Java twin of {@code trn_act}: at a point of pre-activation variance c. */
    private static double act(double z, double c, int variant, boolean derivative) {
        if (variant == 0) {
            return derivative ? TWO_OVER_SQRT_PI * Math.exp(-(z * z)) : PortableErf.erf(z);
        }
        if (variant == 2) {
            return Math.exp(z - c);
        }
        if (derivative) {
            return z > 0.0 ? 1.0 : 0.0;
        }
        return Math.max(z, 0.0);
    }

    /** Java twin of {@code trn_forward}: the variances c of the points at {@code hyper[ca ..]}. */
    private static void forward(double[] p, int po, double[] xs, double[] hyper, int ca, int count, int width,
                                int inDim, int variant, double[] f) {
        int stride = inDim + 2;
        for (int a = 0; a < count; a++) {
            f[a] = 0.0;
        }
        for (int i = 0; i < width; i++) {
            int nu = po + i * stride;
            for (int a = 0; a < count; a++) {
                double z = 0.0;
                for (int j = 0; j < inDim; j++) {
                    z = z + p[nu + j] * xs[a * inDim + j];
                }
                z = z + p[nu + inDim];
                f[a] = f[a] + p[nu + inDim + 1] * act(z, hyper[ca + a], variant, false);
            }
        }
        double b1 = p[po + width * stride];
        for (int a = 0; a < count; a++) {
            f[a] = f[a] + b1;
        }
    }

    /**
     * Java twin of the entry point {@code trained_shallow_net}, over work items {@code [from, to)}; with {@code lanes}
     * (the CPU fast path) whole groups of {@link ShallowLanes#L} networks are trained by {@link TrainedEnsembleLanes},
     * bit for bit the same parameters and fields, and the rest of a block as here.
     */
    private static void run(boolean lanes, CpuArgs args, long from, long to) {
        double[] out = OUT.of(args);
        double[] params = PARAMETERS.of(args);
        double[] points = POINTS.of(args);
        double[] train = TRAIN.of(args);
        double[] targets = TARGETS.of(args);
        int[] tuples = TUPLES.of(args);
        int[] times = TIMES.of(args);
        double[] hyper = HYPER.of(args);
        int pointCount = POINT_COUNT.of(args);
        int trainCount = TRAIN_COUNT.of(args);
        int tupleCount = TUPLE_COUNT.of(args);
        int maxOrder = MAX_ORDER.of(args);
        int timeCount = TIME_COUNT.of(args);
        int width = WIDTH.of(args);
        int inDim = IN_DIM.of(args);
        int variant = VARIANT.of(args);
        double eta = ETA.of(args);
        long seed = SEED.of(args);
        long firstBlock = FIRST_BLOCK.of(args);
        int blockSize = BLOCK_SIZE.of(args);
        long networks = NETWORKS.of(args);
        int workItems = WORK_ITEMS.of(args);
        FieldScratch rng = new FieldScratch();
        double[] phi = new double[MAX_POINTS];
        double[] r = new double[MAX_POINTS];
        double[] gIn = new double[MAX_DIMENSION];
        int stride = inDim + 2;
        double sigmaB = hyper[0];
        double inScale = hyper[1];
        double outScale = hyper[2];
        double etaIn = eta * inScale * inScale;
        double etaBias = eta * sigmaB * sigmaB;
        double etaOut = eta * outScale * outScale;
        int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
        TrainedEnsembleLanes fast = lanes ? new TrainedEnsembleLanes() : null;
        int l = ShallowLanes.L;
        double[] phiLanes = lanes ? new double[MAX_POINTS * l] : null;
        for (long item = from; item < to && item < workItems; item++) {
            int po = (int) (item * ((long) width * stride + 1));
            int offset = (int) (item * timeCount * (tupleCount + 1));
            for (int t = 0; t < timeCount * (tupleCount + 1); t++) {
                out[offset + t] = 0.0;
            }
            long first = (firstBlock + item) * blockSize;
            long last = Math.min(first + blockSize, networks);
            long net = first;
            for (; lanes && net + l <= last; net += l) {
                fast.draw(hyper, width, inDim, seed, net);
                int step = 0;
                for (int s = 0; s < timeCount; s++) {
                    for (; step < times[s]; step++) {
                        fast.step(train, targets, hyper, pointCount, trainCount, width, inDim, variant, etaIn,
                                etaBias, etaOut);
                    }
                    fast.forward(points, hyper, 3, pointCount, width, inDim, variant, phiLanes);
                    int slice = offset + s * (tupleCount + 1);
                    for (int n = 0; n < l; n++) {
                        for (int p = 0; p < pointCount; p++) {
                            phi[p] = phiLanes[p * l + n];
                        }
                        EnsembleKernel.addTuples(out, slice, tuples, tupleCount, maxOrder, phi);
                    }
                }
            }
            for (; net < last; net++) {
                long stream = EnsembleStreams.stream(net);
                for (int i = 0; i < width; i++) {
                    long base = (long) i * blocksPerNeuron;
                    for (int j = 0; j < inDim; j++) {
                        params[po + i * stride + j] = inScale * rng.normal(seed, stream, base, j);
                    }
                    params[po + i * stride + inDim] = sigmaB * rng.normal(seed, stream, base, inDim);
                    params[po + i * stride + inDim + 1] = outScale * rng.normal(seed, stream, base, inDim + 1);
                }
                params[po + width * stride] = sigmaB * rng.normal(seed, stream, (long) width * blocksPerNeuron, 0);
                int step = 0;
                for (int s = 0; s < timeCount; s++) {
                    for (; step < times[s]; step++) {
                        forward(params, po, train, hyper, 3 + pointCount, trainCount, width, inDim, variant, r);
                        double rsum = 0.0;
                        for (int a = 0; a < trainCount; a++) {
                            r[a] = r[a] - targets[a];
                            rsum = rsum + r[a];
                        }
                        for (int i = 0; i < width; i++) {
                            int nu = po + i * stride;
                            double gOut = 0.0;
                            double gBias = 0.0;
                            for (int j = 0; j < inDim; j++) {
                                gIn[j] = 0.0;
                            }
                            for (int a = 0; a < trainCount; a++) {
                                double z = 0.0;
                                for (int j = 0; j < inDim; j++) {
                                    z = z + params[nu + j] * train[a * inDim + j];
                                }
                                z = z + params[nu + inDim];
                                double c = hyper[3 + pointCount + a];
                                gOut = gOut + r[a] * act(z, c, variant, false);
                                double back = r[a] * params[nu + inDim + 1] * act(z, c, variant, true);
                                gBias = gBias + back;
                                for (int j = 0; j < inDim; j++) {
                                    gIn[j] = gIn[j] + back * train[a * inDim + j];
                                }
                            }
                            for (int j = 0; j < inDim; j++) {
                                params[nu + j] = params[nu + j] - etaIn * gIn[j];
                            }
                            params[nu + inDim] = params[nu + inDim] - etaBias * gBias;
                            params[nu + inDim + 1] = params[nu + inDim + 1] - etaOut * gOut;
                        }
                        params[po + width * stride] = params[po + width * stride] - etaBias * rsum;
                    }
                    forward(params, po, points, hyper, 3, pointCount, width, inDim, variant, phi);
                    EnsembleKernel.addTuples(out, offset + s * (tupleCount + 1), tuples, tupleCount, maxOrder, phi);
                }
            }
        }
    }

    /** Java twin of {@code trc_forward} in trained_cosnet.c: a cos-net's output at {@code count} points. */
    private static void cosForward(double[] p, int po, double[] xs, int count, int width, int dim, double[] f) {
        int stride = dim + 3;
        for (int a = 0; a < count; a++) {
            f[a] = 0.0;
        }
        for (int i = 0; i < width; i++) {
            int nu = po + i * stride;
            for (int a = 0; a < count; a++) {
                double arg = p[nu + 1];
                for (int k = 0; k < dim; k++) {
                    arg = arg + p[nu + 2 + k] * xs[a * dim + k];
                }
                f[a] = f[a] + p[nu] * PortableTrig.cos(arg);
            }
        }
    }

    /**
     * Java twin of the entry point {@code trained_cosnet} in trained_cosnet.c, line by line; with {@code lanes} (the
     * CPU fast path) whole groups of {@link TrainedCosNetLanes#L} networks are trained by {@link TrainedCosNetLanes},
     * bit for bit the same parameters and fields, and the rest of a block as here.
     */
    private static void cosNet(boolean lanes, CpuArgs args, long from, long to) {
        double[] out = OUT.of(args);
        double[] params = PARAMETERS.of(args);
        double[] points = POINTS.of(args);
        double[] train = TRAIN.of(args);
        double[] targets = TARGETS.of(args);
        int[] tuples = TUPLES.of(args);
        int[] times = TIMES.of(args);
        double[] hyper = HYPER.of(args);
        int pointCount = POINT_COUNT.of(args);
        int trainCount = TRAIN_COUNT.of(args);
        int tupleCount = TUPLE_COUNT.of(args);
        int maxOrder = MAX_ORDER.of(args);
        int timeCount = TIME_COUNT.of(args);
        int width = WIDTH.of(args);
        int inDim = IN_DIM.of(args);
        int variant = VARIANT.of(args);
        double eta = ETA.of(args);
        long seed = SEED.of(args);
        long firstBlock = FIRST_BLOCK.of(args);
        int blockSize = BLOCK_SIZE.of(args);
        long networks = NETWORKS.of(args);
        int workItems = WORK_ITEMS.of(args);
        FieldScratch rng = new FieldScratch();
        double[] drawn = new double[CosNet.NEURON_SIZE];
        double[] phi = new double[MAX_POINTS];
        double[] r = new double[MAX_POINTS];
        double[] gMom = new double[CosNet.NEURON_SIZE];
        int stride = inDim + 3;
        TrainedCosNetLanes fast = lanes ? new TrainedCosNetLanes() : null;
        int l = TrainedCosNetLanes.L;
        double[] phiLanes = lanes ? new double[MAX_POINTS * l] : null;
        for (long item = from; item < to && item < workItems; item++) {
            int po = (int) (item * ((long) width * stride));
            int offset = (int) (item * timeCount * (tupleCount + 1));
            for (int t = 0; t < timeCount * (tupleCount + 1); t++) {
                out[offset + t] = 0.0;
            }
            long first = (firstBlock + item) * blockSize;
            long last = Math.min(first + blockSize, networks);
            long net = first;
            for (; lanes && net + l <= last; net += l) {
                fast.draw(hyper, width, inDim, variant, seed, net, trainCount);
                int step = 0;
                for (int s = 0; s < timeCount; s++) {
                    for (; step < times[s]; step++) {
                        fast.step(train, targets, trainCount, width, inDim, eta);
                    }
                    fast.forward(points, pointCount, width, inDim, phiLanes);
                    int slice = offset + s * (tupleCount + 1);
                    for (int n = 0; n < l; n++) {
                        for (int p = 0; p < pointCount; p++) {
                            phi[p] = phiLanes[p * l + n];
                        }
                        EnsembleKernel.addTuples(out, slice, tuples, tupleCount, maxOrder, phi);
                    }
                }
            }
            for (; net < last; net++) {
                long stream = EnsembleStreams.stream(net);
                for (int i = 0; i < width; i++) {
                    int nu = po + i * stride;
                    CosNet.drawNeuron(seed, stream, (long) i * 2, hyper, inDim, variant, rng.r0, rng.r1, drawn);
                    System.arraycopy(drawn, 0, params, nu, inDim + 2);
                    params[nu + inDim + 2] = CosNet.amplitudeVariance(hyper, inDim, variant, drawn);
                }
                int step = 0;
                for (int s = 0; s < timeCount; s++) {
                    for (; step < times[s]; step++) {
                        cosForward(params, po, train, trainCount, width, inDim, r);
                        for (int a = 0; a < trainCount; a++) {
                            r[a] = r[a] - targets[a];
                        }
                        for (int i = 0; i < width; i++) {
                            int nu = po + i * stride;
                            double gAmp = 0.0;
                            double gPhase = 0.0;
                            for (int k = 0; k < inDim; k++) {
                                gMom[k] = 0.0;
                            }
                            for (int a = 0; a < trainCount; a++) {
                                double arg = params[nu + 1];
                                for (int k = 0; k < inDim; k++) {
                                    arg = arg + params[nu + 2 + k] * train[a * inDim + k];
                                }
                                gAmp = gAmp + r[a] * PortableTrig.cos(arg);
                                double back = r[a] * params[nu] * PortableTrig.sin(arg);
                                gPhase = gPhase + back;
                                for (int k = 0; k < inDim; k++) {
                                    gMom[k] = gMom[k] + back * train[a * inDim + k];
                                }
                            }
                            params[nu] = params[nu] - eta * params[nu + inDim + 2] * gAmp;
                            params[nu + 1] = params[nu + 1] + eta * gPhase;
                            for (int k = 0; k < inDim; k++) {
                                params[nu + 2 + k] = params[nu + 2 + k] + eta * gMom[k];
                            }
                        }
                    }
                    cosForward(params, po, points, pointCount, width, inDim, phi);
                    EnsembleKernel.addTuples(out, offset + s * (tupleCount + 1), tuples, tupleCount, maxOrder, phi);
                }
            }
        }
    }

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
}
