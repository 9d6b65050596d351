package org.nnft.ensemble;

import org.nnft.engine.Backend;
import org.nnft.engine.run.Cancellation;
import org.nnft.engine.run.ProgressListener;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.Tuples;
import org.nnft.theory.NonGaussianity;
import org.nnft.theory.PowerLawFit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The same ensemble at several widths N, and its non-Gaussianity m_n = |G_n - G_n^GP| / G_n^GP
 * (docs/physics.md A.1, arXiv:2008.08601) against N: averaged over the order-n tuples whose Wick prediction
 * G_n^GP is at least {@value #MIN_RELATIVE_GP} of the largest (tuples where G^GP nearly cancels would
 * dominate the average with noise), with error the mean of the tuples' errors (an upper bound: the tuples'
 * errors are positively correlated), and a weighted power-law fit of m_n against N (slope -1 expected for
 * n = 4 and 6). m_4 is measured for tuple order 4, m_4 and m_6 for order 6.
 */
public final class WidthScan {
    /** Tuples enter m_n when |G^GP| is at least this fraction of the largest |G^GP| of their order. */
    public static final double MIN_RELATIVE_GP = 0.1;

    /** m_n of one run, with its error. */
    public record Mn(int order, double value, double error) {
    }

    /** One width's run and its m_n, one per measured order. */
    public record WidthRun(int width, EnsembleResult result, List<Mn> nonGaussianity) {
    }

    /** m_n of one order at every width, and its power-law fit against N. */
    public record Fit(int order, double[] widths, double[] mn, double[] error, PowerLawFit fit) {
    }

    /** The runs in the order of the widths, and one fit per measured order. */
    public record Result(List<WidthRun> runs, List<Fit> fits) {
    }

    private WidthScan() {
    }

    /** The orders n of m_n measured for tuples up to {@code maxOrder}: 4, and 6 when it is at least 6. */
    public static List<Integer> orders(int maxOrder) {
        if (maxOrder < 4) {
            throw new IllegalArgumentException("order must be 4 or 6 for m_n, got " + maxOrder);
        }
        return maxOrder >= 6 ? List.of(4, 6) : List.of(4);
    }

    /**
     * Samples {@code configAtWidth.apply(N)} for every N of {@code widths} (at least 2, all positive) with
     * {@link EnsembleRun#sample}, measures m_n and fits them. All configurations are built (and so checked)
     * before any sampling.
     *
     * @param progress told the networks done over the whole scan after every bin; may be null
     * @param cancel   checked before every bin of every width; may be null
     */
    public static Result run(IntFunction<EnsembleConfig> configAtWidth, List<Integer> widths, Backend backend,
                             ProgressListener progress, Cancellation cancel) {
        if (widths.size() < 2 || widths.stream().anyMatch(n -> n == null || n < 1)) {
            throw new IllegalArgumentException("widths: at least 2 positive widths are needed, got " + widths);
        }
        List<EnsembleConfig> configs = new ArrayList<>();
        long total = 0;
        for (int n : widths) {
            EnsembleConfig c = configAtWidth.apply(n);
            configs.add(c);
            total += EnsembleRun.networksOfShard(c);
        }
        List<Integer> orders = orders(configs.get(0).tuples().maxOrder());
        ProgressListener listener = ProgressListener.orNone(progress);
        List<WidthRun> runs = new ArrayList<>();
        long offset = 0;
        for (int w = 0; w < widths.size(); w++) {
            long before = offset;
            long all = total;
            EnsembleResult r = EnsembleRun.sample(configs.get(w), backend,
                    (done, shard) -> listener.progress(before + done, all), cancel);
            offset += EnsembleRun.networksOfShard(configs.get(w));
            List<Mn> mn = new ArrayList<>();
            for (int order : orders) {
                mn.add(nonGaussianity(r, order));
            }
            runs.add(new WidthRun(widths.get(w), r, List.copyOf(mn)));
        }
        double[] n = widths.stream().mapToDouble(Integer::doubleValue).toArray();
        List<Fit> fits = new ArrayList<>();
        for (int k = 0; k < orders.size(); k++) {
            double[] mn = new double[n.length];
            double[] err = new double[n.length];
            for (int w = 0; w < n.length; w++) {
                mn[w] = runs.get(w).nonGaussianity().get(k).value();
                err[w] = runs.get(w).nonGaussianity().get(k).error();
            }
            fits.add(new Fit(orders.get(k), n, mn, err, PowerLawFit.fit(n, mn, err)));
        }
        return new Result(List.copyOf(runs), List.copyOf(fits));
    }

    /** m_n of one run: the tuples of order n with a clear Gaussian prediction, averaged. */
    public static Mn nonGaussianity(EnsembleResult r, int order) {
        Tuples t = r.tuples();
        CorrelatorEstimates e = r.estimates();
        Architecture arch = r.config().architecture();
        int outputs = arch.outputDimension();
        double[][] pts = r.points();
        List<double[]> rows = new ArrayList<>();                 // {measured, gp, error}
        double largest = 0;
        for (int i = 0; i < t.size(); i++) {
            int[] s = t.tuple(i);
            if (s.length != order) {
                continue;
            }
            double gp = NonGaussianity.gaussianPrediction(order,
                    (a, b) -> arch.twoPoint(pts[s[a] / outputs], s[a] % outputs, pts[s[b] / outputs], s[b] % outputs));
            largest = Math.max(largest, Math.abs(gp));
            rows.add(new double[]{e.moment(i), gp, e.momentError(i)});
        }
        double sum = 0;
        double errorSum = 0;
        int used = 0;
        for (double[] row : rows) {
            if (Math.abs(row[1]) >= MIN_RELATIVE_GP * largest && largest > 0) {
                sum += NonGaussianity.relativeDeviation(row[0], row[1]);
                errorSum += row[2] / Math.abs(row[1]);
                used++;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("points: no tuple of order " + order
                    + " has a non-zero Gaussian prediction");
        }
        return new Mn(order, sum / used, errorSum / used);
    }
}
