package org.nnft.lattice.exact;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The transfer-matrix magnetisation moments against enumeration (L = 2..4) and ln Z against Kaufman (L up to 8). */
class IsingMagnetisationTest {
    private static final double[] COUPLINGS = {0.1, KaufmanIsing.CRITICAL_COUPLING, 0.7};

    private static double[] enumerate(int l, double k) {
        int n = l * l;
        double z = 0, m2 = 0, m4 = 0;
        for (int c = 0; c < (1 << n); c++) {
            int bonds = 0, mag = 0;
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    int s = spin(c, i * l + j);
                    mag += s;
                    bonds += s * spin(c, ((i + 1) % l) * l + j) + s * spin(c, i * l + (j + 1) % l);
                }
            }
            double w = Math.exp(k * (bonds - 2 * n));
            double m = (double) mag / n;
            z += w;
            m2 += w * m * m;
            m4 += w * m * m * m * m;
        }
        return new double[] {Math.log(z) + 2 * n * k, m2 / z, m4 / z};
    }

    private static int spin(int c, int x) {
        return ((c >>> x) & 1) * 2 - 1;
    }

    /** Tolerance 1e-10: round-off of sums over 2^16 states of moments up to M^4 = 6.6e4 (observed ~1e-12). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void matchesEnumeration(int l) {
        for (double k : COUPLINGS) {
            double[] exact = enumerate(l, k);
            IsingMagnetisation.Moments m = IsingMagnetisation.of(l, k);
            assertEquals(exact[0], m.logZ(), 1e-12 * exact[0], "ln Z, L = " + l + ", K = " + k);
            assertEquals(exact[1], m.m2(), 1e-10, "<m^2>, L = " + l + ", K = " + k);
            assertEquals(exact[2], m.m4(), 1e-10, "<m^4>, L = " + l + ", K = " + k);
        }
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(ints = {5, 6, 8})
    void partitionFunctionMatchesKaufman(int l) {
        for (double k : COUPLINGS) {
            double kaufman = KaufmanIsing.square(l).logPartitionFunction(k);
            assertEquals(kaufman, IsingMagnetisation.of(l, k).logZ(), 1e-12 * kaufman, "L = " + l + ", K = " + k);
        }
    }

    @Test
    void binderLimits() {
        assertEquals(2.0 / 3, IsingMagnetisation.of(6, 5.0).binder(), 1e-9, "ordered: U4 -> 2/3");
        // K -> 0: independent spins, <m^4> = (3 N^2 - 2 N)/N^4, U4 = 2/(3N)
        assertEquals(2.0 / (3 * 36), IsingMagnetisation.of(6, 1e-9).binder(), 1e-7, "disordered: U4 = 2/(3N)");
        assertThrows(IllegalArgumentException.class, () -> IsingMagnetisation.of(11, 0.4));
        assertThrows(IllegalArgumentException.class, () -> IsingMagnetisation.of(4, -0.4));
    }
}
