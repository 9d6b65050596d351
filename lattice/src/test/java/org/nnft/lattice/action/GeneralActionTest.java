package org.nnft.lattice.action;

import org.junit.jupiter.api.Test;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.geometry.Lattice;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The general action (diagonal couplings and linear term) against its definition written with coordinates. */
class GeneralActionTest {
    private static double[] random(int n, long stream, double scale, double shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = shift + scale * RandomStreams.normal(9, stream, i);
        }
        return v;
    }

    @Test
    void actionSplitAndDerivativeMatchTheDefinition() {
        for (int d = 2; d <= 4; d++) {
            Lattice l = new Lattice(d, 3);
            int p = l.diagonalsPerSite();
            Couplings c = new Couplings(l, random(l.links(), 1, 0.3, 1), random(l.volume(), 2, 0.2, 0.5),
                    random(l.volume(), 3, 0.1, 0.3), random(l.volume(), 4, 0.5, 0),
                    random(l.volume() * p, 5, 0.2, 0.1));
            double[] phi = random(l.volume(), 6, 1, 0);
            double s2 = 0, s4 = 0, s1 = 0;
            int[] co = new int[d];
            for (int x = 0; x < l.volume(); x++) {
                l.coordinates(x, co);
                for (int mu = 0; mu < d; mu++) {
                    int[] f = co.clone();
                    f[mu]++;
                    s2 -= c.linkWeight(x * d + mu) * phi[x] * phi[l.index(f)];
                }
                int q = 0;
                for (int mu = 0; mu < d; mu++) {
                    for (int nu = mu + 1; nu < d; nu++) {
                        for (int sign : new int[] {1, -1}) {
                            int[] f = co.clone();
                            f[mu]++;
                            f[nu] += sign;
                            s2 -= c.diagonalWeight(x * p + q++) * phi[x] * phi[l.index(f)];
                        }
                    }
                }
                s2 += c.a(x) * Math.pow(phi[x], 2);
                s4 += c.b(x) * Math.pow(phi[x], 4);
                s1 -= c.h(x) * phi[x];
            }
            Phi4Action action = new Phi4Action(c);
            assertEquals(s2, action.quadraticPart(phi), 1e-10 * Math.abs(s2));
            assertEquals(s4, action.quarticPart(phi), 1e-10 * Math.abs(s4));
            assertEquals(s1, action.linearPart(phi), 1e-10 * Math.abs(s1));
            assertEquals(s2 + s4 + s1, action.action(phi), 1e-10 * Math.abs(s2 + s4 + s1));
            double euler = 0;
            for (int x = 0; x < l.volume(); x++) {
                double h = 1e-5;
                double[] u = phi.clone();
                u[x] += h;
                double up = action.action(u);
                u[x] -= 2 * h;
                double down = action.action(u);
                assertEquals((up - down) / (2 * h), action.derivative(phi, x), 1e-6, "dS/dphi at " + x);
                euler += phi[x] * action.derivative(phi, x);
            }
            // homogeneity degrees: sum phi dS/dphi = 2 S2 + 4 S4 + S1
            assertEquals(2 * s2 + 4 * s4 + s1, euler, 1e-9 * Math.abs(euler));
        }
    }

    @Test
    void pairIndicesAreSymmetricAndCoverEveryPairOnce() {
        Lattice l = new Lattice(3, 4);
        Couplings c = Couplings.homogeneous(l, 1, 1, 0).withUniform(0, 0.5);
        int[] nbr = c.neighbourTable();
        int coord = c.coordination();
        assertEquals(6 + 12, coord);
        Set<Long> seen = new HashSet<>();
        for (int x = 0; x < l.volume(); x++) {
            for (int k = 0; k < coord; k++) {
                int y = nbr[x * coord + k];
                long pair = c.pairIndex(x, k, y);
                assertTrue(pair >= 0 && pair < c.pairs());
                seen.add(pair);
                boolean found = false;
                for (int k2 = 0; k2 < coord; k2++) {
                    found |= nbr[y * coord + k2] == x && c.pairIndex(y, k2, x) == pair;
                }
                assertTrue(found, "pair " + pair + " seen from both ends");
            }
        }
        assertEquals(c.pairs(), seen.size());
    }

    @Test
    void zeroDiagonalAndLinearTermsGiveTheNearestNeighbourTables() {
        Lattice l = new Lattice(2, 4);
        Couplings plain = new HomogeneousTheory(0.3, 0.8, 0.2).couplings(l);
        Couplings zeros = plain.withUniform(0, 0);
        assertFalse(zeros.hasDiagonal() || zeros.hasLinear());
        assertEquals(l.coordination(), zeros.coordination());
        assertArrayEquals(l.neighbourTable(), zeros.neighbourTable());
        assertArrayEquals(plain.hoppingTable(), zeros.hoppingTable());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plain.withLinear(new double[3]))
                .getMessage().contains("h must have"));
        double[] bad = new double[l.volume() * l.diagonalsPerSite()];
        bad[1] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plain.withDiagonal(bad))
                .getMessage().contains("v[1]"));
    }
}
