package org.nnft.ensemble.couplings;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.Cumulants;
import org.nnft.stats.Tuples;
import org.nnft.stats.VectorJackknife;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The amputated connected 4-point vertex of measured correlators on the points of a one-dimensional
 * input space (docs/couplings.md):
 * <pre>
 *   V(y1..y4) = - sum_{x1..x4} G4_c(x1..x4) prod_i G2^-1(x_i, y_i) / (v_{y1} v_{y2} v_{y3} v_{y4})
 * </pre>
 * with G2 the measured connected 2-point matrix, G2^-1 its matrix inverse and v_y the cell volume
 * (length) of point y, so that V is the continuum kernel of the 1PI vertex: for a local interaction
 * S_int = (lambda/4!) int phi^4 at first order, V = lambda delta(y1-y2) delta(y1-y3) delta(y1-y4) and the
 * zero-momentum vertex int dy2 dy3 dy4 V(y1, y2, y3, y4) = lambda. Also the locality, the share of
 * sum |V v v v v| over ordered 4-tuples whose points lie within one cell spacing of each other. Errors
 * by the delete-one-bin jackknife (G2 is inverted once per leave-one-out set). An ill-conditioned
 * G2 (condition number above {@value #MAX_CONDITION}, or not positive definite) is refused with the
 * reason, e.g. the ReLU net without biases on x &gt; 0, whose G2 = x_i x_j E[Z^2] has rank 1.
 */
public final class AmputatedVertex {

    /** Largest G2 condition number that is inverted. */
    public static final double MAX_CONDITION = 1e8;

    private final double[] points;
    private final Tuples tuples;
    private final Cumulants cumulants;
    private final int[] fourTuples;
    private final double[] cell;
    private final double radius;
    private final int[][][][] index;   // tuple index of the sorted (a,b,c,d)

    /**
     * @param points the M &gt;= 2 distinct points of a one-dimensional input space
     * @param tuples the measured tuple set (of point indices; order at least 4)
     */
    public AmputatedVertex(double[] points, Tuples tuples) {
        if (tuples.maxOrder() < 4 || tuples.pointCount() != points.length || points.length < 2) {
            throw new IllegalArgumentException("the vertex needs 4-point moments of at least 2 points");
        }
        this.points = points.clone();
        this.tuples = tuples;
        this.cumulants = Cumulants.forTuples(tuples);
        this.fourTuples = IntStream.range(0, tuples.size()).filter(i -> tuples.order(i) == 4).toArray();
        int m = points.length;
        double[] sorted = points.clone();
        Arrays.sort(sorted);
        double maxGap = 0;
        for (int i = 1; i < m; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("the vertex needs distinct points");
            }
            maxGap = Math.max(maxGap, sorted[i] - sorted[i - 1]);
        }
        this.radius = maxGap * (1 + 1e-12);
        this.cell = new double[m];
        for (int i = 0; i < m; i++) {
            int k = Arrays.binarySearch(sorted, points[i]);
            double left = k > 0 ? sorted[k] - sorted[k - 1] : sorted[k + 1] - sorted[k];
            double right = k < m - 1 ? sorted[k + 1] - sorted[k] : sorted[k] - sorted[k - 1];
            cell[i] = 0.5 * (left + right);
        }
        index = new int[m][m][m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                for (int c = 0; c < m; c++) {
                    for (int d = 0; d < m; d++) {
                        int[] s = {a, b, c, d};
                        Arrays.sort(s);
                        index[a][b][c][d] = tuples.requireIndexOf(s);
                    }
                }
            }
        }
    }

    /** Cell lengths v_y (half the distance to each neighbour; the end cells mirrored). */
    public double[] cellVolumes() {
        return cell.clone();
    }

    /** Points closer than this (the largest neighbour spacing) count as "near the diagonal". */
    public double localityRadius() {
        return radius;
    }

    /** The connected 2-point matrix of the moments. */
    private double[][] twoPoint(double[] connected) {
        int m = points.length;
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                g[i][j] = connected[tuples.requireIndexOf(Math.min(i, j), Math.max(i, j))];
            }
        }
        return g;
    }

    /** Condition number |e|_max / |e|_min of a symmetric matrix; infinite unless positive definite. */
    public static double condition(double[][] g) {
        double[] e = new EigenDecomposition(new Array2DRowRealMatrix(g, false)).getRealEigenvalues();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (double v : e) {
            min = Math.min(min, v);
            max = Math.max(max, Math.abs(v));
        }
        return min > 0 ? max / min : Double.POSITIVE_INFINITY;
    }

    /**
     * V per 4-tuple (in {@link #fourTuples()} order), then the locality and the zero-momentum vertex,
     * as a function of the moments (indexed like the tuple set).
     */
    public double[] evaluate(double[] moments) {
        double[] connected = cumulants.fromMoments(moments);
        return amputate(connected, twoPoint(connected));
    }

    /**
     * The same values as {@link #evaluate} for given connected 4-point functions (indexed like the tuple set;
     * entries of other orders are ignored) amputated with a given 2-point matrix {@code g2} (M x M): e.g. a
     * difference of two ensembles' G4_c amputated with one of their propagators ({@link ClosedLoop}).
     */
    public double[] amputate(double[] connected, double[][] g2) {
        int m = points.length;
        double[][] inv = new EigenDecomposition(new Array2DRowRealMatrix(g2, false))
                .getSolver().getInverse().getData();
        double[] t = new double[m * m * m * m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                for (int c = 0; c < m; c++) {
                    for (int d = 0; d < m; d++) {
                        t[((a * m + b) * m + c) * m + d] = connected[index[a][b][c][d]];
                    }
                }
            }
        }
        // four mode products with G2^-1; each moves the contracted index to the back
        for (int mode = 0; mode < 4; mode++) {
            double[] u = new double[t.length];
            int rest = m * m * m;
            for (int x = 0; x < m; x++) {
                for (int r = 0; r < rest; r++) {
                    double v = t[x * rest + r];
                    if (v == 0) {
                        continue;
                    }
                    for (int y = 0; y < m; y++) {
                        u[r * m + y] += v * inv[x][y];
                    }
                }
            }
            t = u;
        }
        double[] out = new double[fourTuples.length + 2];
        for (int k = 0; k < fourTuples.length; k++) {
            int[] s = tuples.tuple(fourTuples[k]);
            out[k] = -t[((s[0] * m + s[1]) * m + s[2]) * m + s[3]]
                    / (cell[s[0]] * cell[s[1]] * cell[s[2]] * cell[s[3]]);
        }
        double near = 0, all = 0, zero = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                for (int c = 0; c < m; c++) {
                    for (int d = 0; d < m; d++) {
                        double w = -t[((a * m + b) * m + c) * m + d];
                        double lo = Math.min(Math.min(points[a], points[b]), Math.min(points[c], points[d]));
                        double hi = Math.max(Math.max(points[a], points[b]), Math.max(points[c], points[d]));
                        all += Math.abs(w);
                        if (hi - lo <= radius) {
                            near += Math.abs(w);
                        }
                        zero += w / cell[a];
                    }
                }
            }
        }
        out[fourTuples.length] = all == 0 ? Double.NaN : near / all;
        out[fourTuples.length + 1] = zero / m;
        return out;
    }

    /** The 4-tuples (point indices) in the order of the vertex values. */
    public int[][] fourTuples() {
        int[][] out = new int[fourTuples.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = tuples.tuple(fourTuples[k]);
        }
        return out;
    }

    /** The vertex of measured moments with jackknife errors, or the refusal when G2 is ill-conditioned. */
    public Result analyse(BlockMoments moments) {
        if (!moments.tuples().equals(tuples)) {
            throw new IllegalArgumentException("the block sums are over a different tuple set");
        }
        BlockMoments.Data data = moments.toData();
        double[] means = new double[tuples.size()];
        long n = 0;
        for (int b = 0; b < data.counts().length; b++) {
            n += data.counts()[b];
            for (int i = 0; i < means.length; i++) {
                means[i] += data.sums()[b][i];
            }
        }
        for (int i = 0; i < means.length; i++) {
            means[i] /= n;
        }
        double cond = condition(twoPoint(cumulants.fromMoments(means)));
        if (!(cond <= MAX_CONDITION)) {
            return refused(cond);
        }
        VectorJackknife.Result r = VectorJackknife.estimate(data.counts(), data.sums(), this::evaluate);
        return result(cond, r.value(), r.error());
    }

    /** The vertex of exact (error-free) moments. */
    public Result exact(double[] moments) {
        double cond = condition(twoPoint(cumulants.fromMoments(moments)));
        if (!(cond <= MAX_CONDITION)) {
            return refused(cond);
        }
        double[] v = evaluate(moments);
        return result(cond, v, new double[v.length]);
    }

    private Result refused(double cond) {
        String why = Double.isInfinite(cond)
                ? "the measured G2 matrix is not positive definite (singular to rounding; e.g. a ReLU net without "
                        + "biases on x > 0 has G2 = x_i x_j E[Z^2], of rank 1), so it cannot be inverted"
                : String.format(Locale.ROOT, "the measured G2 matrix has condition number %.3g > %.0e; "
                        + "its inverse would amplify the statistical errors beyond use (points too close or G2 "
                        + "nearly singular)", cond, MAX_CONDITION);
        return new Result(cond, why, cell.clone(), radius, List.of(), null, null);
    }

    private Result result(double cond, double[] value, double[] error) {
        List<QuarticCouplings.TupleCoupling> list = new ArrayList<>();
        int f = fourTuples.length;
        for (int k = 0; k < f; k++) {
            list.add(new QuarticCouplings.TupleCoupling(tuples.tuple(fourTuples[k]),
                    new QuarticCouplings.Estimate(value[k], error[k])));
        }
        return new Result(cond, null, cell.clone(), radius, list, new QuarticCouplings.Estimate(value[f], error[f]),
                new QuarticCouplings.Estimate(value[f + 1], error[f + 1]));
    }

    /**
     * The vertex.
     *
     * @param condition    condition number of the measured G2
     * @param refusal      why the vertex is missing, or null
     * @param cellVolumes  the cell length of each point
     * @param localityRadius the largest neighbour spacing: points this close count as near the diagonal
     * @param vertex       V per sorted 4-tuple of point indices
     * @param locality     share of the weight within one cell spacing of the diagonal
     * @param zeroMomentum int dy2 dy3 dy4 V(y1, ..), averaged over y1
     */
    public record Result(double condition, String refusal, double[] cellVolumes, double localityRadius,
                         List<QuarticCouplings.TupleCoupling> vertex,
                         QuarticCouplings.Estimate locality, QuarticCouplings.Estimate zeroMomentum) {
    }
}
