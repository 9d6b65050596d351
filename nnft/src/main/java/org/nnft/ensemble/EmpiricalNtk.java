package org.nnft.ensemble;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.EmpiricalNtkKernel;
import org.nnft.stats.Jackknife;
import org.nnft.stats.JackknifeResult;

/**
 * The empirical neural tangent kernel of an ensemble of sampled networks (docs/ntk.md section 6):
 * streams {@code networks} networks -- the networks the ensemble sampler draws for the same seed --
 * through the fused {@link EmpiricalNtkKernel} and keeps, per jackknife bin, the sums of f(x_p) and,
 * per point pair, of Theta and Theta^2 in both parameterisations. From them: the ensemble mean
 * {@code E[Theta(x_p, x_r)]} (the analytic NTK at every width, docs/ntk.md section 2) and the
 * network-to-network variance {@code Var[Theta(x_p, x_r)]} (falls as 1/N in the NTK parameterisation),
 * both with delete-one-bin jackknife errors.
 *
 * <p>Bins are contiguous ranges of kernel blocks, numbered as the sampler numbers them
 * ({@link EnsembleConfig#firstBlockOfBin}), so bin sums of f equal the sampler's order-1 sums bit for bit
 * on the same backend. Pairs are (p, r), p &lt;= r, in row order. Immutable.
 */
public final class EmpiricalNtk {

    /** Index of the standard parameterisation in {@link #mean} and {@link #variance}. */
    public static final int STANDARD = 0;
    /** Index of the NTK parameterisation in {@link #mean} and {@link #variance}. */
    public static final int NTK = 1;

    /** Blocks per launch: bounds the output buffer. */
    private static final int LAUNCH_BLOCKS = 4096;

    private final int pointCount;
    private final long[] counts;
    private final double[][] binSums;
    private final Jackknife jackknife;

    private EmpiricalNtk(int pointCount, long[] counts, double[][] binSums) {
        this.pointCount = pointCount;
        this.counts = counts;
        this.binSums = binSums;
        this.jackknife = Jackknife.ofBlockSums(counts, binSums);
    }

    /**
     * Measures the empirical NTK of networks {@code [0, networks)} of {@code arch} on {@code backend}.
     *
     * @param points    1..{@link EmpiricalNtkKernel#MAX_POINTS} points of the architecture's dimension
     * @param networks  ensemble size M, at least {@code bins}
     * @param blockSize networks per kernel work item
     * @param bins      jackknife bins J >= 2
     */
    public static EmpiricalNtk measure(Architecture arch, double[][] points, long networks, int blockSize, int bins,
                                       long seed, Backend backend) {
        arch.checkPoints(points);
        if (points.length > EmpiricalNtkKernel.MAX_POINTS) {
            throw new IllegalArgumentException("points: at most " + EmpiricalNtkKernel.MAX_POINTS
                    + " for the empirical NTK, got " + points.length);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
        }
        long blocks = (networks + blockSize - 1) / blockSize;
        if (bins < 2 || blocks < bins) {
            throw new IllegalArgumentException("need 2 <= bins <= blocks (" + blocks + " blocks of " + blockSize
                    + " networks), got " + bins + " bins");
        }
        int p = points.length;
        int stride = EmpiricalNtkKernel.stride(p);
        int launch = (int) Math.min(LAUNCH_BLOCKS, blocks);
        long[] counts = new long[bins];
        double[][] sums = new double[bins][stride - 1];
        double[] host = new double[launch * stride];
        int bin = 0;
        long binEnd = firstBlockOfBin(1, blocks, bins);
        try (DeviceBuffer pointBuffer = backend.upload(EnsembleSampler.flatten(points));
             DeviceBuffer hyper = backend.upload(arch.kernelParameters(points));
             DeviceBuffer coeff = backend.upload(EmpiricalNtkKernel.coefficients(arch, points));
             DeviceBuffer out = backend.allocate(DType.F64, (long) launch * stride)) {
            for (long first = 0; first < blocks; first += launch) {
                int items = (int) Math.min(launch, blocks - first);
                backend.launch(EmpiricalNtkKernel.of(arch), items, EmpiricalNtkKernel.arguments(arch, out,
                        pointBuffer, hyper, coeff, p, seed, first, blockSize, networks, items));
                out.read(0, host, 0, items * stride);
                for (int i = 0; i < items; i++) {
                    while (first + i >= binEnd) {
                        bin++;
                        binEnd = firstBlockOfBin(bin + 1, blocks, bins);
                    }
                    for (int t = 0; t < stride - 1; t++) {
                        sums[bin][t] += host[i * stride + t];
                    }
                    counts[bin] += (long) host[i * stride + stride - 1];
                }
            }
        }
        return new EmpiricalNtk(p, counts, sums);
    }

    /** First block of bin b of J over T blocks, as {@link EnsembleConfig#firstBlockOfBin}. */
    private static long firstBlockOfBin(int b, long t, int j) {
        return b * (t / j) + (long) b * (t % j) / j;
    }

    public int pointCount() {
        return pointCount;
    }

    /** Number of point pairs. */
    public int pairCount() {
        return EmpiricalNtkKernel.pairs(pointCount);
    }

    /** The points (p, r) of pair q. */
    public int[] pair(int q) {
        int index = 0;
        for (int p = 0; p < pointCount; p++) {
            for (int r = p; r < pointCount; r++) {
                if (index++ == q) {
                    return new int[] {p, r};
                }
            }
        }
        throw new IllegalArgumentException("pair index " + q + " out of range 0.." + (pairCount() - 1));
    }

    /** Number of networks measured. */
    public long networks() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** Networks per bin. */
    public long[] binCounts() {
        return counts.clone();
    }

    /** Sum of f(x_p) over the networks of bin b. */
    public double fieldSum(int bin, int p) {
        return binSums[bin][p];
    }

    /** Ensemble mean of Theta(x_p, x_r) of pair q in parameterisation k ({@link #STANDARD}, {@link #NTK}). */
    public JackknifeResult mean(int k, int q) {
        int i = index(k, q);
        return jackknife.estimate(m -> m[i]);
    }

    /** Network-to-network variance of Theta(x_p, x_r) of pair q in parameterisation k, M/(M-1) corrected. */
    public JackknifeResult variance(int k, int q) {
        int i = index(k, q);
        double n = networks();
        return jackknife.estimate(m -> (m[i + 1] - m[i] * m[i]) * n / (n - 1));
    }

    private int index(int k, int q) {
        if (k != STANDARD && k != NTK) {
            throw new IllegalArgumentException("parameterisation index must be 0 or 1, got " + k);
        }
        if (q < 0 || q >= pairCount()) {
            throw new IllegalArgumentException("pair index " + q + " out of range 0.." + (pairCount() - 1));
        }
        return pointCount + 4 * q + 2 * k;
    }
}
