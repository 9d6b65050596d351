package org.nnft.spark;

import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.theory.Activation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The inputs of {@code nnft ensemble} as a serialisable value that Spark ships to its tasks (an
 * {@link EnsembleConfig} holds architecture objects that never travel; each task rebuilds the same config from
 * this). The fields and their JSON names are those of the command line's result file, so {@code nnft merge} reads
 * what {@link SparkMain} writes.
 *
 * @param arch      cos | cauchy | gauss | erf | relu
 * @param points    the points (each of length dim)
 * @param bins      jackknife bins J; 0 for the default
 */
public record EnsembleSpec(String arch, int dim, int width, int outputs, long networks, double mass, double cutoff,
                           double sigmaA, double sigmaW, double sigmaB, double[][] points, int order, int blockSize,
                           int bins, long seed) implements EnsembleSource {

    /** The command line's default points 0, 0.25, 0.5, 1, 1.5, 2 along the first axis. */
    public static double[][] defaultPoints(int dim) {
        double[] t = {0, 0.25, 0.5, 1, 1.5, 2};
        double[][] p = new double[t.length][dim];
        for (int i = 0; i < t.length; i++) {
            p[i][0] = t[i];
        }
        return p;
    }

    /** The architecture of these inputs (as {@code nnft ensemble} builds it). */
    public Architecture architecture() {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "cos" -> CosNet.freeScalar(dim, mass, cutoff, sigmaA, width);
            case "cauchy" -> {
                if (dim != 1) {
                    throw new IllegalArgumentException("--dim: the Cauchy cos-net is 1-dimensional, got " + dim);
                }
                yield CosNet.cauchy(mass, sigmaA, width);
            }
            case "gauss", "erf", "relu" -> new ShallowNetwork(Activation.valueOf(arch.toUpperCase(Locale.ROOT)), dim,
                    outputs, width, sigmaW, sigmaB);
            default -> throw new IllegalArgumentException("--arch: unknown architecture '" + arch
                    + "' (known: cos, cauchy, gauss, erf, relu)");
        };
    }

    /** Jackknife bins of the run: {@link #bins} or the command line's default. */
    public int effectiveBins() {
        return bins != 0 ? bins : EnsembleConfig.defaultJackknifeBins(networks, blockSize);
    }

    @Override
    public EnsembleConfig config() {
        if (order != 2 && order != 4 && order != 6) {
            throw new IllegalArgumentException("--order must be 2, 4 or 6, got " + order);
        }
        return EnsembleConfig.builder(architecture(), points).maxOrder(order).networks(networks)
                .blockSize(blockSize).seed(seed).jackknifeBins(effectiveBins()).build();
    }

    /** The {@code config} object of the result file, without {@code shard} and {@code backend}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", arch);
        m.put("dim", dim);
        m.put("width", width);
        m.put("outputs", outputs);
        m.put("networks", networks);
        m.put("mass", mass);
        m.put("cutoff", cutoff);
        m.put("sigmaA", sigmaA);
        m.put("sigmaW", sigmaW);
        m.put("sigmaB", sigmaB);
        m.put("points", points);
        m.put("order", order);
        m.put("blockSize", blockSize);
        m.put("bins", effectiveBins());
        m.put("seed", seed);
        return m;
    }
}
