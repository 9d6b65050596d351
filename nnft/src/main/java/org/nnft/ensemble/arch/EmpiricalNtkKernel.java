package org.nnft.ensemble.arch;

import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.kernel.Param;

/**
 * The fused empirical-NTK kernels (docs/ntk.md section 6): one work item draws a block of B networks
 * -- exactly the networks the ensemble sampler ({@link EnsembleKernel}) draws for the same seed and
 * indices, from the same Philox blocks -- computes each network's field and, from its analytic
 * parameter gradients, its tangent kernel {@code Theta(x_p, x_r) = sum_theta df(x_p)/dtheta df(x_r)/dtheta}
 * in the standard and the NTK parameterisation, and adds Theta and Theta^2 per point pair to its own
 * slice of the output.
 *
 * <p>The architecture part ({@code ntk_network}; Java: {@link #shallowNetwork}, {@link #cosNet}) returns
 * per pair two neuron sums {@code a} and {@code b}; Theta is the affine combination
 * {@code alpha_k a + beta_k(pair) b + gamma_k} with coefficients from {@link #coefficients}, so one entry
 * point serves both parameterisations. Source: {@code ensemble_prelude.c + ntk_prelude.c
 * [+ cosnet.c + portable_trig.c] + ntk_<arch>.c + ntk_kernel.c}.
 *
 * <p>Output layout: work item {@code i} owns {@code out[i S .. i S + S - 1]}, {@code S = stride(P)}: the P
 * field sums, then per pair q (pairs p &lt;= r in row order) the sums of Theta_standard,
 * Theta_standard^2, Theta_ntk, Theta_ntk^2, then the network count. Sums run over the block's networks
 * in increasing order in float64, so they depend only on the seed and the block.
 */
public final class EmpiricalNtkKernel {
    private EmpiricalNtkKernel() {
    }

    /** Most points per run (C twin {@code NTK_MAX_POINTS}). */
    public static final int MAX_POINTS = 16;

    private static final KernelParams PARAMS = new KernelParams();
    private static final Param.F64Buffer OUT = PARAMS.f64Buffer("out");
    private static final Param.F64Buffer POINTS = PARAMS.f64Buffer("points");
    private static final Param.F64Buffer HYPER = PARAMS.f64Buffer("hyper");
    private static final Param.F64Buffer COEFF = PARAMS.f64Buffer("coeff");
    private static final Param.I32 POINT_COUNT = PARAMS.i32("pointCount");
    private static final Param.I32 WIDTH = PARAMS.i32("width");
    private static final Param.I32 IN_DIM = PARAMS.i32("inDim");
    private static final Param.I32 VARIANT = PARAMS.i32("variant");
    private static final Param.I64 SEED = PARAMS.i64("seed");
    private static final Param.I64 FIRST_BLOCK = PARAMS.i64("firstBlock");
    private static final Param.I32 BLOCK_SIZE = PARAMS.i32("blockSize");
    private static final Param.I64 NETWORKS = PARAMS.i64("networks");
    private static final Param.I32 WORK_ITEMS = PARAMS.i32("workItems");

    /** The kernel of scalar {@link ShallowNetwork}s (listed in {@link EnsembleKernels}). */
    static final Kernel SHALLOW_NET = create("empirical_ntk_shallow_net", EmpiricalNtkKernel::shallowNetwork,
            "ntk_shallow_net.c").withCpuFastPath((args, from, to) -> run(EmpiricalNtkKernel::shallowNetwork,
            new EmpiricalNtkLanes()::shallowNetwork, args, from, to));
    /** The kernel of {@link CosNet}s (listed in {@link EnsembleKernels}). */
    static final Kernel COSNET = create("empirical_ntk_cosnet", EmpiricalNtkKernel::cosNet, "cosnet.c",
            "portable_trig.c", "ntk_cosnet.c").withCpuFastPath((args, from, to) -> run(EmpiricalNtkKernel::cosNet,
            new CosNetNtkLanes()::cosNet, args, from, to));

    /** Java twin of an architecture's {@code ntk_network}: field and the neuron sums a, b of one network. */
    @FunctionalInterface
    private interface NetworkTangents {
        void evaluate(double[] points, int pointCount, double[] hyper, int width, int inDim, int variant,
                      long seed, long stream, double[] f, double[] a, double[] b, Scratch scratch);
    }

    /** A CPU fast path: field and neuron sums of networks {@code first ..} in lanes ({@link ShallowLanes#L}). */
    @FunctionalInterface
    private interface LaneTangents {
        void evaluate(double[] points, int pointCount, double[] hyper, int width, int inDim, int variant, long seed,
                      long first, double[] f, double[] a, double[] b);
    }

    /** Per-range scratch of the Java bodies (the C bodies keep these arrays in private memory). */
    private static final class Scratch {
        final FieldScratch field = new FieldScratch();
        final double[] act = new double[MAX_POINTS];
        final double[] der = new double[MAX_POINTS];
    }

    private static Kernel create(String name, NetworkTangents tangents, String... archFiles) {
        String[] files = new String[archFiles.length + 3];
        files[0] = "ensemble_prelude.c";
        files[1] = "ntk_prelude.c";
        System.arraycopy(archFiles, 0, files, 2, archFiles.length);
        files[files.length - 1] = "ntk_kernel.c";
        String source = KernelSource.assemble(EmpiricalNtkKernel.class, files);
        return Kernel.of(name, source, (args, from, to) -> run(tangents, null, args, from, to), PARAMS)
                .withCpuGrain(1);
    }

    /** The kernel of an architecture; only scalar shallow networks and cos-nets have one. */
    public static Kernel of(Architecture arch) {
        return switch (arch) {
            case ShallowNetwork s -> {
                if (s.outputDimension() != 1) {
                    throw new IllegalArgumentException("empirical NTK: only scalar networks (outputDimension 1), got "
                            + s.outputDimension());
                }
                yield SHALLOW_NET;
            }
            case CosNet c -> COSNET;
        };
    }

    /** Number of point pairs p &lt;= r of P points. */
    public static int pairs(int pointCount) {
        return pointCount * (pointCount + 1) / 2;
    }

    /** Doubles per work item: P field sums, 4 sums per pair, the count. */
    public static int stride(int pointCount) {
        return pointCount + 4 * pairs(pointCount) + 1;
    }

    /**
     * The combination coefficients {alpha_std, gamma_std, alpha_ntk, gamma_ntk, beta_std[Q], beta_ntk[Q]}
     * (docs/ntk.md section 6): shallow net {@code Theta_std = a + (x.y + 1) b + 1},
     * {@code Theta_ntk = (sigma_W^2/N) a + (sigma_b^2 + sigma_W^2 x.y/d) b + sigma_b^2}; cos-net
     * {@code Theta_std = (N/sigma_a^2) a + (1 + x.y) b}, {@code Theta_ntk = a + (1 + x.y) b}.
     */
    public static double[] coefficients(Architecture arch, double[][] points) {
        int q = pairs(points.length);
        double[] c = new double[4 + 2 * q];
        int n = arch.width();
        double sw2 = 0;
        double sb2 = 0;
        if (arch instanceof ShallowNetwork s) {
            sw2 = s.sigmaW() * s.sigmaW();
            sb2 = s.sigmaB() * s.sigmaB();
            c[0] = 1;
            c[1] = 1;
            c[2] = sw2 / n;
            c[3] = sb2;
        } else if (arch instanceof CosNet cos) {
            c[0] = n / (cos.sigmaA() * cos.sigmaA());
            c[2] = 1;
        }
        int pair = 0;
        for (int p = 0; p < points.length; p++) {
            for (int r = p; r < points.length; r++) {
                double dot = 0;
                for (int k = 0; k < points[p].length; k++) {
                    dot += points[p][k] * points[r][k];
                }
                c[4 + pair] = dot + 1;
                c[4 + q + pair] = arch instanceof ShallowNetwork ? sb2 + sw2 * dot / arch.inputDimension() : dot + 1;
                pair++;
            }
        }
        return c;
    }

    /**
     * Arguments of one launch over {@code workItems} blocks starting at global block {@code firstBlock}.
     *
     * @param out   F64, at least {@code workItems * stride(pointCount)} elements
     * @param hyper F64, the architecture's {@link Architecture#kernelParameters}
     * @param coeff F64, {@link #coefficients}
     */
    public static KernelArgs arguments(Architecture arch, DeviceBuffer out, DeviceBuffer points, DeviceBuffer hyper,
                                       DeviceBuffer coeff, int pointCount, long seed, long firstBlock, int blockSize,
                                       long networks, int workItems) {
        return PARAMS.args().set(OUT, out).set(POINTS, points).set(HYPER, hyper).set(COEFF, coeff)
                .set(POINT_COUNT, pointCount).set(WIDTH, arch.width()).set(IN_DIM, arch.inputDimension())
                .set(VARIANT, arch.variant()).set(SEED, seed).set(FIRST_BLOCK, firstBlock)
                .set(BLOCK_SIZE, blockSize).set(NETWORKS, networks).set(WORK_ITEMS, workItems);
    }

    /**
     * Java twin of {@code ntk_kernel.c}, over work items {@code [from, to)}; with {@code fast} (the CPU fast paths,
     * {@link EmpiricalNtkLanes} of scalar shallow networks, {@link CosNetNtkLanes} of cos-nets) whole groups of
     * {@link ShallowLanes#L} networks go through it, bit for bit the same networks, sums and order, and the rest of a
     * block through {@code tangents}.
     */
    private static void run(NetworkTangents tangents, LaneTangents fast, CpuArgs args, long from, long to) {
        double[] out = OUT.of(args);
        double[] points = POINTS.of(args);
        double[] hyper = HYPER.of(args);
        double[] coeff = COEFF.of(args);
        int pointCount = POINT_COUNT.of(args);
        int width = WIDTH.of(args);
        int inDim = IN_DIM.of(args);
        int variant = VARIANT.of(args);
        long seed = SEED.of(args);
        long firstBlock = FIRST_BLOCK.of(args);
        int blockSize = BLOCK_SIZE.of(args);
        long networks = NETWORKS.of(args);
        int workItems = WORK_ITEMS.of(args);
        int pairs = pairs(pointCount);
        int stride = stride(pointCount);
        double[] f = new double[MAX_POINTS];
        double[] a = new double[pairs(MAX_POINTS)];
        double[] b = new double[pairs(MAX_POINTS)];
        Scratch scratch = new Scratch();
        boolean lanes = fast != null;
        int l = ShallowLanes.L;
        double[] fl = lanes ? new double[MAX_POINTS * l] : null;
        double[] al = lanes ? new double[pairs(MAX_POINTS) * l] : null;
        double[] bl = lanes ? new double[pairs(MAX_POINTS) * l] : null;
        for (long item = from; item < to && item < workItems; item++) {
            int offset = (int) (item * stride);
            for (int t = 0; t < stride; t++) {
                out[offset + t] = 0.0;
            }
            long first = (firstBlock + item) * blockSize;
            long last = Math.min(first + blockSize, networks);
            long net = first;
            for (; lanes && net + l <= last; net += l) {
                fast.evaluate(points, pointCount, hyper, width, inDim, variant, seed, net, fl, al, bl);
                for (int n = 0; n < l; n++) {
                    for (int p = 0; p < pointCount; p++) {
                        f[p] = fl[p * l + n];
                    }
                    for (int q = 0; q < pairs; q++) {
                        a[q] = al[q * l + n];
                        b[q] = bl[q * l + n];
                    }
                    add(out, offset, coeff, pointCount, f, a, b);
                }
            }
            for (; net < last; net++) {
                tangents.evaluate(points, pointCount, hyper, width, inDim, variant, seed, EnsembleStreams.stream(net),
                        f, a, b, scratch);
                add(out, offset, coeff, pointCount, f, a, b);
            }
        }
    }

    /** Adds one network's field, Theta and Theta^2 (both parameterisations) and count to a work item's sums. */
    private static void add(double[] out, int offset, double[] coeff, int pointCount, double[] f, double[] a,
                            double[] b) {
        int pairs = pairs(pointCount);
        int stride = stride(pointCount);
        for (int p = 0; p < pointCount; p++) {
            out[offset + p] = out[offset + p] + f[p];
        }
        for (int q = 0; q < pairs; q++) {
            int s = offset + pointCount + 4 * q;
            double standard = coeff[0] * a[q] + coeff[4 + q] * b[q] + coeff[1];
            double ntk = coeff[2] * a[q] + coeff[4 + pairs + q] * b[q] + coeff[3];
            out[s] = out[s] + standard;
            out[s + 1] = out[s + 1] + standard * standard;
            out[s + 2] = out[s + 2] + ntk;
            out[s + 3] = out[s + 3] + ntk * ntk;
        }
        out[offset + stride - 1] = out[offset + stride - 1] + 1.0;
    }

    /** Java twin of {@code ntk_network} in ntk_shallow_net.c, line by line. */
    private static void shallowNetwork(double[] points, int pointCount, double[] hyper, int width, int inDim,
                                       int variant, long seed, long stream, double[] f, double[] a, double[] b,
                                       Scratch scratch) {
        double sigmaB = hyper[0];
        double inScale = hyper[1];
        double outScale = hyper[2];
        int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
        double[] act = scratch.act;
        double[] der = scratch.der;
        FieldScratch rng = scratch.field;
        int pairs = pairs(pointCount);
        for (int p = 0; p < pointCount; p++) {
            f[p] = 0.0;
        }
        for (int q = 0; q < pairs; q++) {
            a[q] = 0.0;
            b[q] = 0.0;
        }
        for (int i = 0; i < width; i++) {
            long base = (long) i * blocksPerNeuron;
            for (int p = 0; p < pointCount; p++) {
                act[p] = 0.0;
            }
            for (int j = 0; j < inDim; j++) {
                double weight = inScale * rng.normal(seed, stream, base, j);
                for (int p = 0; p < pointCount; p++) {
                    act[p] = act[p] + weight * points[p * inDim + j];
                }
            }
            double bias = sigmaB * rng.normal(seed, stream, base, inDim);
            for (int p = 0; p < pointCount; p++) {
                double z = act[p] + bias;
                if (variant == 0) {
                    act[p] = PortableErf.erf(z);
                    der[p] = TWO_OVER_SQRT_PI * Math.exp(-(z * z));
                } else if (variant == 1) {
                    act[p] = Math.max(z, 0.0);
                    der[p] = z > 0.0 ? 1.0 : 0.0;
                } else {
                    act[p] = Math.exp(z - hyper[3 + p]);
                    der[p] = act[p];
                }
            }
            double out = outScale * rng.normal(seed, stream, base, inDim + 1);
            double out2 = out * out;
            int q = 0;
            for (int p = 0; p < pointCount; p++) {
                f[p] = f[p] + out * act[p];
                for (int r = p; r < pointCount; r++) {
                    a[q] = a[q] + act[p] * act[r];
                    b[q] = b[q] + out2 * (der[p] * der[r]);
                    q++;
                }
            }
        }
        double b1 = sigmaB * rng.normal(seed, stream, (long) width * blocksPerNeuron, 0);
        for (int p = 0; p < pointCount; p++) {
            f[p] = f[p] + b1;
        }
    }

    /** Java twin of {@code ntk_network} in ntk_cosnet.c, line by line. */
    private static void cosNet(double[] points, int pointCount, double[] hyper, int width, int dim, int variant,
                               long seed, long stream, double[] f, double[] a, double[] b, Scratch scratch) {
        double[] nu = scratch.field.neuron;
        double[] cs = scratch.act;
        double[] sn = scratch.der;
        int pairs = pairs(pointCount);
        for (int p = 0; p < pointCount; p++) {
            f[p] = 0.0;
        }
        for (int q = 0; q < pairs; q++) {
            a[q] = 0.0;
            b[q] = 0.0;
        }
        for (int i = 0; i < width; i++) {
            CosNet.drawNeuron(seed, stream, (long) i * 2, hyper, dim, variant, scratch.field.r0, scratch.field.r1, nu);
            double s2 = CosNet.amplitudeVariance(hyper, dim, variant, nu);
            double amp2 = nu[0] * nu[0];
            for (int p = 0; p < pointCount; p++) {
                double arg = nu[1];
                for (int k = 0; k < dim; k++) {
                    arg = arg + nu[2 + k] * points[p * dim + k];
                }
                cs[p] = PortableTrig.cos(arg);
                sn[p] = PortableTrig.sin(arg);
                f[p] = f[p] + nu[0] * cs[p];
            }
            int q = 0;
            for (int p = 0; p < pointCount; p++) {
                for (int r = p; r < pointCount; r++) {
                    a[q] = a[q] + s2 * (cs[p] * cs[r]);
                    b[q] = b[q] + amp2 * (sn[p] * sn[r]);
                    q++;
                }
            }
        }
    }

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
}
