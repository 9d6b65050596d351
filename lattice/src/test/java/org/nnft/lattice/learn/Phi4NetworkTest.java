package org.nnft.lattice.learn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phi^4 neural network's exact samplers: one-dimensional draws against quadrature (single and double
 * well), block Gibbs on a Gaussian-Gaussian RBM against the exact joint Gaussian, and on a 1 + 1 quartic network
 * against two-dimensional quadrature. Tolerances 5 sigma (Gamma-method errors).
 */
class Phi4NetworkTest {
    private static void agrees(String what, Estimate e, double exact) {
        assertTrue(e.error() > 0, what + ": zero error");
        assertEquals(exact, e.value(), 5 * e.error(), what + " " + e);
    }

    /** {<x>, <x^2>, <x^4>} of exp(-c x^4 - q x^2 + j x) by the trapezoid rule on [-8, 8]. */
    private static double[] quadrature(double c, double q, double j) {
        int k = 16001;
        double h = 16.0 / (k - 1);
        double z = 0, m1 = 0, m2 = 0, m4 = 0;
        for (int i = 0; i < k; i++) {
            double x = -8 + i * h;
            double e = Math.exp(-c * x * x * x * x - q * x * x + j * x);
            z += e;
            m1 += e * x;
            m2 += e * x * x;
            m4 += e * x * x * x * x;
        }
        return new double[] {m1 / z, m2 / z, m4 / z};
    }

    @Test
    void quarticDensityDrawsMatchQuadrature() {
        double[][] cases = {{0.0, 0.8, 0.5}, {0.3, 0.7, -0.4}, {0.5, -1.0, 0.2}, {1.0, -2.0, 0.0}};
        for (double[] cs : cases) {
            int count = 100000;
            double[] x = new double[count];
            double[] x2 = new double[count];
            double[] x4 = new double[count];
            double old = 17.0;
            int kept = 0;
            for (int t = 0; t < count; t++) {
                x[t] = QuarticDensity.sample(cs[0], cs[1], cs[2], old, 3, 0, t, Phi4Network.TRIES);
                kept += x[t] == old ? 1 : 0;
                x2[t] = x[t] * x[t];
                x4[t] = x2[t] * x2[t];
            }
            assertEquals(0, kept, "draws that kept the old value");
            double[] exact = quadrature(cs[0], cs[1], cs[2]);
            String c = Arrays.toString(cs);
            agrees(c + " <x>", ErrorAnalysis.mean(x), exact[0]);
            agrees(c + " <x^2>", ErrorAnalysis.mean(x2), exact[1]);
            agrees(c + " <x^4>", ErrorAnalysis.mean(x4), exact[2]);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> QuarticDensity.sample(0, -1, 0, 0, 1, 1, 1, 4)).getMessage().contains("q must be positive"));
    }

    @Test
    void gaussianRbmMatchesTheExactJointGaussian() {
        int nv = 3, nh = 2;
        double[] w = {0.4, -0.3, 0.2, 0.5, -0.1, 0.3};
        double[] r = {0.2, -0.1, 0.3};
        double[] a = {0.9, 1.1, 0.8};
        double[] s = {-0.2, 0.4};
        double[] m = {0.7, 1.0};
        Phi4Network net = new Phi4Network(w, r, a, new double[nv], s, m, new double[nh]);
        // S = (1/2) z P z + l z with z = (phi, h): P = [[2a, -w], [-w^T, 2m]], l = (r, s); mean -P^-1 l
        RealMatrix p = new Array2DRowRealMatrix(nv + nh, nv + nh);
        for (int i = 0; i < nv; i++) {
            p.setEntry(i, i, 2 * a[i]);
            for (int j = 0; j < nh; j++) {
                p.setEntry(i, nv + j, -w[i * nh + j]);
                p.setEntry(nv + j, i, -w[i * nh + j]);
            }
        }
        for (int j = 0; j < nh; j++) {
            p.setEntry(nv + j, nv + j, 2 * m[j]);
        }
        RealMatrix cov = MatrixUtils.inverse(p);
        double[] l = {r[0], r[1], r[2], s[0], s[1]};
        double[] mean = cov.operate(new ArrayRealVector(l)).mapMultiply(-1).toArray();
        int sweeps = 40000;
        double[][] series = new double[4][sweeps];
        double[] phi = new double[nv];
        double[] h = new double[nh];
        for (int t = 0; t < 100; t++) {
            net.gibbsSweep(phi, h, 5, t);
        }
        for (int t = 0; t < sweeps; t++) {
            net.gibbsSweep(phi, h, 5, 100 + t);
            series[0][t] = phi[0];
            series[1][t] = phi[1] * phi[2];
            series[2][t] = phi[2] * h[1];
            series[3][t] = h[0] * h[0];
        }
        agrees("<phi_0>", ErrorAnalysis.mean(series[0]), mean[0]);
        agrees("<phi_1 phi_2>", ErrorAnalysis.mean(series[1]), cov.getEntry(1, 2) + mean[1] * mean[2]);
        agrees("<phi_2 h_1>", ErrorAnalysis.mean(series[2]), cov.getEntry(2, 4) + mean[2] * mean[4]);
        agrees("<h_0^2>", ErrorAnalysis.mean(series[3]), cov.getEntry(3, 3) + mean[3] * mean[3]);
    }

    @Test
    void quarticNetworkMatchesQuadrature() {
        double w = 0.8, r = 0.1, a = -0.5, b = 0.4, s = -0.2, m = 0.3, n = 0.2;
        Phi4Network net = new Phi4Network(new double[] {w}, new double[] {r}, new double[] {a}, new double[] {b},
                new double[] {s}, new double[] {m}, new double[] {n});
        int k = 1201;
        double range = 6.0;
        double step = 2 * range / (k - 1);
        double z = 0, p2 = 0, p4 = 0, ph = 0;
        for (int i = 0; i < k; i++) {
            double x = -range + i * step;
            for (int j = 0; j < k; j++) {
                double y = -range + j * step;
                double e = Math.exp(-net.action(new double[] {x}, new double[] {y}));
                z += e;
                p2 += e * x * x;
                p4 += e * x * x * x * x;
                ph += e * x * y;
            }
        }
        int sweeps = 40000;
        double[][] series = new double[3][sweeps];
        double[] phi = {0.0};
        double[] h = {0.0};
        for (int t = 0; t < sweeps + 100; t++) {
            net.gibbsSweep(phi, h, 9, t);
            if (t >= 100) {
                series[0][t - 100] = phi[0] * phi[0];
                series[1][t - 100] = Math.pow(phi[0], 4);
                series[2][t - 100] = phi[0] * h[0];
            }
        }
        agrees("<phi^2>", ErrorAnalysis.mean(series[0]), p2 / z);
        agrees("<phi^4>", ErrorAnalysis.mean(series[1]), p4 / z);
        agrees("<phi h>", ErrorAnalysis.mean(series[2]), ph / z);
    }

    @Test
    void nonNormalisableUnitsAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Phi4Network(new double[] {1},
                new double[] {0}, new double[] {-1}, new double[] {0}, new double[] {0}, new double[] {1},
                new double[] {0})).getMessage().contains("visible unit 0"));
    }
}
