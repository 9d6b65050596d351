package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.engine.Backend;
import org.nnft.ensemble.EmpiricalNtk;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.EmpiricalNtkKernel;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.JackknifeResult;
import org.nnft.theory.Parameterization;
import org.nnft.theory.PowerLawFit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The empirical column of {@code nnft ntk --networks M} (docs/ntk.md section 6): M sampled networks of the
 * architecture at the command's width (and at every {@code --widths} value), their mean tangent kernel with
 * jackknife errors and the network-to-network variance of Theta per point pair, and, with two or more
 * widths, the fitted power of Var[Theta] in N per pair ({@link PowerLawFit}).
 *
 * @param width       the width of the theory column
 * @param measured    one measurement per width, widths increasing
 * @param widths      the widths measured
 * @param k           {@link EmpiricalNtk#STANDARD} or {@link EmpiricalNtk#NTK}
 * @param backendName the backend that sampled
 * @param seconds     wall seconds of the sampling
 */
record EmpiricalNtkColumn(int width, List<EmpiricalNtk> measured, int[] widths, int k, String backendName,
                          double seconds) {

    /** Jackknife bins (fewer when there are fewer blocks). */
    private static final int BINS = 32;

    /**
     * Samples {@code options.networks} networks per width.
     *
     * @param arch         relu | erf | gauss | cos | cauchy, as validated by the command
     */
    static EmpiricalNtkColumn measure(EmpiricalNtkOptions options, String arch, int dim, int width, double sigmaW,
                                      double sigmaB, double mass, double cutoff, double sigmaA, Parameterization p,
                                      double[][] points) {
        long m = options.networks;
        if (m < 2 || m >= 1L << 40) {
            throw new IllegalArgumentException("--networks must be in [2, 2^40), got " + m);
        }
        if (points.length > EmpiricalNtkKernel.MAX_POINTS) {
            throw new IllegalArgumentException("--networks: at most " + EmpiricalNtkKernel.MAX_POINTS
                    + " points for the empirical NTK, got " + points.length);
        }
        TreeSet<Integer> set = new TreeSet<>();
        set.add(width);
        if (options.widths != null) {
            for (int w : options.widths) {
                if (w < 1) {
                    throw new IllegalArgumentException("--widths must be >= 1, got " + w);
                }
                set.add(w);
            }
        }
        int[] widths = set.stream().mapToInt(Integer::intValue).toArray();
        int blockSize = (int) Math.max(1, Math.min(64, m / BINS));
        long blocks = (m + blockSize - 1) / blockSize;
        int bins = (int) Math.min(BINS, blocks);
        long start = System.nanoTime();
        List<EmpiricalNtk> measured = new ArrayList<>();
        String backendName;
        try (Backend backend = BackendChoice.open(options.backend, options.threads, null)) {
            backendName = backend.name();
            for (int w : widths) {
                Architecture a = architecture(arch, dim, w, sigmaW, sigmaB, mass, cutoff, sigmaA);
                measured.add(EmpiricalNtk.measure(a, points, m, blockSize, bins, options.seed, backend));
            }
        }
        int k = p == Parameterization.STANDARD ? EmpiricalNtk.STANDARD : EmpiricalNtk.NTK;
        return new EmpiricalNtkColumn(width, measured, widths, k, backendName, (System.nanoTime() - start) * 1e-9);
    }

    private static Architecture architecture(String arch, int dim, int width, double sigmaW, double sigmaB,
                                             double mass, double cutoff, double sigmaA) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "cos" -> CosNet.freeScalar(dim, mass, cutoff, sigmaA, width);
            case "cauchy" -> CosNet.cauchy(mass, sigmaA, width);
            default -> ShallowNetwork.scalar(Activation.valueOf(arch.toUpperCase(Locale.ROOT)), dim, width, sigmaW,
                    sigmaB);
        };
    }

    /** The measurement at the theory column's width. */
    EmpiricalNtk atWidth() {
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] == width) {
                return measured.get(i);
            }
        }
        throw new IllegalStateException("width " + width + " not measured");
    }

    /** The empirical entry of pair (i, j): {mean, error, variance, varianceError}. */
    Map<String, Object> entry(int i, int j) {
        EmpiricalNtk e = atWidth();
        int q = pairIndex(e.pointCount(), i, j);
        JackknifeResult mean = e.mean(k, q);
        JackknifeResult variance = e.variance(k, q);
        return Json.object("mean", mean.value(), "error", mean.error(), "variance", variance.value(),
                "varianceError", variance.error());
    }

    /** The fit of Var[Theta] against N for pair (i, j), or null with fewer than two widths. */
    PowerLawFit slope(int i, int j) {
        if (widths.length < 2) {
            return null;
        }
        int q = pairIndex(measured.getFirst().pointCount(), i, j);
        double[] x = new double[widths.length];
        double[] y = new double[widths.length];
        double[] dy = new double[widths.length];
        for (int w = 0; w < widths.length; w++) {
            JackknifeResult v = measured.get(w).variance(k, q);
            x[w] = widths[w];
            y[w] = v.value();
            dy[w] = v.error();
        }
        for (int w = 0; w < widths.length; w++) {
            if (!(y[w] > 0) || !(dy[w] > 0)) {
                return null;
            }
        }
        return PowerLawFit.fit(x, y, dy);
    }

    /** results.empirical: the run's size and, per width and pair, the variance; the slopes with several widths. */
    Map<String, Object> summary() {
        EmpiricalNtk e = atWidth();
        List<Object> perWidth = new ArrayList<>();
        for (int w = 0; w < widths.length; w++) {
            List<Object> pairs = new ArrayList<>();
            EmpiricalNtk m = measured.get(w);
            for (int q = 0; q < m.pairCount(); q++) {
                JackknifeResult mean = m.mean(k, q);
                JackknifeResult v = m.variance(k, q);
                pairs.add(Json.object("points", m.pair(q), "mean", Json.valueError(mean.value(), mean.error()),
                        "variance", Json.valueError(v.value(), v.error())));
            }
            perWidth.add(Json.object("width", widths[w], "pairs", pairs));
        }
        Map<String, Object> s = Json.object("networks", e.networks(), "bins", e.binCounts().length,
                "backend", backendName, "seconds", seconds, "widths", perWidth);
        if (widths.length >= 2) {
            List<Object> slopes = new ArrayList<>();
            for (int q = 0; q < e.pairCount(); q++) {
                int[] pr = e.pair(q);
                PowerLawFit fit = slope(pr[0], pr[1]);
                slopes.add(fit == null ? Json.object("points", pr, "slope", Double.NaN)
                        : Json.object("points", pr, "slope", fit.slope(), "error", fit.slopeError(),
                        "chiSquarePerDegree", fit.chiSquarePerDegree()));
            }
            s.put("varianceSlope", slopes);
        }
        return s;
    }

    private static int pairIndex(int pointCount, int i, int j) {
        int q = 0;
        for (int p = 0; p < pointCount; p++) {
            for (int r = p; r < pointCount; r++) {
                if (p == i && r == j) {
                    return q;
                }
                q++;
            }
        }
        throw new IllegalArgumentException("no pair " + i + ", " + j);
    }
}
