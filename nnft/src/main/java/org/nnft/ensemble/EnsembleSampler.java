package org.nnft.ensemble;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.Kernel;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.EnsembleKernel;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.Tuples;

import java.util.Arrays;

/**
 * Streams an ensemble through the fused kernel of its architecture: launches over chunks of
 * {@code launchBlocks} kernel blocks, copies each block's tuple sums back and adds them, in
 * increasing block order, into the sums of its jackknife bin; a completed bin goes into
 * {@link BlockMoments} under its global bin id. Memory is bounded by the launch chunk and one bin,
 * whatever the number of networks.
 */
public final class EnsembleSampler {
    private EnsembleSampler() {
    }

    /** Samples the configured shard on {@code backend}. */
    public static EnsembleSample sample(EnsembleConfig config, Backend backend) {
        if (config == null || backend == null) {
            throw new IllegalArgumentException("config and backend must not be null");
        }
        EnsembleMemory.requireDevice(config, backend.device().memoryBytes());
        long start = System.nanoTime();
        Architecture arch = config.architecture();
        double[][] points = config.points();
        Tuples tuples = config.tuples();
        int tupleCount = tuples.size();
        int stride = tupleCount + 1;
        int binBegin = config.firstBinOfShard(config.shardIndex());
        int binEnd = config.firstBinOfShard(config.shardIndex() + 1);
        long blockBegin = config.firstBlockOfBin(binBegin);
        long blockEnd = config.firstBlockOfBin(binEnd);
        int launch = (int) Math.min(config.launchBlocks(), blockEnd - blockBegin);

        BlockMoments moments = new BlockMoments(tuples);
        double[] host = new double[launch * stride];
        double[] binSums = new double[tupleCount];
        long binCount = 0;
        int bin = binBegin;
        long binLast = config.firstBlockOfBin(bin + 1) - 1;
        try (DeviceBuffer pointBuffer = backend.upload(flatten(points));
             DeviceBuffer tupleBuffer = backend.upload(kernelTable(tuples));
             DeviceBuffer hyper = backend.upload(arch.kernelParameters(points));
             DeviceBuffer out = backend.allocate(DType.F64, (long) launch * stride)) {
            Kernel kernel = arch.kernel(config.precision());
            for (long first = blockBegin; first < blockEnd; first += launch) {
                int items = (int) Math.min(launch, blockEnd - first);
                backend.launch(kernel, items, EnsembleKernel.arguments(arch, out, pointBuffer, tupleBuffer,
                        hyper, points.length, tupleCount, tuples.maxOrder(), config.seed(), first,
                        config.blockSize(), config.networks(), items));
                out.read(0, host, 0, items * stride);
                for (int i = 0; i < items; i++) {
                    for (int t = 0; t < tupleCount; t++) {
                        binSums[t] += host[i * stride + t];
                    }
                    binCount += (long) host[i * stride + tupleCount];
                    if (first + i == binLast) {
                        moments.addBlock(bin, binCount, binSums);
                        Arrays.fill(binSums, 0.0);
                        binCount = 0;
                        bin++;
                        binLast = config.firstBlockOfBin(bin + 1) - 1;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        Provenance provenance = new Provenance(backend.name(), backend.device().toString(), config.seed(),
                moments.totalCount(), config.blockSize(), config.shardIndex() + "/" + config.shardCount(), seconds);
        return new EnsembleSample(config, moments, provenance);
    }

    /** The kernel's tuple table: tuple t's sites at {@code [t * maxOrder, (t + 1) * maxOrder)}, padded with -1. */
    public static int[] kernelTable(Tuples tuples) {
        int maxOrder = tuples.maxOrder();
        int[] table = new int[tuples.size() * maxOrder];
        Arrays.fill(table, -1);
        for (int t = 0; t < tuples.size(); t++) {
            int[] sites = tuples.tuple(t);
            System.arraycopy(sites, 0, table, t * maxOrder, sites.length);
        }
        return table;
    }

    /** Points as one row-major coordinate array (the kernels' layout). */
    public static double[] flatten(double[][] points) {
        int d = points[0].length;
        double[] flat = new double[points.length * d];
        for (int p = 0; p < points.length; p++) {
            System.arraycopy(points[p], 0, flat, p * d, d);
        }
        return flat;
    }
}
