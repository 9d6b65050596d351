package org.nnft.ensemble.deform;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.Kernel;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.Provenance;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.GammaMethod;

/**
 * Markov chain Monte Carlo in the cos-net's parameter space (docs/physics.md A.3 (ii)): single-neuron
 * Metropolis with proposals from the free density, accepted with {@code min(1, exp(-Delta S_int))},
 * which leaves {@code P(theta) exp(-S_int(theta))} invariant. Chains run in parallel, one per work
 * item ({@link McmcKernel}); the host reads the measured rows and accumulates every tuple's products
 * per chain, the chain being the jackknife block: the chains are independent, so the errors hold
 * whatever the autocorrelation within a chain. The Gamma method gives each chain's tau_int of
 * S_int and phi(x_0)^2 (reported as means over chains, in sweeps). The chains are independent tasks: a shard of
 * them ({@link #shard}) runs exactly the one-process run's chains, and their {@link McmcChains} merge bit for bit.
 */
public final class McmcSampler {
    private McmcSampler() {
    }

    /** Runs the chains of {@code config} on {@code backend}. */
    public static DeformedResult sample(McmcConfig config, Backend backend) {
        return shard(config, 0, 1, backend);
    }

    /**
     * Runs shard {@code index} of {@code count} of the chains of {@code config} on {@code backend}: the chains
     * {@link McmcConfig#firstChainOfShard [first(index), first(index + 1))}, each exactly as in the whole run (its
     * stream is its chain index), so {@link McmcChains#concat} of all shards' {@link DeformedResult#mcmcChains}
     * is the one-process run bit for bit.
     */
    public static DeformedResult shard(McmcConfig config, int index, int count, Backend backend) {
        if (config == null || backend == null) {
            throw new IllegalArgumentException("config and backend must not be null");
        }
        int firstChain = config.firstChainOfShard(index, count);
        int chains = config.firstChainOfShard(index + 1, count) - firstChain;
        long start = System.nanoTime();
        double[][] points = config.points();
        int pointCount = points.length;
        int row = pointCount + 2;
        int launch = config.launchSweeps();
        Deformation def = config.deformation();
        boolean interacting = !def.potential().isZero();
        BlockMoments moments = new BlockMoments(config.tuples());
        double[][] action = new double[chains][config.sweeps()];
        double[][] phi2 = new double[chains][config.sweeps()];
        long[] accepted = new long[chains];
        double[] host = new double[chains * launch * row];
        double[] field = new double[pointCount];
        try (DeviceBuffer state = backend.allocate(DType.F64,
                McmcKernel.stateSize(config.net(), def.box(), pointCount) * chains);
             DeviceBuffer out = backend.allocate(DType.F64, (long) chains * launch * row);
             DeviceBuffer pointBuffer = backend.upload(EnsembleSampler.flatten(points));
             DeviceBuffer hyper = backend.upload(config.net().kernelParameters(points));
             DeviceBuffer deform = backend.upload(def.kernelParameters())) {
            Kernel kernel = McmcKernel.kernel(config.precision());
            for (long done = 0; done < config.totalSweeps(); done += launch) {
                int n = (int) Math.min(launch, config.totalSweeps() - done);
                backend.launch(kernel, chains, McmcKernel.arguments(config.net(), def.box(), state, out,
                        pointBuffer, hyper, deform, pointCount, config.seed(), done, n, chains, firstChain));
                out.read(0, host, 0, chains * n * row);
                for (int c = 0; c < chains; c++) {
                    for (int j = 0; j < n; j++) {
                        long sweep = done + j;
                        if (sweep < config.thermalize()) {
                            continue;
                        }
                        int o = (c * n + j) * row;
                        int t = (int) (sweep - config.thermalize());
                        System.arraycopy(host, o, field, 0, pointCount);
                        moments.addSample(firstChain + c, field);
                        action[c][t] = host[o + pointCount];
                        phi2[c][t] = field[0] * field[0];
                        accepted[c] += (long) host[o + pointCount + 1];
                    }
                }
            }
        }
        double[] tauAction = new double[chains];
        double[] tauPhi2 = new double[chains];
        for (int c = 0; c < chains; c++) {
            tauAction[c] = interacting ? GammaMethod.analyze(action[c]).tauInt() : Double.NaN;
            tauPhi2[c] = GammaMethod.analyze(phi2[c]).tauInt();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        Provenance provenance = new Provenance(backend.name(), backend.device().toString(), config.seed(),
                moments.totalCount(), config.sweeps(), count == 1 ? chains + " chains"
                : "chains " + firstChain + ".." + (firstChain + chains - 1) + " (shard " + index + "/" + count + ")",
                seconds);
        return new McmcChains(moments, accepted, tauAction, tauPhi2).result(config, provenance);
    }
}
