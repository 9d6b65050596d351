package org.nnft.lattice.geometry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatticeTest {
    @Test
    void neighboursAreInverseAndIndexRoundTrips() {
        for (int d = 2; d <= 4; d++) {
            Lattice l = new Lattice(d, 4);
            int[] c = new int[d];
            for (int x = 0; x < l.volume(); x++) {
                l.coordinates(x, c);
                assertEquals(x, l.index(c));
                for (int mu = 0; mu < d; mu++) {
                    assertEquals(x, l.neighbour(l.neighbour(x, mu), d + mu));
                    int[] f = c.clone();
                    f[mu]++;
                    assertEquals(l.index(f), l.neighbour(x, mu));
                    assertNotEquals(l.colour(x), l.colour(l.neighbour(x, mu)), "checkerboard");
                    assertEquals(c[mu], l.coordinate(x, mu));
                }
            }
            assertEquals(l.volume() / 2, l.sitesOfColour(0).length);
        }
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lattice(1, 4)).getMessage().contains("dim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lattice(5, 4)).getMessage().contains("dim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lattice(2, 0)).getMessage().contains("size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lattice(2, -3))
                .getMessage().contains("size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lattice(2, 5).sitesOfColour(0))
                .getMessage().contains("even"));
    }
}
