package org.nnft.ensemble.couplings;

import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.Tuples;
import org.nnft.stats.VectorJackknife;
import org.nnft.theory.CutoffVertexIntegrals;
import org.nnft.theory.Pairings;
import org.nnft.theory.PowerLawFit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;

/**
 * From measured correlators back to a local quartic coupling (arXiv:2008.08601 sections 3.2-3.3,
 * docs/couplings.md). For input-space cutoffs L and every 4-tuple of points
 * <pre>
 *   lambda(x1..x4; L) = -(G4 - G4_GP) / I4,   I4 = int_{[-L, L]^d} d^dx prod_i Kt(x, x_i)
 * </pre>
 * with G4 the measured full moment, G4_GP the Wick sum of the exact kernel K and Kt = K - sigma_b^2 the
 * kernel without the output bias. lambda is in nnft's deformation convention S_int = (lambda/4!) int phi^4;
 * 2008.08601's S_int = lambda' int phi^4 has lambda' = lambda / 24. With 6-point moments, the first-order
 * prediction
 * <pre>
 *   G6_pred = G6_GP - lambda_mean(L) sum_15 I(x_a..x_d) K(x_e, x_f)
 * </pre>
 * (the 15 splits of 6 points into 4 + 2) and the tuple-averaged ratios G6_GP/G6, G6_pred/G6. All
 * errors are delete-one-bin jackknife errors: the whole chain (coupling per tuple, its tuple average,
 * the prediction with that average, the ratios and their averages) is evaluated once per
 * leave-one-bin-out set of moments. Scalar fields only; the box integrals are
 * {@link CutoffVertexIntegrals}' (d = 1 and its tensor-product rule in d &gt; 1).
 */
public final class QuarticCouplings {

    /** The convention, as stated in result files. */
    public static final String CONVENTION = "S_int = (lambda/4!) int d^dx phi^4 (nnft deformation convention); "
            + "arXiv:2008.08601 writes S_int = lambda' int d^dx phi^4, lambda' = lambda/24";

    private final double[][] points;
    private final Tuples tuples;
    private final double[] cutoffs;
    private final int[] fourTuples;     // tuple indices of order 4
    private final int[] sixTuples;      // tuple indices of order 6
    private final double[] wick4;       // G4_GP per 4-tuple
    private final double[] wick6;       // G6_GP per 6-tuple
    private final double[][] vertex;    // [cutoff][4-tuple] I4
    private final double[][] split;     // [cutoff][6-tuple] sum_15 I(abcd) K(e,f)

    /**
     * @param points       the M points of a one-dimensional input space
     * @param tuples       the measured tuple set (of point indices; order at least 4)
     * @param kernel       the exact 2-point function K(x, y)
     * @param biasVariance sigma_b^2 of a Gaussian output bias (0 for none): Kt = K - sigma_b^2
     * @param cutoffs      input-space cutoffs L &gt; 0
     */
    public QuarticCouplings(double[] points, Tuples tuples, DoubleBinaryOperator kernel, double biasVariance,
                            double[] cutoffs) {
        this(column(points), tuples, kernel == null ? null : (x, y) -> kernel.applyAsDouble(x[0], y[0]),
                biasVariance, cutoffs);
    }

    /**
     * @param points       the M points of a d-dimensional input space (each of length d &gt;= 1)
     * @param tuples       the measured tuple set (of point indices; order at least 4)
     * @param kernel       the exact 2-point function K(x, y)
     * @param biasVariance sigma_b^2 of a Gaussian output bias (0 for none): Kt = K - sigma_b^2
     * @param cutoffs      input-space cutoffs L &gt; 0: the box [-L, L]^d
     */
    public QuarticCouplings(double[][] points, Tuples tuples, ToDoubleBiFunction<double[], double[]> kernel,
                            double biasVariance, double[] cutoffs) {
        if (points == null || tuples == null || kernel == null || cutoffs == null || cutoffs.length == 0) {
            throw new IllegalArgumentException("points, tuples, kernel and at least one cutoff are required");
        }
        if (tuples.pointCount() != points.length) {
            throw new IllegalArgumentException("tuples are over " + tuples.pointCount() + " points, got "
                    + points.length + " points");
        }
        if (tuples.maxOrder() < 4) {
            throw new IllegalArgumentException("the result has no 4-point moments (order " + tuples.maxOrder() + ")");
        }
        for (double c : cutoffs) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("cutoffs must be positive and finite, got " + c);
            }
        }
        this.points = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            this.points[i] = points[i].clone();
        }
        this.tuples = tuples;
        this.cutoffs = cutoffs.clone();
        int m = points.length;
        double[][] k = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                k[i][j] = kernel.applyAsDouble(this.points[i], this.points[j]);
            }
        }
        this.fourTuples = ofOrder(tuples, 4);
        this.sixTuples = ofOrder(tuples, 6);
        wick4 = new double[fourTuples.length];
        int[][] four = new int[fourTuples.length][];
        for (int t = 0; t < fourTuples.length; t++) {
            int[] s = tuples.tuple(fourTuples[t]);
            four[t] = s;
            wick4[t] = Pairings.wickSum(4, (a, b) -> k[s[a]][s[b]]);
        }
        wick6 = new double[sixTuples.length];
        for (int t = 0; t < sixTuples.length; t++) {
            int[] s = tuples.tuple(sixTuples[t]);
            wick6[t] = Pairings.wickSum(6, (a, b) -> k[s[a]][s[b]]);
        }
        vertex = new double[cutoffs.length][];
        split = new double[cutoffs.length][sixTuples.length];
        double[][] pts = this.points;
        CutoffVertexIntegrals.PointKernelD truncated =
                (x, j) -> kernel.applyAsDouble(x, pts[j]) - biasVariance;
        int[] fourPosition = new int[tuples.size()];
        Arrays.fill(fourPosition, -1);
        for (int t = 0; t < fourTuples.length; t++) {
            fourPosition[fourTuples[t]] = t;
        }
        for (int c = 0; c < cutoffs.length; c++) {
            vertex[c] = CutoffVertexIntegrals.integrals(truncated, pts, four, cutoffs[c]);
            for (int t = 0; t < sixTuples.length; t++) {
                int[] s = tuples.tuple(sixTuples[t]);
                double sum = 0;
                for (int e = 0; e < 6; e++) {
                    for (int f = e + 1; f < 6; f++) {
                        int[] rest = new int[4];
                        int r = 0;
                        for (int q = 0; q < 6; q++) {
                            if (q != e && q != f) {
                                rest[r++] = s[q];
                            }
                        }
                        sum += vertex[c][fourPosition[tuples.requireIndexOf(rest)]] * k[s[e]][s[f]];
                    }
                }
                split[c][t] = sum;
            }
        }
    }

    private static double[][] column(double[] points) {
        if (points == null) {
            return null;
        }
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new double[]{points[i]};
        }
        return out;
    }

    /**
     * The analysis of an ensemble of {@code architecture} at {@code points} (scalar output, any d):
     * K its exact 2-point function, sigma_b^2 the output-bias variance of the Gauss/Erf/ReLU nets.
     */
    public static QuarticCouplings of(Architecture architecture, double[][] points, Tuples tuples, double[] cutoffs) {
        if (architecture.outputDimension() != 1) {
            throw new IllegalArgumentException("couplings need a scalar field (1 output), got "
                    + architecture.outputDimension() + " outputs");
        }
        int d = architecture.inputDimension();
        for (double[] p : points) {
            if (p.length != d) {
                throw new IllegalArgumentException("points must have the architecture's dimension d = " + d
                        + ", got " + p.length);
            }
        }
        double bias = architecture instanceof ShallowNetwork s ? s.sigmaB() * s.sigmaB() : 0.0;
        return new QuarticCouplings(points, tuples, (a, b) -> architecture.twoPoint(a, 0, b, 0), bias, cutoffs);
    }

    public double[] cutoffs() {
        return cutoffs.clone();
    }

    public boolean hasSixPoint() {
        return sixTuples.length > 0;
    }

    /** The 4-tuples (point indices) in the order of the per-tuple couplings. */
    public int[][] fourTuples() {
        int[][] out = new int[fourTuples.length][];
        for (int t = 0; t < out.length; t++) {
            out[t] = tuples.tuple(fourTuples[t]);
        }
        return out;
    }

    /** I4 of the 4-tuples at cutoff number c. */
    public double[] vertexIntegrals(int c) {
        return vertex[c].clone();
    }

    private int stride() {
        return fourTuples.length + 3;
    }

    /**
     * Every estimate as a function of the moments (indexed like the tuple set): per cutoff c, at
     * c * (F + 3), the F per-tuple couplings, their mean (over tuples with I4 != 0), the mean of
     * G6_GP/G6 and the mean of G6_pred/G6 (NaN without 6-point moments).
     */
    public double[] evaluate(double[] moments) {
        if (moments.length != tuples.size()) {
            throw new IllegalArgumentException("moments must have " + tuples.size() + " entries");
        }
        double[] out = new double[cutoffs.length * stride()];
        for (int c = 0; c < cutoffs.length; c++) {
            int base = c * stride();
            double sum = 0;
            int used = 0;
            for (int t = 0; t < fourTuples.length; t++) {
                double i4 = vertex[c][t];
                double lambda = i4 == 0 ? Double.NaN : -(moments[fourTuples[t]] - wick4[t]) / i4;
                out[base + t] = lambda;
                if (i4 != 0) {
                    sum += lambda;
                    used++;
                }
            }
            double mean = used == 0 ? Double.NaN : sum / used;
            out[base + fourTuples.length] = mean;
            double gp = 0, pred = 0;
            int six = 0;
            for (int t = 0; t < sixTuples.length; t++) {
                double g6 = moments[sixTuples[t]];
                if (g6 == 0 || wick6[t] == 0) {
                    continue;
                }
                gp += wick6[t] / g6;
                pred += (wick6[t] - mean * split[c][t]) / g6;
                six++;
            }
            out[base + fourTuples.length + 1] = six == 0 ? Double.NaN : gp / six;
            out[base + fourTuples.length + 2] = six == 0 ? Double.NaN : pred / six;
        }
        return out;
    }

    /** The analysis of measured moments, with jackknife errors over the bins. */
    public Result analyse(BlockMoments moments) {
        if (!moments.tuples().equals(tuples)) {
            throw new IllegalArgumentException("the block sums are over a different tuple set");
        }
        BlockMoments.Data data = moments.toData();
        VectorJackknife.Result r = VectorJackknife.estimate(data.counts(), data.sums(), this::evaluate);
        Result result = result(r.value(), r.error());
        Fit f = result.fit();
        if (f == null || cutoffs.length < 2) {
            return result;
        }
        // The cutoffs share one set of moments, so their couplings are correlated: the jackknife of the
        // slope (same weights in every leave-one-out fit) accounts for that, the weighted-fit error does not.
        double[] weights = new double[cutoffs.length];
        for (int c = 0; c < cutoffs.length; c++) {
            QuarticCouplings.Estimate m = result.quartic().get(c).mean();
            double rel = m.error() / Math.abs(m.value());
            weights[c] = rel > 0 ? 1 / (rel * rel) : 1;
        }
        int f4 = fourTuples.length;
        VectorJackknife.Result slope = VectorJackknife.estimate(data.counts(), data.sums(), means -> {
            double[] v = evaluate(means);
            double[] y = new double[cutoffs.length];
            for (int c = 0; c < cutoffs.length; c++) {
                y[c] = Math.log(Math.abs(v[c * stride() + f4]));
            }
            return new double[]{weightedSlope(cutoffs, y, weights)};
        });
        return new Result(result.quartic(), result.sixPoint(),
                new Fit(f.slope(), f.slopeError(), slope.error()[0], f.amplitude(), f.chiSquarePerDegree()));
    }

    private static double weightedSlope(double[] x, double[] y, double[] w) {
        double sw = 0, su = 0, sv = 0;
        for (int i = 0; i < x.length; i++) {
            sw += w[i];
            su += w[i] * Math.log(x[i]);
            sv += w[i] * y[i];
        }
        double suu = 0, suv = 0;
        for (int i = 0; i < x.length; i++) {
            double du = Math.log(x[i]) - su / sw;
            suu += w[i] * du * du;
            suv += w[i] * du * (y[i] - sv / sw);
        }
        return suv / suu;
    }

    /** The analysis of exact (error-free) moments, e.g. the finite-width theory. */
    public Result exact(double[] moments) {
        double[] v = evaluate(moments);
        return result(v, new double[v.length]);
    }

    private Result result(double[] value, double[] error) {
        List<CutoffCoupling> quartic = new ArrayList<>();
        List<SixPoint> six = new ArrayList<>();
        int f = fourTuples.length;
        for (int c = 0; c < cutoffs.length; c++) {
            int base = c * stride();
            List<TupleCoupling> perTuple = new ArrayList<>();
            for (int t = 0; t < f; t++) {
                perTuple.add(new TupleCoupling(tuples.tuple(fourTuples[t]),
                        new Estimate(value[base + t], error[base + t])));
            }
            quartic.add(new CutoffCoupling(cutoffs[c], new Estimate(value[base + f], error[base + f]), perTuple));
            if (hasSixPoint()) {
                six.add(new SixPoint(cutoffs[c], new Estimate(value[base + f + 1], error[base + f + 1]),
                        new Estimate(value[base + f + 2], error[base + f + 2])));
            }
        }
        return new Result(quartic, six, fit(quartic));
    }

    /** Weighted fit of log|lambda_mean| against log L; null with fewer than 2 distinct cutoffs or mixed signs. */
    static Fit fit(List<CutoffCoupling> quartic) {
        int n = quartic.size();
        double[] x = new double[n], y = new double[n], e = new double[n];
        boolean errors = true;
        double sign = Math.signum(quartic.get(0).mean().value());
        for (int i = 0; i < n; i++) {
            CutoffCoupling c = quartic.get(i);
            x[i] = c.cutoff();
            y[i] = Math.abs(c.mean().value());
            e[i] = c.mean().error();
            if (Math.signum(c.mean().value()) != sign || !(y[i] > 0) || Double.isInfinite(y[i])) {
                return null;
            }
            errors &= e[i] > 0 && Double.isFinite(e[i]);
        }
        if (Arrays.stream(x).distinct().count() < 2) {
            return null;
        }
        // without errors (exact moments): equal weights, and no error of the slope
        PowerLawFit p = PowerLawFit.fit(x, y, errors ? e : y);
        return new Fit(p.slope(), errors ? p.slopeError() : Double.NaN, Double.NaN, sign * Math.exp(p.intercept()),
                errors ? p.chiSquarePerDegree() : Double.NaN);
    }

    private static int[] ofOrder(Tuples tuples, int order) {
        return IntStream.range(0, tuples.size()).filter(i -> tuples.order(i) == order).toArray();
    }

    /** A value with its standard error. */
    public record Estimate(double value, double error) {
    }

    /** lambda of one 4-tuple of point indices. */
    public record TupleCoupling(int[] points, Estimate lambda) {
    }

    /** All couplings at one cutoff and their tuple average. */
    public record CutoffCoupling(double cutoff, Estimate mean, List<TupleCoupling> tuples) {
    }

    /** The tuple-averaged ratios G6_GP/G6 and G6_pred/G6 at one cutoff. */
    public record SixPoint(double cutoff, Estimate gpRatio, Estimate predictedRatio) {
    }

    /**
     * lambda_mean = amplitude L^slope fitted on log|lambda_mean| (weighted by the jackknife errors).
     *
     * @param slopeError          the weighted fit's error, which treats the cutoffs as independent
     * @param slopeJackknifeError the jackknife error of the slope (the same fit on every leave-one-bin-out
     *                            set of moments), which accounts for the cutoffs sharing one ensemble; NaN
     *                            for exact moments
     * @param chiSquarePerDegree  NaN for 2 cutoffs
     */
    public record Fit(double slope, double slopeError, double slopeJackknifeError, double amplitude,
                      double chiSquarePerDegree) {
    }

    /**
     * The couplings per cutoff, the 6-point ratios per cutoff (empty without 6-point moments) and the fit (or null).
     */
    public record Result(List<CutoffCoupling> quartic, List<SixPoint> sixPoint, Fit fit) {
    }

    /**
     * The exactly solvable case (docs/couplings.md): a ReLU net in d = 1 without biases is linear in x on
     * x &gt; 0, f(x) = x Z, so lambda = -300 / (N sigma_W^8 L^5) for every tuple and
     * G6_GP/G6 = 1/(1 + 15/N + 44/N^2), G6_pred/G6 = (1 + 15/N)/(1 + 15/N + 44/N^2). Null unless the
     * architecture is that net with all points &gt; 0.
     */
    public static LinearRelu linearRelu(Architecture architecture, double[][] points) {
        if (!(architecture instanceof ShallowNetwork s) || s.activation() != Activation.RELU
                || s.inputDimension() != 1 || s.outputDimension() != 1 || s.sigmaB() != 0) {
            return null;
        }
        for (double[] p : points) {
            if (!(p[0] > 0)) {
                return null;
            }
        }
        return new LinearRelu(s.width(), s.sigmaW());
    }

    /** Theory values of the linear ReLU case. */
    public record LinearRelu(int width, double sigmaW) {
        public double lambda(double cutoff) {
            return -300.0 / (width * Math.pow(sigmaW, 8) * Math.pow(cutoff, 5));
        }

        public double slope() {
            return -5;
        }

        public double gpRatio() {
            double n = width;
            return 1 / (1 + 15 / n + 44 / (n * n));
        }

        public double predictedRatio() {
            double n = width;
            return (1 + 15 / n) / (1 + 15 / n + 44 / (n * n));
        }
    }
}
