package org.nnft.ensemble;

import org.nnft.ensemble.arch.Architecture;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.CorrelatorEstimator;
import org.nnft.stats.Tuples;
import org.nnft.stats.ValueWithError;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moments and connected correlators of every tuple with jackknife errors (over the jackknife bins),
 * the architecture's exact values where known, and provenance. Built from one sample or from the
 * shards of one run, which merge exactly.
 *
 * <p>Theory values (connected correlators): 0 for odd orders (every architecture here has
 * symmetric output weights), {@link Architecture#twoPoint} for order 2,
 * {@link Architecture#connectedFourPoint} for order 4 and {@link Architecture#connectedSixPoint} for
 * order 6 (NaN where unknown).
 */
public final class EnsembleResult {
    private final EnsembleConfig config;
    private final BlockMoments moments;
    private final CorrelatorEstimates estimates;
    private final Provenance provenance;
    private final double[] theory;
    private final boolean[] theoryKnown;

    private EnsembleResult(EnsembleConfig config, BlockMoments moments, Provenance provenance) {
        this.config = config;
        this.moments = moments;
        this.estimates = CorrelatorEstimator.estimate(moments);
        this.provenance = provenance;
        this.theory = new double[moments.tuples().size()];
        this.theoryKnown = new boolean[theory.length];
    }

    /** The estimate from one sample. */
    public static EnsembleResult of(EnsembleSample sample) {
        return of(List.of(sample));
    }

    /**
     * The estimate from shards of one run (same configuration but for the shard; disjoint shards).
     * All shards of a run give exactly (bit for bit) the one-run sums.
     */
    public static EnsembleResult of(List<EnsembleSample> samples) {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("samples must hold at least one sample");
        }
        EnsembleConfig first = samples.get(0).config();
        BlockMoments merged = new BlockMoments(first.tuples());
        Set<String> backends = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        Set<Integer> shards = new TreeSet<>();
        double seconds = 0;
        for (EnsembleSample s : samples) {
            EnsembleConfig c = s.config();
            if (!sameRun(first, c)) {
                throw new IllegalArgumentException("samples must be shards of one run (same architecture, points, "
                        + "tuples, networks, block size, seed and bins)");
            }
            if (!shards.add(c.shardIndex())) {
                throw new IllegalArgumentException("samples: shard " + c.shardIndex() + " appears twice");
            }
            merged.merge(s.moments());
            backends.add(s.provenance().backend());
            devices.add(s.provenance().device());
            seconds += s.provenance().wallSeconds();
        }
        String shardText = shards.size() == first.shardCount() ? "all " + first.shardCount()
                : shards + "/" + first.shardCount();
        Provenance p = new Provenance(String.join("+", backends), String.join("; ", devices), first.seed(),
                merged.totalCount(), first.blockSize(), shardText, seconds);
        return new EnsembleResult(first, merged, p);
    }

    private static boolean sameRun(EnsembleConfig a, EnsembleConfig b) {
        return a.architecture().equals(b.architecture()) && Arrays.deepEquals(a.points(), b.points())
                && a.tuples().equals(b.tuples()) && a.networks() == b.networks() && a.blockSize() == b.blockSize()
                && a.seed() == b.seed() && a.jackknifeBins() == b.jackknifeBins() && a.shardCount() == b.shardCount();
    }

    /** The run's configuration (of its first shard). */
    public EnsembleConfig config() {
        return config;
    }

    /** The points (a copy). */
    public double[][] points() {
        return config.points();
    }

    public Tuples tuples() {
        return moments.tuples();
    }

    /** The merged per-bin sums (the sufficient statistics). */
    public BlockMoments moments() {
        return moments;
    }

    /** All moments and connected correlators with errors, indexed like {@link #tuples()}. */
    public CorrelatorEstimates estimates() {
        return estimates;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** The estimate of the tuple of sites (any order; it must be in the tuple set). */
    public Correlator correlator(int... sites) {
        int i = tuples().requireIndexOf(sites);
        return new Correlator(tuples().tuple(i), new ValueWithError(estimates.moment(i), estimates.momentError(i)),
                new ValueWithError(estimates.connected(i), estimates.connectedError(i)), theory(i));
    }

    /** The estimate of the tuple of points, all of output component 0 (scalar fields). */
    public Correlator atPoints(int... points) {
        int outputs = config.architecture().outputDimension();
        int[] sites = new int[points.length];
        for (int j = 0; j < points.length; j++) {
            sites[j] = points[j] * outputs;
        }
        return correlator(sites);
    }

    /** Exact connected correlator of tuple index {@code i} (computed on first use), NaN where unknown. */
    public synchronized double theory(int i) {
        if (!theoryKnown[i]) {
            theory[i] = computeTheory(tuples().tuple(i));
            theoryKnown[i] = true;
        }
        return theory[i];
    }

    /**
     * The full (not connected) moment of tuple index {@code i} from theory, where the connected parts are known:
     * 0 for odd orders, the 2-pt function for order 2, and for order 4 Wick's theorem,
     * {@code G4 = G4c(1234) + G2(12) G2(34) + G2(13) G2(24) + G2(14) G2(23)}; NaN otherwise (order 6).
     */
    public double momentTheory(int i) {
        int[] s = tuples().tuple(i);
        return switch (s.length) {
            case 1, 3, 5 -> 0.0;
            case 2 -> theory(i);
            case 4 -> theory(i) + twoPointTheory(s[0], s[1]) * twoPointTheory(s[2], s[3])
                    + twoPointTheory(s[0], s[2]) * twoPointTheory(s[1], s[3])
                    + twoPointTheory(s[0], s[3]) * twoPointTheory(s[1], s[2]);
            default -> Double.NaN;
        };
    }

    private double twoPointTheory(int a, int b) {
        return theory(tuples().requireIndexOf(a, b));
    }

    private double computeTheory(int[] sites) {
        Architecture arch = config.architecture();
        int outputs = arch.outputDimension();
        double[][] pts = new double[sites.length][];
        int[] comps = new int[sites.length];
        double[][] all = config.points();
        for (int j = 0; j < sites.length; j++) {
            pts[j] = all[sites[j] / outputs];
            comps[j] = sites[j] % outputs;
        }
        return switch (sites.length) {
            case 1, 3, 5 -> 0.0;
            case 2 -> arch.twoPoint(pts[0], comps[0], pts[1], comps[1]);
            case 4 -> arch.connectedFourPoint(pts, comps);
            case 6 -> arch.connectedSixPoint(pts, comps);
            default -> Double.NaN;
        };
    }
}
