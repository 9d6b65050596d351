package org.nnft.ensemble;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.MomentumDensity;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.ensemble.arch.TrainedEnsembleKernel;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.CorrelatorEstimator;
import org.nnft.stats.Tuples;
import org.nnft.theory.CauchyDensity;
import org.nnft.theory.CosNetCorrelators;
import org.nnft.theory.CosNetTangentKernel;
import org.nnft.theory.InfiniteWidthKernels;
import org.nnft.theory.Parameterization;
import org.nnft.theory.ShallowNetTangentKernel;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.UniformBallDensity;

import java.util.Arrays;

/**
 * Ensembles of trained networks (docs/ntk.md section 7): every network of an ensemble of scalar ReLU, erf or
 * Gauss {@link ShallowNetwork}s or of {@link CosNet}s (ball or Cauchy momenta) is trained inside a fused
 * {@link TrainedEnsembleKernel} by full-batch gradient descent (summed squared loss, learning rate eta, NTK
 * parameterisation; {@link #tangentKernels} is its infinite-width theory), and at each recorded step the
 * moments of f at the test points are kept as {@link BlockMoments} -- one per recorded step, with the
 * sampler's bins ({@link EnsembleConfig#firstBlockOfBin}), so step 0 is bit for bit the sampler's
 * accumulator of the same configuration. Their estimates give the mean, covariance and connected
 * 4-point function of the trained ensemble against {@code LinearisedDynamics}. Immutable.
 */
public final class TrainedEnsemble {

    /** Blocks per launch: bounds the output and parameter buffers. */
    private static final int LAUNCH_BLOCKS = 1024;

    private final int[] steps;
    private final BlockMoments[] moments;

    private TrainedEnsemble(int[] steps, BlockMoments[] moments) {
        this.steps = steps;
        this.moments = moments;
    }

    /**
     * Trains networks {@code [0, config.networks())} of {@code config}'s architecture (all of its shards).
     *
     * @param config  the sampler's configuration: architecture (scalar ReLU, erf or Gauss shallow net, cos-net),
     *                test points,
     *                tuples, networks, block size, bins and seed
     * @param train   1..{@link TrainedEnsembleKernel#MAX_POINTS} training points
     * @param targets one target per training point
     * @param eta     learning rate &gt; 0 of the NTK parameterisation
     * @param steps   recorded steps, increasing, &gt;= 0
     */
    public static TrainedEnsemble train(EnsembleConfig config, double[][] train, double[] targets, double eta,
                                        int[] steps, Backend backend) {
        Architecture arch = config.architecture();
        if (arch.outputDimension() != 1) {
            throw new IllegalArgumentException("trained ensembles: scalar networks only (outputDimension 1), got "
                    + arch);
        }
        if (arch.inputDimension() > TrainedEnsembleKernel.MAX_DIMENSION) {
            throw new IllegalArgumentException("trained ensembles: input dimension at most "
                    + TrainedEnsembleKernel.MAX_DIMENSION + ", got " + arch.inputDimension());
        }
        arch.checkPoints(train);
        if (train.length > TrainedEnsembleKernel.MAX_POINTS || targets.length != train.length) {
            throw new IllegalArgumentException("need 1.." + TrainedEnsembleKernel.MAX_POINTS
                    + " training points with one target each, got " + train.length + " and " + targets.length);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be positive and finite, got " + eta);
        }
        for (int s = 0; s < steps.length; s++) {
            if (steps[s] < 0 || s > 0 && steps[s] <= steps[s - 1]) {
                throw new IllegalArgumentException("steps must be increasing and >= 0: " + Arrays.toString(steps));
            }
        }
        double[][] points = config.points();
        Tuples tuples = config.tuples();
        int tupleCount = tuples.size();
        int slice = tupleCount + 1;
        int timeCount = steps.length;
        long blocks = config.blockCount();
        int bins = config.jackknifeBins();
        int launch = (int) Math.min(LAUNCH_BLOCKS, blocks);
        BlockMoments[] moments = new BlockMoments[timeCount];
        double[][] binSums = new double[timeCount][tupleCount];
        long[] binCounts = new long[timeCount];
        for (int s = 0; s < timeCount; s++) {
            moments[s] = new BlockMoments(tuples);
        }
        double[] host = new double[launch * timeCount * slice];
        int bin = 0;
        long binLast = config.firstBlockOfBin(1) - 1;
        try (DeviceBuffer pointBuffer = backend.upload(EnsembleSampler.flatten(points));
             DeviceBuffer trainBuffer = backend.upload(EnsembleSampler.flatten(train));
             DeviceBuffer targetBuffer = backend.upload(targets.clone());
             DeviceBuffer tupleBuffer = backend.upload(EnsembleSampler.kernelTable(tuples));
             DeviceBuffer timeBuffer = backend.upload(steps.clone());
             DeviceBuffer hyper = backend.upload(arch.kernelParameters(concat(points, train)));
             DeviceBuffer params = backend.allocate(DType.F64, launch * TrainedEnsembleKernel.parameterCount(arch));
             DeviceBuffer out = backend.allocate(DType.F64, (long) launch * timeCount * slice)) {
            for (long first = 0; first < blocks; first += launch) {
                int items = (int) Math.min(launch, blocks - first);
                backend.launch(TrainedEnsembleKernel.of(arch), items, TrainedEnsembleKernel.arguments(arch, out, params,
                        pointBuffer, trainBuffer, targetBuffer, tupleBuffer, timeBuffer, hyper, points.length,
                        train.length, tupleCount, tuples.maxOrder(), timeCount, eta, config.seed(), first,
                        config.blockSize(), config.networks(), items));
                out.read(0, host, 0, items * timeCount * slice);
                for (int i = 0; i < items; i++) {
                    for (int s = 0; s < timeCount; s++) {
                        int o = (i * timeCount + s) * slice;
                        for (int t = 0; t < tupleCount; t++) {
                            binSums[s][t] += host[o + t];
                        }
                        binCounts[s] += (long) host[o + tupleCount];
                    }
                    if (first + i == binLast) {
                        for (int s = 0; s < timeCount; s++) {
                            moments[s].addBlock(bin, binCounts[s], binSums[s]);
                            Arrays.fill(binSums[s], 0.0);
                            binCounts[s] = 0;
                        }
                        bin++;
                        binLast = config.firstBlockOfBin(bin + 1) - 1;
                    }
                }
            }
        }
        if (bin != bins) {
            throw new IllegalStateException("filled " + bin + " of " + bins + " bins");
        }
        return new TrainedEnsemble(steps.clone(), moments);
    }

    /**
     * The infinite-width NNGP kernel and NTK, in the NTK parameterisation the kernels train in, of a trainable
     * architecture: the theory of {@code LinearisedDynamics} for a trained ensemble of it.
     */
    public static InfiniteWidthKernels tangentKernels(Architecture arch) {
        return switch (arch) {
            case ShallowNetwork s -> new ShallowNetTangentKernel(new ShallowNetTheory(s.activation(), s.sigmaW(),
                    s.sigmaB(), s.inputDimension()), Parameterization.NTK, s.width());
            case CosNet c -> c.density() == MomentumDensity.CAUCHY
                    // the sampled Cauchy net scales A by 1/sigma_a, so G2 = exp(-m|t|)/(2m) for every sigma_a
                    ? new CosNetTangentKernel(new CosNetCorrelators(new CauchyDensity(c.mass()), 1), c.sigmaA(),
                            Parameterization.NTK, c.width())
                    : new CosNetTangentKernel(new CosNetCorrelators(UniformBallDensity.freeScalar(c.dimension(),
                            c.mass(), c.cutoff(), c.sigmaA()), c.sigmaA()), c.sigmaA(), Parameterization.NTK,
                            c.width());
        };
    }

    /** The rows of {@code a} followed by those of {@code b}. */
    private static double[][] concat(double[][] a, double[][] b) {
        double[][] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The recorded steps. */
    public int[] steps() {
        return steps.clone();
    }

    /** The moment accumulator at recorded step index s (the sampler's layout). */
    public BlockMoments moments(int s) {
        return moments[s];
    }

    /** Moments and connected correlators, with jackknife errors, at recorded step index s. */
    public CorrelatorEstimates estimates(int s) {
        return CorrelatorEstimator.estimate(moments[s]);
    }
}
