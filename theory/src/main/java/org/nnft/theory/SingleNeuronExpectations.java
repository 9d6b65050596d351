package org.nnft.theory;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.special.Gamma;

/**
 * Single-neuron expectations E_{ab...} = E[act(z_a) act(z_b) ...] of the networks of docs/physics.md A.1,
 * z_a = W0.x_a + b0, W0 ~ N(0, sigma_W^2/d I), b0 ~ N(0, sigma_b^2).
 *
 * <p>The z's are jointly Gaussian with covariance C_ab = &lt;x_a, x_b&gt; of rank r &lt;= d+1. C is
 * factorised C = L L^T with L = V sqrt(Lambda) of size M x r (eigenvalues below 1e-12 of the largest
 * are dropped), so z = L u with u ~ N(0, I_r) and, in polar form u = rho n,
 * <pre>
 *   E_S = (2 pi)^(-r/2) int_{S^(r-1)} dn int_0^inf d rho rho^(r-1) exp(-rho^2/2) prod_{a in S} act(rho L_a.n).
 * </pre>
 * The integrand is kinked (ReLU) or steep (erf) only across the great spheres L_a.n = 0, so the angular
 * integral is split there: r = 1 has the two directions +-1; r = 2 uses Gauss-Legendre on each arc
 * between kink angles; r = 3 splits the polar angle at every tangency and crossing latitude of the
 * kink great circles, maps each piece by theta = t0 + h (1 - cos(pi s))/2 (analytic in the square-root
 * behaviour at tangencies) and integrates the azimuth between its kinks. Per activation:
 * <ul>
 * <li>Gauss-net: closed form E[prod exp(z_a - C_aa)] = exp(sum_ab C_ab / 2 - sum_a C_aa), any rank.</li>
 * <li>ReLU-net: the product is homogeneous of degree |S| in rho, so the radial integral is the Gamma
 *     moment 2^((|S|+r)/2-1) Gamma((|S|+r)/2) and only the angular integral is numerical: machine
 *     precision for r &lt;= 3.</li>
 * <li>Erf-net: composite Gauss-Legendre in rho on [0, 9.5] (Gaussian tail below 1e-18) with pieces no
 *     wider than 1.5/max_a |L_a.n|; absolute error about 1e-14 for r &lt;= 2 and 1e-9 for r = 3 (where
 *     the sphere uses 8 uniform latitude bands). Plain Gauss-Hermite is not
 *     used: it converges only algebraically because erf^k grows like exp(k y^2) off the real axis.</li>
 * </ul>
 * r &gt;= 4 is rejected for ReLU and erf. All 2^M subset expectations come out of one pass.
 */
public final class SingleNeuronExpectations {

    /** Largest point set accepted (2^M subsets are accumulated). */
    public static final int MAX_POINTS = 8;
    private static final double RANK_TOLERANCE = 1e-12;
    private static final int ARC_NODES = 20;
    private static final int LATITUDE_NODES = 24;
    private static final int SMOOTH_ARC_NODES = 12;
    private static final int SMOOTH_LATITUDE_NODES = 12;
    private static final int MIN_PIECES = 8;
    private static final int SMOOTH_CIRCLE_PIECES = 32;
    private static final double RADIAL_CUTOFF = 9.5;
    private static final GaussRule RADIAL_RULE = GaussRule.legendre(12);

    private SingleNeuronExpectations() {
    }

    /** All subset expectations for the given points (each of dimension d_in; repeats allowed). */
    public static NeuronMoments compute(ShallowNetTheory net, double[][] points) {
        double[][] covariance = covariance(net, points);
        double[] bySubset = switch (net.activation()) {
            case GAUSS -> gaussClosedForm(covariance);
            case ERF -> smoothByPolarQuadrature(Activation.ERF, factor(covariance), diagonal(covariance));
            case RELU -> reluFromFactor(factor(covariance));
        };
        return new NeuronMoments(points.length, bySubset);
    }

    /** Polar quadrature for any activation (cross-checks the Gauss-net closed form). */
    static NeuronMoments computeByQuadrature(ShallowNetTheory net, double[][] points) {
        double[][] covariance = covariance(net, points);
        double[][] l = factor(covariance);
        double[] bySubset = net.activation() == Activation.RELU ? reluFromFactor(l)
                : smoothByPolarQuadrature(net.activation(), l, diagonal(covariance));
        return new NeuronMoments(points.length, bySubset);
    }

    private static double[][] covariance(ShallowNetTheory net, double[][] points) {
        if (points == null || points.length < 1 || points.length > MAX_POINTS) {
            throw new IllegalArgumentException("points must hold 1.." + MAX_POINTS + " points, got "
                    + (points == null ? "null" : points.length));
        }
        int m = points.length;
        for (int a = 0; a < m; a++) {
            net.requirePoint(points[a], "points[" + a + "]");
        }
        double[][] c = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                c[a][b] = c[b][a] = net.preactivationCovariance(points[a], points[b]);
            }
        }
        return c;
    }

    private static double[] diagonal(double[][] c) {
        double[] v = new double[c.length];
        for (int a = 0; a < c.length; a++) {
            v[a] = c[a][a];
        }
        return v;
    }

    /** L (M x r) with L L^T = C, r the numerical rank. */
    static double[][] factor(double[][] covariance) {
        int m = covariance.length;
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] values = eigen.getRealEigenvalues();
        double largest = Arrays.stream(values).max().orElse(0);
        int rank = (int) Arrays.stream(values).filter(v -> v > RANK_TOLERANCE * largest).count();
        double[][] l = new double[m][rank];
        int column = 0;
        for (int k = 0; k < values.length; k++) {
            if (values[k] > RANK_TOLERANCE * largest) {
                double scale = Math.sqrt(values[k]);
                for (int a = 0; a < m; a++) {
                    l[a][column] = eigen.getV().getEntry(a, k) * scale;
                }
                column++;
            }
        }
        return l;
    }

    private static double[] gaussClosedForm(double[][] c) {
        int m = c.length;
        double[] out = new double[1 << m];
        for (int mask = 0; mask < out.length; mask++) {
            double exponent = 0;
            for (int a = 0; a < m; a++) {
                if ((mask & (1 << a)) == 0) {
                    continue;
                }
                exponent -= c[a][a];
                for (int b = 0; b < m; b++) {
                    if ((mask & (1 << b)) != 0) {
                        exponent += 0.5 * c[a][b];
                    }
                }
            }
            out[mask] = Math.exp(exponent);
        }
        return out;
    }

    /** ReLU subset expectations for z = L u, u ~ N(0, I_r); package-private for the Isserlis tests. */
    static double[] reluFromFactor(double[][] l) {
        int m = l.length;
        int rank = l[0].length;
        if (rank > 3) {
            throw new IllegalArgumentException("ReLU expectations need covariance rank <= 3, got " + rank
                    + " (use d_in <= 2 or fewer distinct points)");
        }
        double[] angular = new double[1 << m];
        double[] products = new double[1 << m];
        double[] acts = new double[m];
        if (rank > 0) {
            integrateOverDirections(l, ARC_NODES, LATITUDE_NODES, MIN_PIECES, (n, weight) -> {
                for (int a = 0; a < m; a++) {
                    acts[a] = Math.max(0, dot(l[a], n));
                }
                accumulateProducts(acts, weight, products, angular);
            });
        }
        double[] out = new double[1 << m];
        for (int mask = 0; mask < out.length; mask++) {
            int k = Integer.bitCount(mask);
            if (rank == 0) {
                out[mask] = k == 0 ? 1 : 0;
            } else {
                double radial = Math.pow(2, 0.5 * (k + rank) - 1) * Math.exp(Gamma.logGamma(0.5 * (k + rank)));
                out[mask] = Math.pow(2 * Math.PI, -0.5 * rank) * radial * angular[mask];
            }
        }
        return out;
    }

    private static double[] smoothByPolarQuadrature(Activation act, double[][] l, double[] variances) {
        int m = l.length;
        int rank = l[0].length;
        double[] sums = new double[1 << m];
        double[] products = new double[1 << m];
        double[] acts = new double[m];
        if (rank == 0) {
            for (int a = 0; a < m; a++) {
                acts[a] = act.apply(0, variances[a]);
            }
            accumulateProducts(acts, 1, products, sums);
            return sums;
        }
        if (rank > 3) {
            throw new IllegalArgumentException("expectations by quadrature need covariance rank <= 3, got " + rank
                    + " (use d_in <= 2 or fewer distinct points)");
        }
        // Radial pieces no wider than 1.5 / max_a |L_a.n| (the steepest erf slope in this direction);
        // exp-type units shift the weight outwards by at most sum_a (L_a.n)_+.
        double normalisation = Math.pow(2 * Math.PI, -0.5 * rank);
        double[] slopes = new double[m];
        double[] directionSums = new double[1 << m];
        int arcNodes = rank == 2 ? ARC_NODES : SMOOTH_ARC_NODES;
        int minPieces = rank == 2 ? SMOOTH_CIRCLE_PIECES : MIN_PIECES;
        integrateOverDirections(l, arcNodes, SMOOTH_LATITUDE_NODES, minPieces, (n, weight) -> {
            double steepest = 0, growth = 0;
            for (int a = 0; a < m; a++) {
                slopes[a] = dot(l[a], n);
                steepest = Math.max(steepest, Math.abs(slopes[a]));
                growth += Math.max(0, slopes[a]);
            }
            double cutoff = RADIAL_CUTOFF + (act == Activation.GAUSS ? growth : 0);
            int pieces = (int) Math.ceil(cutoff / Math.min(1.0, 1.5 / Math.max(steepest, 1e-300)));
            double width = cutoff / pieces;
            Arrays.fill(directionSums, 0);
            for (int p = 0; p < pieces; p++) {
                for (int i = 0; i < RADIAL_RULE.size(); i++) {
                    double rho = width * (p + 0.5 * (1 + RADIAL_RULE.node(i)));
                    double jacobian = rank == 1 ? 1 : rank == 2 ? rho : rho * rho;
                    double radialWeight = 0.5 * width * RADIAL_RULE.weight(i) * jacobian * Math.exp(-0.5 * rho * rho);
                    for (int a = 0; a < m; a++) {
                        acts[a] = act.apply(rho * slopes[a], variances[a]);
                    }
                    accumulateProducts(acts, radialWeight, products, directionSums);
                }
            }
            for (int mask = 0; mask < sums.length; mask++) {
                sums[mask] += normalisation * weight * directionSums[mask];
            }
        });
        return sums;
    }

    /** sums[mask] += weight * prod_{a in mask} acts[a], for every mask. */
    private static void accumulateProducts(double[] acts, double weight, double[] products, double[] sums) {
        products[0] = weight;
        sums[0] += weight;
        for (int mask = 1; mask < products.length; mask++) {
            int low = Integer.numberOfTrailingZeros(mask);
            products[mask] = products[mask & (mask - 1)] * acts[low];
            sums[mask] += products[mask];
        }
    }

    /** Receives one quadrature direction n on S^(r-1) with its surface-measure weight. */
    @FunctionalInterface
    private interface DirectionVisitor {
        void visit(double[] n, double weight);
    }

    /** Quadrature over S^(r-1), r = rank of l in 1..3, split at the kinks L_a.n = 0. */
    private static void integrateOverDirections(double[][] l, int arcNodes, int latitudeNodes, int minPieces,
            DirectionVisitor visitor) {
        switch (l[0].length) {
            case 1 -> {
                visitor.visit(new double[] {1}, 1);
                visitor.visit(new double[] {-1}, 1);
            }
            case 2 -> integrateOverCircle(l, arcNodes, minPieces, visitor);
            case 3 -> integrateOverSphere(l, arcNodes, latitudeNodes, minPieces, visitor);
            default -> throw new IllegalStateException("rank " + l[0].length);
        }
    }

    private static void integrateOverCircle(double[][] l, int arcNodes, int minPieces, DirectionVisitor visitor) {
        double[] kinks = new double[2 * l.length];
        int count = 0;
        for (double[] row : l) {
            if (row[0] != 0 || row[1] != 0) {
                double direction = Math.atan2(row[1], row[0]);
                kinks[count++] = direction + 0.5 * Math.PI;
                kinks[count++] = direction - 0.5 * Math.PI;
            }
        }
        GaussRule rule = GaussRule.legendre(arcNodes);
        double[] breaks = breakpoints(kinks, count, 0, 2 * Math.PI, minPieces);
        double[] n = new double[2];
        for (int p = 0; p + 1 < breaks.length; p++) {
            double a = breaks[p], half = 0.5 * (breaks[p + 1] - a);
            for (int i = 0; half > 0 && i < rule.size(); i++) {
                double phi = a + half * (1 + rule.node(i));
                n[0] = Math.cos(phi);
                n[1] = Math.sin(phi);
                visitor.visit(n, half * rule.weight(i));
            }
        }
    }

    private static void integrateOverSphere(double[][] l, int arcNodes, int latitudeNodes, int minPieces,
            DirectionVisitor visitor) {
        int m = l.length;
        double[] latitudeKinks = new double[2 * m + m * (m - 1)];
        int count = 0;
        for (int a = 0; a < m; a++) {
            double horizontal = Math.hypot(l[a][0], l[a][1]);
            if (horizontal == 0 && l[a][2] == 0) {
                continue;
            }
            double tangency = Math.atan2(Math.abs(l[a][2]), horizontal);
            latitudeKinks[count++] = tangency;
            latitudeKinks[count++] = Math.PI - tangency;
            for (int b = a + 1; b < m; b++) {
                double cx = l[a][1] * l[b][2] - l[a][2] * l[b][1];
                double cy = l[a][2] * l[b][0] - l[a][0] * l[b][2];
                double cz = l[a][0] * l[b][1] - l[a][1] * l[b][0];
                double norm = Math.sqrt(cx * cx + cy * cy + cz * cz);
                if (norm > 1e-12 * Math.sqrt(dot(l[a], l[a]) * dot(l[b], l[b]))) {
                    double crossing = Math.acos(Math.max(-1, Math.min(1, cz / norm)));
                    latitudeKinks[count++] = crossing;
                    latitudeKinks[count++] = Math.PI - crossing;
                }
            }
        }
        // Smooth integrands (latitudeNodes below the ReLU setting) need no latitude kinks: only ReLU is kinked.
        double[] thetaBreaks = breakpoints(latitudeKinks, latitudeNodes < LATITUDE_NODES ? 0 : count, 0,
                Math.PI, minPieces);
        GaussRule latitudeRule = GaussRule.legendre(latitudeNodes);
        GaussRule arcRule = GaussRule.legendre(arcNodes);
        double[] azimuthKinks = new double[2 * m];
        double[] n = new double[3];
        for (int p = 0; p + 1 < thetaBreaks.length; p++) {
            double t0 = thetaBreaks[p], h = thetaBreaks[p + 1] - t0;
            for (int i = 0; h > 0 && i < latitudeRule.size(); i++) {
                double s = 0.5 * (1 + latitudeRule.node(i));
                double theta = t0 + 0.5 * h * (1 - Math.cos(Math.PI * s));
                double sinT = Math.sin(theta), cosT = Math.cos(theta);
                double latitudeWeight = 0.25 * h * Math.PI * Math.sin(Math.PI * s) * latitudeRule.weight(i) * sinT;
                int kinks = 0;
                for (double[] row : l) {
                    double ax = row[0] * sinT, by = row[1] * sinT, c = row[2] * cosT;
                    double radius = Math.hypot(ax, by);
                    if (radius > Math.abs(c)) {
                        double centre = Math.atan2(by, ax);
                        double spread = Math.acos(-c / radius);
                        azimuthKinks[kinks++] = centre + spread;
                        azimuthKinks[kinks++] = centre - spread;
                    }
                }
                double[] phiBreaks = breakpoints(azimuthKinks, kinks, 0, 2 * Math.PI, minPieces);
                for (int q = 0; q + 1 < phiBreaks.length; q++) {
                    double a = phiBreaks[q], half = 0.5 * (phiBreaks[q + 1] - a);
                    for (int j = 0; half > 0 && j < arcRule.size(); j++) {
                        double phi = a + half * (1 + arcRule.node(j));
                        n[0] = sinT * Math.cos(phi);
                        n[1] = sinT * Math.sin(phi);
                        n[2] = cosT;
                        visitor.visit(n, latitudeWeight * half * arcRule.weight(j));
                    }
                }
            }
        }
    }

    /**
     * Sorted breakpoints of [lo, hi]: the given angles (reduced mod 2 pi when the interval is the full
     * circle, clipped otherwise) plus minPieces uniform divisions.
     */
    private static double[] breakpoints(double[] angles, int count, double lo, double hi, int minPieces) {
        double[] out = new double[count + minPieces + 1];
        boolean periodic = Math.abs(hi - lo - 2 * Math.PI) < 1e-15;
        for (int k = 0; k < count; k++) {
            double angle = angles[k];
            if (periodic) {
                angle -= 2 * Math.PI * Math.floor((angle - lo) / (2 * Math.PI));
            }
            out[k] = Math.max(lo, Math.min(hi, angle));
        }
        for (int k = 0; k <= minPieces; k++) {
            out[count + k] = lo + (hi - lo) * k / minPieces;
        }
        Arrays.sort(out);
        return out;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int k = 0; k < u.length; k++) {
            s += u[k] * v[k];
        }
        return s;
    }
}
