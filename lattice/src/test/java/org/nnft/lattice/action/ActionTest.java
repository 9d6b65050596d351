package org.nnft.lattice.action;

import org.junit.jupiter.api.Test;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.geometry.Lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionTest {
    private static double[] random(int n, long stream, double scale, double shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = shift + scale * RandomStreams.normal(7, stream, i);
        }
        return v;
    }

    /** Inhomogeneous action against the definition written with coordinates, in d = 2, 3, 4. */
    @Test
    void actionMatchesDefinitionAndDerivativeMatchesFiniteDifference() {
        for (int d = 2; d <= 4; d++) {
            Lattice l = new Lattice(d, 3);
            Couplings c = new Couplings(l, random(l.links(), 1, 0.3, 1), random(l.volume(), 2, 0.2, 0.5),
                    random(l.volume(), 3, 0.1, 0.3));
            double[] phi = random(l.volume(), 4, 1, 0);
            double s = 0;
            int[] co = new int[d];
            for (int x = 0; x < l.volume(); x++) {
                l.coordinates(x, co);
                for (int mu = 0; mu < d; mu++) {
                    int[] f = co.clone();
                    f[mu] = (f[mu] + 1) % 3;
                    s -= c.linkWeight(x * d + mu) * phi[x] * phi[l.index(f)];
                }
                s += c.a(x) * Math.pow(phi[x], 2) + c.b(x) * Math.pow(phi[x], 4);
            }
            Phi4Action action = new Phi4Action(c);
            assertEquals(s, action.action(phi), 1e-10 * Math.abs(s));
            for (int x = 0; x < l.volume(); x += 5) {
                double h = 1e-5;
                double[] p = phi.clone();
                p[x] += h;
                double up = action.action(p);
                p[x] -= 2 * h;
                double down = action.action(p);
                assertEquals((up - down) / (2 * h), action.derivative(phi, x), 1e-6, "dS/dphi at " + x);
            }
        }
    }

    @Test
    void homogeneousIsTheSpecialCaseOfTheInhomogeneousCode() {
        Lattice l = new Lattice(3, 4);
        HomogeneousTheory t = new HomogeneousTheory(0.3, 0.8, 0.2);
        double[] phi = random(l.volume(), 5, 1, 0);
        double expected = 0;
        for (int x = 0; x < l.volume(); x++) {
            for (int mu = 0; mu < 3; mu++) {
                expected -= 0.3 * phi[x] * phi[l.neighbour(x, mu)];
            }
            expected += 0.8 * phi[x] * phi[x] + 0.2 * Math.pow(phi[x], 4);
        }
        assertEquals(expected, new Phi4Action(t.couplings(l)).action(phi), 1e-10 * Math.abs(expected));
    }

    @Test
    void conventionConverters() {
        HomogeneousTheory seed = HomogeneousTheory.fromMassAndLambda(2, -0.9515, 0.7);
        assertEquals(1.0, seed.kappa());
        assertEquals(1.52425, seed.a(), 1e-15);
        assertEquals(0.175, seed.b(), 1e-15);
        assertEquals(-0.9515, seed.mu2(2), 1e-14);
        HomogeneousTheory hop = HomogeneousTheory.fromHopping(0.3750966, 1.1);
        assertEquals(0.3750966, hop.kappa());
        assertEquals(1 - 2.2, hop.a(), 1e-15);
        assertEquals(1.1, hop.b());
        assertEquals(seed, HomogeneousTheory.fromFlowConvention(2, -0.9515, 0.7));
        HomogeneousTheory ising = HomogeneousTheory.isingLimit(0.44, 10, 2);
        assertEquals(0.11, ising.kappa(), 1e-15);
        assertEquals(-80, ising.a(), 1e-12);
        // minimum of a v^2 + b v^4 sits at v = 2
        assertEquals(2.0, Math.sqrt(-ising.a() / (2 * ising.b())), 1e-12);
    }

    /** Hopping form: S_ours + lam V equals the literal hopping-form action. */
    @Test
    void hoppingFormMatchesItsLiteralAction() {
        Lattice l = new Lattice(3, 3);
        double beta = 0.37;
        double lam = 1.1;
        double[] phi = random(l.volume(), 6, 1, 0);
        double literal = 0;
        for (int x = 0; x < l.volume(); x++) {
            for (int mu = 0; mu < 3; mu++) {
                literal -= beta * phi[x] * phi[l.neighbour(x, mu)];
            }
            literal += phi[x] * phi[x] + lam * Math.pow(phi[x] * phi[x] - 1, 2);
        }
        double ours = new Phi4Action(HomogeneousTheory.fromHopping(beta, lam).couplings(l)).action(phi);
        assertEquals(literal, ours + lam * l.volume(), 1e-10 * Math.abs(literal));
    }

    @Test
    void nonFiniteCouplingsAreRejected() {
        Lattice l = new Lattice(2, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HomogeneousTheory(Double.NaN, 1, 1))
                .getMessage().contains("kappa"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HomogeneousTheory.fromMassAndLambda(2, Double.POSITIVE_INFINITY, 1))
                .getMessage().contains("mu2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HomogeneousTheory.fromMassAndLambda(5, 1, 1)).getMessage().contains("dim"));
        double[] a = {1, 1, Double.NaN, 1};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Couplings(l, new double[8], a, new double[4])).getMessage().contains("a[2]"));
    }
}
