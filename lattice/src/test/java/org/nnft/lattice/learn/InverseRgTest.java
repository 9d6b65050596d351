package org.nnft.lattice.learn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inverse renormalization group at the 2D Ising critical point (docs/learn.md L.7). */
class InverseRgTest {
    @Test
    void blockingIsTheMajorityAndTheLearnedInverseMinimisesTheDistance() {
        double[] fine = {1, 1, -1, -1, 1, -1, -1, -1, 1, 1, 1, -1, 1, 1, -1, 1};
        double[] coarse = InverseBlockSpin.block(fine, 4, new SplittableRandom(1));
        assertEquals(1, coarse[0]);
        assertEquals(-1, coarse[1]);
        assertEquals(1, coarse[2]);
        double[][] configs = InverseRg.sample(8, new InverseRg.Config(8, 1, 400, 1, 10, 3, false), 5);
        InverseBlockSpin learned = InverseBlockSpin.learn(configs, 8, 2000, 1.0, new SplittableRandom(2));
        double d = learned.distance(configs, 8, new SplittableRandom(2));
        double[][] w = learned.filter();
        for (int k = 0; k < 4; k++) {
            for (int o = 0; o < 9; o++) {
                for (double step : new double[] {0.05, -0.05}) {
                    w[k][o] += step;
                    double moved = new InverseBlockSpin(w).distance(configs, 8, new SplittableRandom(2));
                    assertTrue(moved > d - 1e-6, k + " " + o + " " + step + ": " + moved + " < " + d);
                    w[k][o] -= step;
                }
            }
        }
        assertTrue(d < 1, "better than no inverse (D = 1 at w = 0): " + d);
        assertEquals(256, learned.grow(coarse, 2, new SplittableRandom(4)).length * 16);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InverseRg.Config(5, 1, 100, 1, 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new InverseRg.Config(8, 0, 100, 1, 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new InverseRg.Config(8, 1, 10, 1, 0, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new InverseRg.Config(8, 1, 100, 0, 0, 1, false));
    }

    /**
     * L0 = 32, 1000 configurations, grown to 64 and 128: gamma/nu from the grown ensembles within 0.03 of
     * 7/4 (the filter's systematic, see docs/learn.md L.7), and direct Wolff at the same sizes within 4 sigma.
     */
    @Test
    @Tag("slow")
    void grownEnsemblesGiveGammaOverNu() {
        InverseRg.Result r = InverseRg.run(new InverseRg.Config(32, 2, 1000, 2, 100, 7, true), u -> { });
        System.out.printf("inverse %s direct %s distance %.5f%n", r.gammaOverNu(), r.directGammaOverNu(),
                r.distance());
        for (InverseRg.Size s : r.sizes()) {
            System.out.println(s);
        }
        assertEquals(1.75, r.gammaOverNu().value(), 0.03);
        assertEquals(1.75, r.directGammaOverNu().value(), 4 * r.directGammaOverNu().error() + 0.01);
    }
}
