package org.nnft.ensemble.deform;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.Kernel;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.Provenance;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.Tuples;

/**
 * Importance reweighting of the free cos-net ensemble to {@code P(theta) exp(-S_int(theta))}
 * (docs/physics.md A.3 (i)): the networks, blocks, jackknife bins and launch chunks are exactly those of
 * {@link org.nnft.ensemble.EnsembleSampler} for the same configuration, each network weighted by
 * {@code exp(-S_int)}. Per block the kernel keeps its weights relative to the block's largest log
 * weight; blocks are folded into their bin, in block order, relative to the bin's largest ({@link ReweightBins},
 * what a shard writes), and bins to the run's largest at the end (log-sum-exp), so no weight overflows. A bin's
 * sums depend only on the bin, so the bins of shards {@link ReweightBins#concat combine} into the one-process run
 * bit for bit. Without interaction every
 * weight is exactly 1 and the sums are the free sampler's bit for bit.
 *
 * <p>Cost per network: N neurons x (grid nodes + points). The reliability measure is the effective
 * sample size {@code ESS = (sum w)^2 / sum w^2}; it collapses like exp(-c lambda V).
 */
public final class ReweightSampler {
    private ReweightSampler() {
    }

    /** Most grid doubles of scratch per launch (bounds the launch size for big grids). */
    private static final long MAX_SCRATCH = 1L << 24;

    /** Samples the configuration's shard of the deformed ensemble on {@code backend}. */
    public static ReweightSample sample(EnsembleConfig config, Deformation deformation, Backend backend) {
        if (config == null || deformation == null || backend == null) {
            throw new IllegalArgumentException("config, deformation and backend must not be null");
        }
        CosNet arch = requireCosNet(config, deformation);
        long start = System.nanoTime();
        double[][] points = config.points();
        Tuples tuples = config.tuples();
        int tupleCount = tuples.size();
        int stride = tupleCount + ReweightKernel.EXTRA;
        int binBegin = config.firstBinOfShard(config.shardIndex());
        int binEnd = config.firstBinOfShard(config.shardIndex() + 1);
        long blockBegin = config.firstBlockOfBin(binBegin);
        long blockEnd = config.firstBlockOfBin(binEnd);
        int nodes = deformation.box().nodeCount();
        int launch = (int) Math.min(Math.min(config.launchBlocks(), blockEnd - blockBegin),
                Math.max(1, MAX_SCRATCH / nodes));
        int bins = binEnd - binBegin;
        long[] counts = new long[bins];
        double[] weights = new double[bins];
        double[] squares = new double[bins];
        double[][] sums = new double[bins][tupleCount];
        double[] refs = new double[bins];
        boolean[] started = new boolean[bins];
        double[] host = new double[launch * stride];
        int bin = binBegin;
        Kernel kernel = ReweightKernel.kernel(config.precision());
        long binLast = config.firstBlockOfBin(bin + 1) - 1;
        try (DeviceBuffer pointBuffer = backend.upload(EnsembleSampler.flatten(points));
             DeviceBuffer tupleBuffer = backend.upload(EnsembleSampler.kernelTable(tuples));
             DeviceBuffer hyper = backend.upload(arch.kernelParameters(points));
             DeviceBuffer deform = backend.upload(deformation.kernelParameters());
             DeviceBuffer grid = backend.allocate(DType.F64, (long) launch * nodes);
             DeviceBuffer out = backend.allocate(DType.F64, (long) launch * stride)) {
            for (long first = blockBegin; first < blockEnd; first += launch) {
                int items = (int) Math.min(launch, blockEnd - first);
                backend.launch(kernel, items, ReweightKernel.arguments(arch, deformation.box(), out, grid,
                        pointBuffer, tupleBuffer, hyper, deform, points.length, tupleCount, tuples.maxOrder(),
                        config.seed(), first, config.blockSize(), config.networks(), items));
                out.read(0, host, 0, items * stride);
                for (int i = 0; i < items; i++) {
                    int b = bin - binBegin;
                    int o = i * stride;
                    double ref = host[o + tupleCount + 3];
                    if (!started[b]) {
                        refs[b] = ref;
                        started[b] = true;
                    } else if (ref > refs[b]) {
                        rescale(sums[b], weights, squares, b, Math.exp(refs[b] - ref));
                        refs[b] = ref;
                    }
                    double s = Math.exp(ref - refs[b]);
                    for (int t = 0; t < tupleCount; t++) {
                        sums[b][t] += s * host[o + t];
                    }
                    weights[b] += s * host[o + tupleCount];
                    squares[b] += (s * s) * host[o + tupleCount + 1];
                    counts[b] += (long) host[o + tupleCount + 2];
                    if (first + i == binLast) {
                        bin++;
                        binLast = config.firstBlockOfBin(bin + 1) - 1;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        Provenance provenance = new Provenance(backend.name(), backend.device().toString(), config.seed(), total,
                config.blockSize(), config.shardIndex() + "/" + config.shardCount(), seconds);
        long[] ids = new long[bins];
        for (int b = 0; b < bins; b++) {
            ids[b] = binBegin + b;
        }
        return new ReweightBins(ids, counts, weights, squares, sums, refs).sample(config, deformation,
                provenance);
    }

    private static void rescale(double[] sums, double[] weights, double[] squares, int b, double s) {
        for (int t = 0; t < sums.length; t++) {
            sums[t] = sums[t] * s;
        }
        weights[b] = weights[b] * s;
        squares[b] = squares[b] * (s * s);
    }

    static CosNet requireCosNet(EnsembleConfig config, Deformation deformation) {
        if (!(config.architecture() instanceof CosNet arch)) {
            throw new IllegalArgumentException("config: deformed ensembles need a cos-net architecture, got "
                    + config.architecture());
        }
        if (deformation.box().dimension() != arch.inputDimension()) {
            throw new IllegalArgumentException("deformation: box dimension " + deformation.box().dimension()
                    + " differs from the input dimension " + arch.inputDimension());
        }
        return arch;
    }
}
