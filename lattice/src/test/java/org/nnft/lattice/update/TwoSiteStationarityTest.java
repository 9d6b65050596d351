package org.nnft.lattice.update;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.support.Chains;

import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * Each update leaves exp(-S) invariant: on the 2 x 2 lattice only the two links joining sites 0 and 1
 * carry weight, so sites 0, 1 form a two-site system with coupling W = 2w and sites 2, 3 are single sites.
 * Moments against 2D numerical quadrature of exp(-S). m2 = ((phi0+phi1+phi2+phi3)/4)^2 tests the
 * correlation <phi0 phi1>.
 */
class TwoSiteStationarityTest {
    private static final Lattice LATTICE = new Lattice(2, 2);
    private static final double W = 0.4;

    private static Couplings couplings(double a, double b) {
        double[] w = new double[LATTICE.links()];
        w[0] = W; // site 0, direction 0 -> site 1
        w[2] = W; // site 1, direction 0 -> site 0
        double[] as = {a, a, a, a};
        double[] bs = {b, b, b, b};
        return new Couplings(LATTICE, w, as, bs);
    }

    /** Quadrature of <f> over exp(-S) for the pair (0,1) with trapezoid rule on [-R, R]^2 (error << 1e-8). */
    private static double[] pairMoments(double a, double b) {
        int n = 801;
        double r = 5.0;
        double h = 2 * r / (n - 1);
        double z = 0, p2 = 0, p4 = 0, p01 = 0;
        for (int i = 0; i < n; i++) {
            double x = -r + i * h;
            for (int j = 0; j < n; j++) {
                double y = -r + j * h;
                double s = a * (x * x + y * y) + b * (x * x * x * x + y * y * y * y) - 2 * W * x * y;
                double e = Math.exp(-s);
                z += e;
                p2 += e * x * x;
                p4 += e * x * x * x * x;
                p01 += e * x * y;
            }
        }
        return new double[] {p2 / z, p4 / z, p01 / z};
    }

    private static double[] singleMoments(double a, double b) {
        int n = 4001;
        double r = 5.0;
        double h = 2 * r / (n - 1);
        double z = 0, p2 = 0, p4 = 0;
        for (int i = 0; i < n; i++) {
            double x = -r + i * h;
            double e = Math.exp(-(a * x * x + b * x * x * x * x));
            z += e;
            p2 += e * x * x;
            p4 += e * x * x * x * x;
        }
        return new double[] {p2 / z, p4 / z};
    }

    private static void check(String schedule, double a, double b) {
        double[] pair = pairMoments(a, b);
        double[] single = singleMoments(a, b);
        double phi2 = (2 * pair[0] + 2 * single[0]) / 4;
        double phi4 = (2 * pair[1] + 2 * single[1]) / 4;
        // m = sum/4: <m^2> = (sum_x <phi_x^2> + 2 <phi0 phi1>) / 16
        double m2 = (4 * phi2 + 2 * pair[2]) / 16;
        MeasurementSeries s = Chains.with(couplings(a, b), ch -> ch.run(schedule, 21, 500, 6400, 1));
        assertAgrees(schedule + " <phi^2>", s.estimate("phi2"), phi2, 5, 0);
        assertAgrees(schedule + " <phi^4>", s.estimate("phi4"), phi4, 5, 0);
        assertAgrees(schedule + " <m^2>", s.estimate("m2"), m2, 5, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "metropolis+wolff", "metropolis+sw",
            "hmc-leapfrog", "hmc-omelyan"})
    void doubleWellPotential(String schedule) {
        check(schedule, -0.5, 0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath", "metropolis+wolff",
            "metropolis+sw", "hmc-omelyan"})
    void singleWellPotential(String schedule) {
        check(schedule, 0.7, 0.3);
    }
}
