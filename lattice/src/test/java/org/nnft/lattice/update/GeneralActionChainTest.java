package org.nnft.lattice.update;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.support.Chains;
import org.nnft.lattice.support.FreeField;

import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * Every algorithm on the general action with diagonal (next-nearest-neighbour) couplings and a linear term:
 * the free field against the exact propagator with the diagonal dispersion and the shifted mean h/M(0), and
 * the integration-by-parts identities {@code <2 S2 + 4 S4 + S1> = V}, {@code <phi dS/dphi> = 1} at an
 * interacting coupling with inhomogeneous h and v.
 */
class GeneralActionChainTest {
    private static final Lattice LATTICE = new Lattice(2, 8);
    private static final double KAPPA = 1.0;
    private static final double KAPPA_DIAG = 0.25;
    /** M(0) = 2a - 4 kappa - 4 kappaDiag = 0.5. */
    private static final double A = 2.75;
    private static final double H = 0.1;

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath", "metropolis+wolff",
            "metropolis+sw", "hmc-omelyan"})
    void freeFieldWithDiagonalCouplingsAndLinearTerm(String schedule) {
        FreeField exact = new FreeField(LATTICE, KAPPA, KAPPA_DIAG, A);
        double mean = exact.mean(H);
        Couplings c = Couplings.homogeneous(LATTICE, KAPPA, A, 0.0).withUniform(H, KAPPA_DIAG);
        MeasurementSeries s = Chains.with(c, ch -> ch.run(schedule, 13, 200, 3200, 1));
        int v = LATTICE.volume();
        assertAgrees(schedule + " <m>", s.estimate("m"), mean, 5, 0);
        assertAgrees(schedule + " <phi^2>", s.estimate("phi2"), exact.phi2() + mean * mean, 5, 0);
        assertAgrees(schedule + " <m^2>", s.estimate("m2"), exact.m2() + mean * mean, 5, 0);
        // S = (1/2) d M d - (1/2) h M^-1 h with d = phi - <phi>: <S>/V = 1/2 - h <phi> / 2
        assertAgrees(schedule + " <S>/V", s.estimate("action"), 0.5 - 0.5 * H * mean, 5, 0);
        for (int t = 0; t <= 2; t++) {
            assertAgrees(schedule + " C(" + t + ")", s.estimate("C" + t),
                    exact.correlator(t) + (double) v / LATTICE.size() * mean * mean, 5, 0);
        }
    }

    /** mu^2 = 0.5, lambda = 0.7, plus site-dependent h and diagonal weights. */
    private static Couplings interacting() {
        Couplings c = HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.7).couplings(LATTICE);
        double[] h = new double[LATTICE.volume()];
        for (int x = 0; x < h.length; x++) {
            h[x] = 0.8 * Math.sin(0.9 * x);
        }
        double[] v = new double[LATTICE.volume() * LATTICE.diagonalsPerSite()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.15 + 0.1 * Math.cos(1.3 * i);
        }
        return c.withLinear(h).withDiagonal(v);
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath", "metropolis+wolff", "metropolis+sw",
            "hmc-leapfrog", "hmc-omelyan"})
    void integrationByPartsIdentitiesWithLinearAndDiagonalTerms(String schedule) {
        MeasurementSeries s = Chains.with(interacting(), ch -> ch.run(schedule, 5, 200, 3200, 1));
        double[] s2 = s.column("s2");
        double[] s4 = s.column("s4");
        double[] s1 = s.column("s1");
        double[] sum = new double[s2.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = 2 * s2[i] + 4 * s4[i] + s1[i];
        }
        assertAgrees(schedule + " <2 S2 + 4 S4 + S1>/V", ErrorAnalysis.mean(sum), 1.0, 5, 0);
        assertAgrees(schedule + " <phi dS/dphi>", s.estimate("phiDs"), 1.0, 5, 0);
    }
}
