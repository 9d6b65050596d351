package org.nnft.ensemble.couplings;

import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.FirstOrderShift;
import org.nnft.ensemble.deform.IntegrationBox;
import org.nnft.ensemble.deform.Potential;
import org.nnft.stats.Cumulants;
import org.nnft.stats.Tuples;
import org.nnft.stats.VectorJackknife;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The closed loop of docs/couplings.md section 8: deform the cos-net by {@code (lambda/4!) int_box phi^4}
 * (docs/physics.md A.3) and read lambda back from the amputated 4-point vertex. The free finite-width
 * vertex (O(1/N), larger than lambda up to N of about 1500) is removed before amputation, from the
 * difference of connected 4-point functions
 * <pre>
 *   dG4_c = G4_c(deformed) - G4_c(free),
 * </pre>
 * with G4_c(free) measured on the same networks (the control variate: the importance-reweighting
 * sampler's networks unweighted) or, without them, the exact free G4_c. dG4_c is amputated with the
 * deformed ensemble's measured G2, so that the tadpole corrections of the external legs cancel and
 * V is the 1PI vertex; amputating the whole deformed G4_c instead would leave the free vertex times
 * 4 dG2/G2, tens of percent of lambda. The zero-momentum vertex V_0 of dG4_c is the reconstructed
 * coupling; the exact theory (at the measured points, with the box's midpoint rule) gives the
 * corrections it contains:
 * <ul>
 * <li>first order at N = infinity: the amputation of {@code -lambda int_box prod_i G(x_i - z) dz}, exactly
 * lambda when the points are the box's midpoint nodes;</li>
 * <li>finite width: the O(lambda/N) part of {@link FirstOrderShift};</li>
 * <li>second order (N = infinity): the s, t, u bubbles {@code (lambda^2/2) int int G G G(z-w)^2 G G} and the
 * external-leg tadpoles, the latter amputated away with the first-order G2 as in the measurement;</li>
 * <li>a bound on what is left out: O(lambda/N^2), O(lambda^2/N) and O(lambda^3), estimated as
 * width^2/first + |width second|/first + second^2/first.</li>
 * </ul>
 * The reconstructed lambda solves {@code V_0 = a lambda + c lambda^2} with a = (first + width)/lambda and
 * c = second/lambda^2 at the input lambda. Errors: delete-one-bin jackknife over the joint vector of
 * free sums, weighted sums and weights, so the correlations between free and deformed moments are kept.
 */
public final class ClosedLoop {

    private final double lambda;
    private final double[] points;
    private final Tuples tuples;
    private final Cumulants cumulants;
    private final AmputatedVertex vertex;
    private final int[] fourTuples;
    private final double[] freeConnected;
    private final Prediction prediction;

    /**
     * @param net         the free cos-net (d = 1)
     * @param deformation a phi^4 deformation ({@link Potential#phi4}) of a one-dimensional box
     * @param points      the M distinct measurement points
     * @param tuples      the measured tuple set (order at least 4)
     */
    public ClosedLoop(CosNet net, Deformation deformation, double[] points, Tuples tuples) {
        Potential v = deformation.potential();
        if (v.quadratic() != 0 || v.sextic() != 0 || !(v.quartic() != 0)) {
            throw new IllegalArgumentException("the closed loop needs a phi^4 deformation (--potential phi4)");
        }
        if (net.inputDimension() != 1 || deformation.box().dimension() != 1) {
            throw new IllegalArgumentException("the closed loop is implemented for d = 1");
        }
        this.lambda = 24 * v.quartic();
        this.points = points.clone();
        this.tuples = tuples;
        this.cumulants = Cumulants.forTuples(tuples);
        this.vertex = new AmputatedVertex(points, tuples);
        this.fourTuples = IntStream.range(0, tuples.size()).filter(i -> tuples.order(i) == 4).toArray();
        int m = points.length;
        double[][] k = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                k[i][j] = net.twoPoint(new double[]{points[i]}, 0, new double[]{points[j]}, 0);
            }
        }
        freeConnected = new double[tuples.size()];
        for (int i = 0; i < tuples.size(); i++) {
            int[] s = tuples.tuple(i);
            if (s.length == 2) {
                freeConnected[i] = k[s[0]][s[1]];
            } else if (s.length == 4) {
                freeConnected[i] = net.connectedFourPoint(at(s), new int[4]);
            }
        }
        this.prediction = predict(net, deformation, k);
    }

    /** The input coupling lambda of (lambda/4!) phi^4. */
    public double lambda() {
        return lambda;
    }

    public Prediction prediction() {
        return prediction;
    }

    /** The 4-tuples (point indices) in the order of the vertex entries. */
    public int[][] fourTuples() {
        return vertex.fourTuples();
    }

    private double[][] at(int[] s) {
        double[][] x = new double[s.length][];
        for (int j = 0; j < s.length; j++) {
            x[j] = new double[]{points[s[j]]};
        }
        return x;
    }

    private Prediction predict(CosNet net, Deformation deformation, double[][] k) {
        FirstOrderShift infinite = FirstOrderShift.infiniteWidth(net, deformation);
        FirstOrderShift finite = FirstOrderShift.of(net, deformation);
        SecondOrder second = new SecondOrder(net, deformation.box(), points, k);
        int size = tuples.size();
        double[] c1 = new double[size];
        double[] c1n = new double[size];
        double[] c2 = new double[size];
        for (int t : fourTuples) {
            double[][] x = at(tuples.tuple(t));
            c1[t] = infinite.connected(x);
            c1n[t] = finite.connected(x);
            c2[t] = c1n[t] + lambda * lambda * second.fourPoint(tuples.tuple(t));
        }
        int m = points.length;
        double[][] g2 = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                g2[i][j] = k[i][j] + finite.connected(new double[]{points[i]}, new double[]{points[j]});
            }
        }
        double[] first = vertex.amputate(c1, k);
        double[] withWidth = vertex.amputate(c1n, k);
        double[] full = vertex.amputate(c2, g2);
        int f = fourTuples.length;
        double v1 = first[f + 1];
        double vw = withWidth[f + 1] - v1;
        double v2 = full[f + 1] - withWidth[f + 1];
        double bound = (vw * vw + Math.abs(vw * v2) + v2 * v2) / Math.abs(v1);
        double[] perTuple = new double[f];
        double[] firstOrder = new double[f];
        for (int t = 0; t < f; t++) {
            perTuple[t] = full[t];
            firstOrder[t] = first[t];
        }
        return new Prediction(lambda, v1, vw, v2, bound, full[f], firstOrder, perTuple);
    }

    /**
     * The closed loop with the control variate: per jackknife bin the network count, the unweighted sums of
     * every tuple's product (the free ensemble of the same networks), their weighted sums and the sum of
     * the weights (all weights relative to one common reference).
     */
    public Result analyse(long[] counts, double[][] freeSums, double[][] weightedSums, double[] weights) {
        int bins = counts.length;
        int t = tuples.size();
        if (freeSums.length != bins || weightedSums.length != bins || weights.length != bins) {
            throw new IllegalArgumentException("counts, sums and weights must cover the same bins");
        }
        double[][] joint = new double[bins][2 * t + 1];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(freeSums[b], 0, joint[b], 0, t);
            System.arraycopy(weightedSums[b], 0, joint[b], t, t);
            joint[b][2 * t] = weights[b];
        }
        return analyse(counts, joint, true);
    }

    /** The closed loop without a free run: the free G4_c is the exact one (noisier: no cancellation). */
    public Result analyse(long[] counts, double[][] weightedSums, double[] weights) {
        int bins = counts.length;
        int t = tuples.size();
        double[][] joint = new double[bins][t + 1];
        for (int b = 0; b < bins; b++) {
            System.arraycopy(weightedSums[b], 0, joint[b], 0, t);
            joint[b][t] = weights[b];
        }
        return analyse(counts, joint, false);
    }

    private Result analyse(long[] counts, double[][] joint, boolean controlled) {
        int t = tuples.size();
        int f = fourTuples.length;
        VectorJackknife.Result r = VectorJackknife.estimate(counts, joint, x -> {
            int w = controlled ? 2 * t : t;
            double[] deformed = new double[t];
            for (int i = 0; i < t; i++) {
                deformed[i] = x[w - t + i] / x[w];
            }
            double[] def = cumulants.fromMoments(deformed);
            double[] free = controlled ? cumulants.fromMoments(Arrays.copyOf(x, t)) : freeConnected;
            double[] delta = new double[t];
            for (int i : fourTuples) {
                delta[i] = def[i] - free[i];
            }
            int m = points.length;
            double[][] g2 = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    g2[i][j] = def[tuples.requireIndexOf(Math.min(i, j), Math.max(i, j))];
                }
            }
            double[] v = vertex.amputate(delta, g2);
            double[] out = Arrays.copyOf(v, f + 3);
            out[f + 2] = prediction.reconstruct(v[f + 1]);
            return out;
        });
        double[] value = r.value();
        double[] error = r.error();
        List<QuarticCouplings.TupleCoupling> list = new ArrayList<>();
        int[][] four = vertex.fourTuples();
        for (int k = 0; k < f; k++) {
            list.add(new QuarticCouplings.TupleCoupling(four[k], new QuarticCouplings.Estimate(value[k], error[k])));
        }
        return new Result(controlled, list, new QuarticCouplings.Estimate(value[f], error[f]),
                new QuarticCouplings.Estimate(value[f + 1], error[f + 1]),
                new QuarticCouplings.Estimate(value[f + 2], error[f + 2]), prediction);
    }

    /**
     * The exact theory of the reconstructed vertex at the measured points, as zero-momentum vertices.
     *
     * @param lambda       the input coupling
     * @param firstOrder   V_0 of the amputated -lambda int prod G (N = infinity); lambda for points on the box nodes
     * @param finiteWidth  the O(lambda/N) part of V_0
     * @param secondOrder  the O(lambda^2) part (bubbles; the leg tadpoles are amputated away), N = infinity
     * @param remainder    bound on the left-out O(lambda/N^2, lambda^2/N, lambda^3) terms
     * @param locality     the predicted locality
     * @param firstOrderVertex the first-order (N = infinity) V per 4-tuple
     * @param vertex       the predicted V per 4-tuple (all three parts)
     */
    public record Prediction(double lambda, double firstOrder, double finiteWidth, double secondOrder,
                             double remainder, double locality, double[] firstOrderVertex, double[] vertex) {

        /** The predicted zero-momentum vertex. */
        public double zeroMomentum() {
            return firstOrder + finiteWidth + secondOrder;
        }

        /** lambda from a measured V_0: the root of V_0 = a lambda + c lambda^2 nearest to V_0 / a. */
        public double reconstruct(double v0) {
            double a = (firstOrder + finiteWidth) / lambda;
            double c = secondOrder / (lambda * lambda);
            if (c == 0) {
                return v0 / a;
            }
            double disc = a * a + 4 * c * v0;
            if (disc < 0) {
                return Double.NaN;
            }
            return 2 * v0 / (a + Math.signum(a) * Math.sqrt(disc));
        }
    }

    /**
     * The measured closed loop.
     *
     * @param controlVariate whether the free G4_c came from the same networks (else from the exact theory)
     * @param vertex         V of dG4_c per 4-tuple
     * @param locality       its locality
     * @param zeroMomentum   its zero-momentum vertex V_0
     * @param lambda         the reconstructed coupling ({@link Prediction#reconstruct})
     * @param prediction     the theory
     */
    public record Result(boolean controlVariate, List<QuarticCouplings.TupleCoupling> vertex,
                         QuarticCouplings.Estimate locality, QuarticCouplings.Estimate zeroMomentum,
                         QuarticCouplings.Estimate lambda, Prediction prediction) {
    }

    /** The O(lambda^2) connected 4-point function at N = infinity on the box's midpoint rule (per lambda^2). */
    private static final class SecondOrder {
        private final int m;
        private final int n;
        private final double h;
        private final double[][] p;      // K(x_a, y_z)
        private final double[][] legs;   // h sum_w K(x_a, y_w) K(y_w, y_w) K(y_w, y_z)
        private final double[][][] pair; // sum_w K(y_z, y_w)^2 K(x_c, y_w) K(x_d, y_w)

        SecondOrder(CosNet net, IntegrationBox box, double[] points, double[][] k) {
            m = points.length;
            n = box.nodeCount();
            h = box.cellVolume();
            double[][] y = new double[n][];
            for (int z = 0; z < n; z++) {
                y[z] = box.node(z);
            }
            p = new double[m][n];
            for (int a = 0; a < m; a++) {
                for (int z = 0; z < n; z++) {
                    p[a][z] = net.twoPoint(new double[]{points[a]}, 0, y[z], 0);
                }
            }
            double[][] q = new double[n][n];
            double[] g0 = new double[n];
            for (int z = 0; z < n; z++) {
                g0[z] = net.twoPoint(y[z], 0, y[z], 0);
                for (int w = 0; w < n; w++) {
                    q[z][w] = net.twoPoint(y[z], 0, y[w], 0);
                }
            }
            legs = new double[m][n];
            for (int a = 0; a < m; a++) {
                for (int z = 0; z < n; z++) {
                    double s = 0;
                    for (int w = 0; w < n; w++) {
                        s += p[a][w] * g0[w] * q[w][z];
                    }
                    legs[a][z] = h * s;
                }
            }
            pair = new double[m][m][n];
            for (int c = 0; c < m; c++) {
                for (int d = c; d < m; d++) {
                    for (int z = 0; z < n; z++) {
                        double s = 0;
                        for (int w = 0; w < n; w++) {
                            s += q[z][w] * q[z][w] * p[c][w] * p[d][w];
                        }
                        pair[c][d][z] = s;
                        pair[d][c][z] = s;
                    }
                }
            }
        }

        /** d^2 G4_c / d lambda^2 / 2: (1/2) [3 bubbles + 4 leg tadpoles]. */
        double fourPoint(int[] s) {
            int[][] channels = {{0, 1, 2, 3}, {0, 2, 1, 3}, {0, 3, 1, 2}};
            double bubbles = 0;
            for (int[] c : channels) {
                double sum = 0;
                for (int z = 0; z < n; z++) {
                    sum += p[s[c[0]]][z] * p[s[c[1]]][z] * pair[s[c[2]]][s[c[3]]][z];
                }
                bubbles += h * h * sum;
            }
            double tadpoles = 0;
            for (int z = 0; z < n; z++) {
                for (int i = 0; i < 4; i++) {
                    double prod = legs[s[i]][z];
                    for (int j = 0; j < 4; j++) {
                        if (j != i) {
                            prod *= p[s[j]][z];
                        }
                    }
                    tadpoles += h * prod;
                }
            }
            return 0.5 * (bubbles + tadpoles);
        }
    }
}
