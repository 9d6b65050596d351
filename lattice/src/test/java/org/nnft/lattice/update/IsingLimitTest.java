package org.nnft.lattice.update;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.engine.Precision;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.exact.KaufmanIsing;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.run.MarkovChain;
import org.nnft.lattice.support.Chains;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * Ising limit: with |phi| = 1 the embedded clusters never change magnitudes, so the Wolff update alone is
 * the Ising Wolff algorithm at beta = kappa v^2. Energy per site at beta_c on the 4 x 4 torus against exact
 * enumeration of all 2^16 configurations.
 */
class IsingLimitTest {
    private static final double BETA_C = 0.44068679350977147;
    private static final Lattice LATTICE = new Lattice(2, 4);

    /** Exact {@code <E>/V = -<sum_links s s>/V} and {@code <m^2>} by enumeration. */
    static double[] exact(double beta) {
        int v = LATTICE.volume();
        double z = 0, e = 0, m2 = 0;
        for (int c = 0; c < (1 << v); c++) {
            int links = 0;
            int mag = 0;
            for (int x = 0; x < v; x++) {
                int sx = ((c >>> x) & 1) * 2 - 1;
                mag += sx;
                for (int mu = 0; mu < 2; mu++) {
                    int y = LATTICE.neighbour(x, mu);
                    links += sx * (((c >>> y) & 1) * 2 - 1);
                }
            }
            double w = Math.exp(beta * (links - 2 * v)); // shifted by the ground state, no overflow
            z += w;
            e += w * links;
            m2 += w * mag * mag;
        }
        return new double[] {-e / z / v, m2 / z / ((double) v * v)};
    }

    @Test
    void enumerationReproducesKnownLimits() {
        assertEquals(-2.0, exact(50)[0], 1e-12, "ground state energy per site");
        assertEquals(0.0, exact(0)[0], 1e-12, "infinite temperature");
        assertEquals(1.0 / 16, exact(0)[1], 1e-12, "<m^2> = 1/V at beta = 0");
    }

    /**
     * In both precisions: a float32 field holds +-1 exactly and the clusters only flip signs, so single precision
     * must give the same exact energy and {@code <m^2>} (no rounding bound needed).
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void wolffEnergyAtCriticalCouplingMatchesEnumeration(Precision precision) {
        HomogeneousTheory ising = HomogeneousTheory.isingLimit(BETA_C, 1.0, 1.0);
        double[] exact = exact(BETA_C);
        try (Chains ch = new Chains(ising.couplings(LATTICE))) {
            MarkovChain chain = ch.chain(Schedule.builder()
                    .then(new WolffClusters(ch.couplings, 2)).build(), 17, 100, 1, precision);
            double[] spins = chain.field().snapshot();
            for (int x = 0; x < spins.length; x++) {
                spins[x] = spins[x] >= 0 ? 1.0 : -1.0;
            }
            chain.field().set(spins);
            chain.runUntil(100 + 12800);
            Estimate nn = chain.series().estimate("nn");
            Estimate energy = new Estimate(-2 * nn.value(), 2 * nn.error(), nn.tauInt());
            assertAgrees(precision + ": Ising energy per site at beta_c, L = 4", energy, exact[0], 5, 0);
            assertAgrees(precision + ": Ising <m^2> at beta_c, L = 4", chain.series().estimate("m2"), exact[1], 5, 0);
        }
    }

    /**
     * L = 16 at beta_c with Wolff clusters (4 per sweep) or Swendsen-Wang alone (ergodic in the Ising limit):
     * energy per site against Kaufman's exact torus value -1.45306... (5 sigma is about 0.0095, the distance to
     * Onsager's infinite-volume -sqrt 2 is 0.039) and the specific heat {@code c = beta^2 V (<e^2> - <e>^2)}
     * (Gamma-method linearised error) against Kaufman's 1.4987...
     */
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"wolff", "sw"})
    void energyAndSpecificHeatAtCriticalCouplingMatchKaufman(String algorithm) {
        Lattice lattice = new Lattice(2, 16);
        Function<Couplings, Update> update = algorithm.equals("sw")
                ? SwendsenWang::new : c -> new WolffClusters(c, 4);
        double[] nn = Chains.ising(lattice, BETA_C, update, 23, 100, 12800).column("nn");
        double[] e = new double[nn.length];
        double[] e2 = new double[nn.length];
        for (int i = 0; i < nn.length; i++) {
            e[i] = -2 * nn[i];
            e2[i] = e[i] * e[i];
        }
        KaufmanIsing exact = KaufmanIsing.square(16);
        assertAgrees(algorithm + ": energy per site at beta_c, L = 16", ErrorAnalysis.mean(e),
                exact.energyPerSite(BETA_C), 5, 0);
        double v = lattice.volume();
        assertAgrees(algorithm + ": specific heat at beta_c, L = 16",
                ErrorAnalysis.derived(m -> BETA_C * BETA_C * v * (m[1] - m[0] * m[0]), e, e2),
                exact.specificHeatPerSite(BETA_C), 5, 0);
    }
}
