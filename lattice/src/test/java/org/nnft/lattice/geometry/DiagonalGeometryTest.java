package org.nnft.lattice.geometry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagonalGeometryTest {
    @Test
    void diagonalTableListsTheSitesAtPlusMinusEmuPlusMinusEnu() {
        Lattice l = new Lattice(3, 4);
        int p = l.diagonalsPerSite();
        assertEquals(6, p);
        int[] t = l.diagonalTable();
        int[] c = new int[3];
        for (int x = 0; x < l.volume(); x++) {
            l.coordinates(x, c);
            int k = 0;
            for (int mu = 0; mu < 3; mu++) {
                for (int nu = mu + 1; nu < 3; nu++) {
                    for (int s : new int[] {1, -1}) {
                        int[] f = c.clone();
                        f[mu] += 1;
                        f[nu] += s;
                        int[] b = c.clone();
                        b[mu] -= 1;
                        b[nu] -= s;
                        assertEquals(l.index(f), t[x * 2 * p + k]);
                        assertEquals(l.index(b), t[x * 2 * p + p + k]);
                        // backward diagonal k of x has x as its forward diagonal k
                        assertEquals(x, t[t[x * 2 * p + p + k] * 2 * p + k]);
                        k++;
                    }
                }
            }
        }
    }

    @Test
    void parityClassesSeparateNearestAndDiagonalNeighbours() {
        for (int d = 2; d <= 4; d++) {
            Lattice l = new Lattice(d, 4);
            int[] diag = l.diagonalTable();
            int p = l.diagonalsPerSite();
            int total = 0;
            for (int cls = 0; cls < 1 << d; cls++) {
                total += l.sitesOfParityClass(cls).length;
            }
            assertEquals(l.volume(), total);
            for (int x = 0; x < l.volume(); x++) {
                for (int k = 0; k < 2 * d; k++) {
                    assertNotEquals(l.parityClass(x), l.parityClass(l.neighbour(x, k)));
                }
                for (int k = 0; k < 2 * p; k++) {
                    assertNotEquals(l.parityClass(x), l.parityClass(diag[x * 2 * p + k]));
                }
                assertEquals(l.colour(x), Integer.bitCount(l.parityClass(x)) & 1);
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lattice(2, 4).sitesOfParityClass(4))
                .getMessage().contains("parity class"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lattice(2, 5).sitesOfParityClass(0))
                .getMessage().contains("even"));
    }
}
