package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SingleNeuronExpectationsTest {

    @Tag("slow")
    @Test
    void pairExpectationsReproduceClosedFormKernels() {
        Random random = new Random(5);
        for (Activation act : Activation.values()) {
            for (int d = 1; d <= 3; d++) {
                // d = 1: rank 2; d = 2: rank 3; d = 3 with 4 points: rank 4 (Gauss-net closed form only).
                if (act != Activation.GAUSS && d == 3) {
                    continue; // ReLU and erf quadratures are limited to rank 3
                }
                int m = 4;
                ShallowNetTheory net = new ShallowNetTheory(act, 1.2, 0.5, d);
                double[][] x = new double[m][d];
                for (double[] p : x) {
                    for (int k = 0; k < d; k++) {
                        p[k] = random.nextGaussian();
                    }
                }
                NeuronMoments e = SingleNeuronExpectations.compute(net, x);
                for (int a = 0; a < m; a++) {
                    for (int b = a + 1; b < m; b++) {
                        double fromQuadrature = net.sigmaB() * net.sigmaB()
                                + net.sigmaW() * net.sigmaW() * e.expectation(a, b);
                        // documented quadrature accuracy: 1e-9 for erf at rank 3, near round-off otherwise
                        double tol = act == Activation.ERF && d == 2 ? 1e-8 : 1e-12;
                        assertEquals(net.kernel(x[a], x[b]), fromQuadrature, tol, act + " d=" + d + " pair " + a + b);
                    }
                }
                // quadrature of a constant: exact up to the rounding of ~1e5 summed weights (worst case 1e5 * 1e-16)
                assertEquals(1, e.expectation(), 1e-11);
            }
        }
    }

    @Test
    void reluFourthMomentAtOnePointIsThreeHalvesSigmaToTheFour() {
        // x = 0 in 1-d: z = b0 ~ N(0, sb^2), E[relu(z)^4] = 3 sb^4 / 2, E[relu(z)^2] = sb^2 / 2
        double sb = 0.8;
        ShallowNetTheory net = new ShallowNetTheory(Activation.RELU, 1.1, sb, 1);
        double[][] zeros = {{0}, {0}, {0}, {0}};
        NeuronMoments e = SingleNeuronExpectations.compute(net, zeros);
        assertEquals(1.5 * Math.pow(sb, 4), e.expectation(0, 1, 2, 3), 1e-15);
        assertEquals(0.5 * sb * sb, e.expectation(1, 3), 1e-15);
        // E[relu(z)^3] = 2 s^3 / sqrt(2 pi)
        assertEquals(2 * Math.pow(sb, 3) / Math.sqrt(2 * Math.PI), e.expectation(0, 1, 2), 1e-15);
    }

    @Tag("slow")
    @Test
    void reluPolarAndSphericalQuadraturesSatisfyIsserlisThroughReluMinusReflection() {
        // z = relu(z) - relu(-z), so sum over sign flips eps of (prod eps) E[prod relu(eps_a z_a)]
        // equals the Gaussian moment E[z_1 ... z_n] (Isserlis); the terms are separate kinked integrals.
        Random random = new Random(3);
        for (int rank = 2; rank <= 3; rank++) {
            for (int n : new int[] {4, 6}) {
                double[][] l = new double[n][rank];
                for (double[] row : l) {
                    for (int k = 0; k < rank; k++) {
                        row[k] = random.nextGaussian();
                    }
                }
                double signed = 0;
                for (int signs = 0; signs < (1 << n); signs++) {
                    double[][] flipped = new double[n][];
                    double parity = 1;
                    for (int a = 0; a < n; a++) {
                        boolean minus = (signs & (1 << a)) != 0;
                        parity *= minus ? -1 : 1;
                        flipped[a] = l[a].clone();
                        for (int k = 0; k < rank; k++) {
                            flipped[a][k] *= minus ? -1 : 1;
                        }
                    }
                    signed += parity * SingleNeuronExpectations.reluFromFactor(flipped)[(1 << n) - 1];
                }
                int size = n;
                double isserlis = Pairings.wickSum(size, (a, b) -> dot(l[a], l[b]));
                assertEquals(isserlis, signed, 1e-12 * Math.max(1, Math.abs(isserlis)), "rank " + rank + " n " + n);
            }
        }
    }

    @Test
    void reluSphericalQuadratureAgreesWithPolarOnARotatedRankTwoFactor() {
        Random random = new Random(8);
        double[][] l2 = new double[5][2];
        for (double[] row : l2) {
            row[0] = random.nextGaussian();
            row[1] = random.nextGaussian();
        }
        // embed in 3-d and rotate by a random orthogonal matrix: u' = R u is still N(0, I)
        double[][] q = randomRotation(random);
        double[][] l3 = new double[5][3];
        for (int a = 0; a < 5; a++) {
            for (int k = 0; k < 3; k++) {
                l3[a][k] = l2[a][0] * q[0][k] + l2[a][1] * q[1][k];
            }
        }
        double[] polar = SingleNeuronExpectations.reluFromFactor(l2);
        double[] spherical = SingleNeuronExpectations.reluFromFactor(l3);
        for (int mask = 0; mask < polar.length; mask++) {
            assertEquals(polar[mask], spherical[mask], 1e-12 * Math.max(1, Math.abs(polar[mask])), "mask " + mask);
        }
    }

    @Tag("slow")
    @Test
    void gaussNetClosedFormAgreesWithGaussHermite() {
        ShallowNetTheory d2 = new ShallowNetTheory(Activation.GAUSS, 0.9, 0.4, 2);
        double[][] x = {{0.1, 0.2}, {-0.3, 0.5}, {0.7, -0.1}, {0.2, 0.2}};
        assertAllSubsetsAgree(SingleNeuronExpectations.compute(d2, x),
                SingleNeuronExpectations.computeByQuadrature(d2, x), 1e-12);
        ShallowNetTheory d1 = new ShallowNetTheory(Activation.GAUSS, 1.0, 0.5, 1);
        double[][] y = {{0.1}, {-0.4}, {0.5}, {0.9}, {-1.0}, {0.0}};
        assertAllSubsetsAgree(SingleNeuronExpectations.compute(d1, y),
                SingleNeuronExpectations.computeByQuadrature(d1, y), 1e-12);
    }

    @Test
    void erfFourPointExpectationAgreesWithIndependentCompositeLegendre() {
        // rank 1: four copies of x, z ~ N(0, s^2), E[erf(z)^4] by composite Gauss-Legendre on [-12 s, 12 s]
        ShallowNetTheory net = new ShallowNetTheory(Activation.ERF, 1.5, 0.5, 1);
        double[] x = {0.8};
        double s2 = net.preactivationCovariance(x, x);
        NeuronMoments e = SingleNeuronExpectations.compute(net, new double[][] {x, x, x, x});
        double s = Math.sqrt(s2);
        double reference = compositeLegendre(u -> Math.pow(Erf.erf(s * u), 4) * normalDensity(u), -12, 12, 48, 20);
        assertEquals(reference, e.expectation(0, 1, 2, 3), 1e-13);

        // rank 2: four distinct points in 1-d with bias; Cholesky factor and a 2-d composite Legendre box
        double[][] p = {{-0.9}, {0.2}, {0.6}, {1.4}};
        NeuronMoments e4 = SingleNeuronExpectations.compute(net, p);
        double sb = net.sigmaB(), sw = net.sigmaW();
        // z_a = sb u1 + sw x_a u2 (d = 1): an explicit factor, different from the eigen-factor in the code
        double box = compositeLegendre(u1 -> normalDensity(u1) * compositeLegendre(u2 -> {
            double prod = normalDensity(u2);
            for (double[] q : p) {
                prod *= Erf.erf(sb * u1 + sw * q[0] * u2);
            }
            return prod;
        }, -9, 9, 24, 12), -9, 9, 24, 12);
        assertEquals(box, e4.expectation(0, 1, 2, 3), 1e-12);
    }

    @Test
    void rejectsBadPointSets() {
        ShallowNetTheory relu3 = new ShallowNetTheory(Activation.RELU, 1, 1, 3);
        double[][] rankFour = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}};
        assertThrows(IllegalArgumentException.class, () -> SingleNeuronExpectations.compute(relu3, rankFour));
        assertThrows(IllegalArgumentException.class,
                () -> SingleNeuronExpectations.compute(relu3, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> SingleNeuronExpectations.compute(relu3, new double[9][3]));
        NeuronMoments e = SingleNeuronExpectations.compute(relu3, new double[][] {{1, 0, 0}, {0, 1, 0}});
        assertThrows(IllegalArgumentException.class, () -> e.expectation(0, 0));
        assertThrows(IllegalArgumentException.class, () -> e.expectation(2));
    }

    private static void assertAllSubsetsAgree(NeuronMoments a, NeuronMoments b, double relTol) {
        for (int mask = 0; mask < (1 << a.pointCount()); mask++) {
            double ref = a.bySubsetMask(mask);
            assertEquals(ref, b.bySubsetMask(mask), relTol * Math.max(1, Math.abs(ref)), "mask " + mask);
        }
    }

    static double compositeLegendre(DoubleUnaryOperator f, double a, double b, int pieces, int nodes) {
        GaussRule rule = GaussRule.legendre(nodes);
        double h = (b - a) / pieces, sum = 0;
        for (int k = 0; k < pieces; k++) {
            sum += rule.integrate(f, a + k * h, a + (k + 1) * h);
        }
        return sum;
    }

    private static double normalDensity(double u) {
        return Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int k = 0; k < u.length; k++) {
            s += u[k] * v[k];
        }
        return s;
    }

    private static double[][] randomRotation(Random random) {
        double[][] q = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                q[i][k] = random.nextGaussian();
            }
            for (int j = 0; j < i; j++) {
                double proj = dot(q[i], q[j]);
                for (int k = 0; k < 3; k++) {
                    q[i][k] -= proj * q[j][k];
                }
            }
            double norm = Math.sqrt(dot(q[i], q[i]));
            for (int k = 0; k < 3; k++) {
                q[i][k] /= norm;
            }
        }
        return q;
    }
}
