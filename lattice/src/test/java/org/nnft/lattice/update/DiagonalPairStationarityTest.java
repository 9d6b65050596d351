package org.nnft.lattice.update;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.support.Chains;

import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * Each update leaves exp(-S) invariant with a diagonal coupling and a linear term: on the 2 x 2 lattice only
 * the diagonal link 0 of site 0 (to site 3 = (1,1)) carries weight V, no nearest-neighbour link does, and
 * every site has its own h. Sites 0, 3 form a two-site system, 1 and 2 are single sites; the four parity
 * classes are the four sites. Moments against numerical quadrature of exp(-S).
 */
class DiagonalPairStationarityTest {
    private static final Lattice LATTICE = new Lattice(2, 2);
    private static final double V = 1.0;
    private static final double[] H = {0.3, -0.2, 0.5, 0.25};

    private static Couplings couplings(double a, double b) {
        double[] v = new double[LATTICE.volume() * LATTICE.diagonalsPerSite()];
        v[0] = V;
        return new Couplings(LATTICE, new double[LATTICE.links()], new double[] {a, a, a, a},
                new double[] {b, b, b, b}, H, v);
    }

    /** {<phi_i>, <phi_i^2>, <phi_i^4>} of sites i, j coupled by V, plus <phi_i phi_j>, by the trapezoid rule. */
    private static double[] pair(double a, double b, double hi, double hj) {
        int n = 801;
        double r = 6.0;
        double step = 2 * r / (n - 1);
        double[] m = new double[8];
        double z = 0;
        for (int i = 0; i < n; i++) {
            double x = -r + i * step;
            for (int j = 0; j < n; j++) {
                double y = -r + j * step;
                double s = a * (x * x + y * y) + b * (x * x * x * x + y * y * y * y) - V * x * y - hi * x - hj * y;
                double e = Math.exp(-s);
                z += e;
                m[0] += e * x;
                m[1] += e * x * x;
                m[2] += e * x * x * x * x;
                m[3] += e * y;
                m[4] += e * y * y;
                m[5] += e * y * y * y * y;
                m[6] += e * x * y;
            }
        }
        for (int k = 0; k < m.length; k++) {
            m[k] /= z;
        }
        return m;
    }

    private static double[] single(double a, double b, double h) {
        int n = 4001;
        double r = 6.0;
        double step = 2 * r / (n - 1);
        double z = 0, p1 = 0, p2 = 0, p4 = 0;
        for (int i = 0; i < n; i++) {
            double x = -r + i * step;
            double e = Math.exp(-(a * x * x + b * x * x * x * x - h * x));
            z += e;
            p1 += e * x;
            p2 += e * x * x;
            p4 += e * x * x * x * x;
        }
        return new double[] {p1 / z, p2 / z, p4 / z};
    }

    private static void check(String schedule, double a, double b) {
        double[] p = pair(a, b, H[0], H[3]);
        double[] s1 = single(a, b, H[1]);
        double[] s2 = single(a, b, H[2]);
        double[] mean = {p[0], s1[0], s2[0], p[3]};
        double[] sq = {p[1], s1[1], s2[1], p[4]};
        double m = 0, phi2 = (p[1] + s1[1] + s2[1] + p[4]) / 4, phi4 = (p[2] + s1[2] + s2[2] + p[5]) / 4;
        double corr = 0;
        for (int x = 0; x < 4; x++) {
            m += mean[x] / 4;
            corr += sq[x];
            for (int y = 0; y < 4; y++) {
                if (y != x) {
                    boolean paired = (x == 0 && y == 3) || (x == 3 && y == 0);
                    corr += paired ? p[6] : mean[x] * mean[y];
                }
            }
        }
        double m2 = corr / 16;
        MeasurementSeries s = Chains.with(couplings(a, b), ch -> ch.run(schedule, 23, 500, 6400, 1));
        assertAgrees(schedule + " <m>", s.estimate("m"), m, 5, 0);
        assertAgrees(schedule + " <phi^2>", s.estimate("phi2"), phi2, 5, 0);
        assertAgrees(schedule + " <phi^4>", s.estimate("phi4"), phi4, 5, 0);
        assertAgrees(schedule + " <m^2>", s.estimate("m2"), m2, 5, 0);
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "metropolis+wolff", "metropolis+sw", "hmc-omelyan"})
    void doubleWellPotential(String schedule) {
        check(schedule, -0.5, 0.5);
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath", "metropolis+wolff",
            "metropolis+sw", "hmc-leapfrog"})
    void singleWellPotential(String schedule) {
        check(schedule, 0.7, 0.3);
    }
}
