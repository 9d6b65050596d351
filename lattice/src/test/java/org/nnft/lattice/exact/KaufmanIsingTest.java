package org.nnft.lattice.exact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Kaufman's torus partition function against exact enumeration of all 2^(mn) states (small tori, both phases,
 * both orientations), against Onsager's infinite-volume energy away from K_c, against Ferdinand-Fisher's
 * critical finite-size behaviour, and its analytic derivatives against finite differences.
 */
class KaufmanIsingTest {
    private static final double KC = KaufmanIsing.CRITICAL_COUPLING;
    private static final double[] COUPLINGS = {0.05, 0.3, KC, 0.5, 1.2};

    /** Number of states with bond sum {@code sum_<ij> s_i s_j = 2 j - 2mn}, by enumeration. */
    private static long[] bondSumHistogram(int m, int n) {
        int sites = m * n;
        long[] hist = new long[2 * sites + 1];
        for (int c = 0; c < (1 << sites); c++) {
            int sum = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int s = spin(c, i * n + j);
                    sum += s * spin(c, ((i + 1) % m) * n + j) + s * spin(c, i * n + (j + 1) % n);
                }
            }
            hist[(sum + 2 * sites) / 2]++;
        }
        return hist;
    }

    private static int spin(int c, int x) {
        return ((c >>> x) & 1) * 2 - 1;
    }

    /** ln Z, e and c per site from the histogram. */
    private static double[] fromHistogram(long[] hist, int sites, double k) {
        double z = 0, e1 = 0, e2 = 0;
        for (int j = 0; j < hist.length; j++) {
            double b = 2 * j - 2 * sites; // bond sum
            double w = hist[j] * Math.exp(k * (b - 2 * sites)); // shifted by the ground state
            z += w;
            e1 += w * b;
            e2 += w * b * b;
        }
        double mean = e1 / z;
        return new double[] {Math.log(z) + 2 * sites * k, -mean / sites, k * k * (e2 / z - mean * mean) / sites};
    }

    @ParameterizedTest
    @CsvSource({"2, 2", "2, 3", "3, 2", "3, 3", "3, 4", "4, 3", "4, 4", "4, 5", "5, 4"})
    void matchesExactEnumeration(int m, int n) {
        long[] hist = bondSumHistogram(m, n);
        KaufmanIsing kaufman = new KaufmanIsing(m, n);
        for (double k : COUPLINGS) {
            double[] exact = fromHistogram(hist, m * n, k);
            String where = m + " x " + n + " at K = " + k;
            assertEquals(exact[0], kaufman.logPartitionFunction(k), 1e-12 * Math.abs(exact[0]), "ln Z " + where);
            assertEquals(exact[1], kaufman.energyPerSite(k), 1e-11, "energy " + where);
            assertEquals(exact[2], kaufman.specificHeatPerSite(k), 1e-10, "specific heat " + where);
        }
    }

    /** Central difference with one Richardson step, {@code (4 D(h/2) - D(h))/3}: truncation O(h^4). */
    private static double richardson(DoubleUnaryOperator f, double x, double h) {
        double big = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
        double small = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
        return (4 * small - big) / 3;
    }

    /**
     * Asserts {@code analytic = f'(x)}: reference R(h/2), its truncation error estimated by |R(h/2) - R(h)|
     * (an O(h^4) method halves h: the error drops 16-fold, so |R(h/2) - R(h)| bounds it), plus a round-off
     * floor of 1e-10 (relative precision 1e-14 of f over h/2 = 5e-4).
     */
    private static void assertDerivative(String what, double analytic, DoubleUnaryOperator f,
                                         double x) {
        double coarse = richardson(f, x, 2e-3);
        double fine = richardson(f, x, 1e-3);
        assertEquals(fine, analytic, 2 * Math.abs(fine - coarse) + 1e-10, what);
    }

    @Test
    void analyticDerivativesMatchFiniteDifferences() {
        KaufmanIsing kaufman = KaufmanIsing.square(16);
        for (double k : new double[] {0.3, KC, 0.6}) {
            assertDerivative("e at K = " + k, -256 * kaufman.energyPerSite(k), kaufman::logPartitionFunction, k);
            assertDerivative("c at K = " + k, -kaufman.specificHeatPerSite(k) / (k * k), kaufman::energyPerSite, k);
        }
    }

    /**
     * Onsager: {@code e = -coth 2K [1 + (2/pi)(2 tanh^2 2K - 1) K1(q)]}, {@code q = 2 sinh 2K / cosh^2 2K},
     * K1 the complete elliptic integral of the first kind (by the AGM). Away from K_c the finite-size
     * corrections on a 128 x 128 torus are of order exp(-L/xi) with xi < 2: negligible.
     */
    @Test
    void largeTorusAwayFromCriticalityGivesOnsagersEnergy() {
        KaufmanIsing kaufman = KaufmanIsing.square(128);
        for (double k : new double[] {0.2, 0.3, 0.6, 0.9}) {
            double q = 2 * Math.sinh(2 * k) / Math.pow(Math.cosh(2 * k), 2);
            double k1 = Math.PI / (2 * agm(1, Math.sqrt(1 - q * q)));
            double t = Math.tanh(2 * k);
            double onsager = -(1 / t) * (1 + 2 / Math.PI * (2 * t * t - 1) * k1);
            assertEquals(onsager, kaufman.energyPerSite(k), 1e-12, "K = " + k);
        }
    }

    private static double agm(double a, double b) {
        for (int i = 0; i < 60 && Math.abs(a - b) > 1e-16 * a; i++) {
            double next = 0.5 * (a + b);
            b = Math.sqrt(a * b);
            a = next;
        }
        return a;
    }

    /**
     * At K_c: {@code e(L) -> -sqrt 2} with a 1/L correction (so doubling L halves e + sqrt 2), and
     * {@code c(2L) - c(L) -> (8 K_c^2/pi) ln 2} (Ferdinand and Fisher, Phys. Rev. 185, 832 (1969));
     * corrections O(ln L / L), below 1% at L = 512.
     */
    @Test
    void criticalFiniteSizeScaling() {
        double amplitude = 8 * KC * KC / Math.PI;
        double[] shift = new double[3];
        double[] heat = new double[3];
        int[] sizes = {256, 512, 1024};
        for (int i = 0; i < 3; i++) {
            KaufmanIsing k = KaufmanIsing.square(sizes[i]);
            shift[i] = k.energyPerSite(KC) + Math.sqrt(2);
            heat[i] = k.specificHeatPerSite(KC);
        }
        assertEquals(0.5, shift[1] / shift[0], 0.01, "(e(512) + sqrt 2)/(e(256) + sqrt 2)");
        assertEquals(0.5, shift[2] / shift[1], 0.005, "(e(1024) + sqrt 2)/(e(512) + sqrt 2)");
        assertEquals(amplitude * Math.log(2), heat[2] - heat[1], 0.01 * amplitude * Math.log(2), "c(1024) - c(512)");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new KaufmanIsing(1, 4));
        assertThrows(IllegalArgumentException.class, () -> KaufmanIsing.square(4).energyPerSite(0));
        assertThrows(IllegalArgumentException.class, () -> KaufmanIsing.square(4).energyPerSite(Double.NaN));
    }
}
