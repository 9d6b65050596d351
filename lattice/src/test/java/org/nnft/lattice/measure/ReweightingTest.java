package org.nnft.lattice.measure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.support.Chains;
import org.nnft.lattice.support.FreeField;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * Reweighting in mu^2, kappa (at fixed a and at fixed mu^2) and lambda: free field against the exact values at
 * the new coupling; exact identities of the estimator; interacting theory against direct runs at the new coupling.
 */
class ReweightingTest {
    private static final Lattice SMALL = new Lattice(2, 4);

    private static MeasurementSeries run(Lattice lattice, HomogeneousTheory t, long seed) {
        return Chains.with(t.couplings(lattice), ch -> ch.run("metropolis+or", seed, 200, 6400, 1));
    }

    @Test
    void reweightedPhi2MatchesExactValueAtTheNewMass() {
        double mu2 = 0.5;
        MeasurementSeries s = Chains.with(Couplings.homogeneous(SMALL, 1.0, (mu2 + 4) / 2, 0.0),
                ch -> ch.run("metropolis+or", 3, 200, 6400, 1));
        for (double target : new double[] {0.4, 0.6}) {
            Estimate e = Reweighting.inMu2(s.column("phi2"), s.column("phi2"), SMALL.volume(), target - mu2);
            double exact = new FreeField(SMALL, 1.0, (target + 4) / 2).phi2();
            assertAgrees("reweighted <phi^2> at mu^2 = " + target, e, exact, 5, 0);
        }
        // no-op reweighting reproduces the plain mean
        Estimate same = Reweighting.inMu2(s.column("phi2"), s.column("phi2"), SMALL.volume(), 0.0);
        assertAgrees("identity reweighting", same, s.estimate("phi2").value(), 1e-9, 1e-12);
    }

    /** Free field kappa = 1, a = 2.25 (mu^2 = 0.5) to kappa' = 0.96, 1.04, at fixed a and at fixed mu^2. */
    @Test
    void freeFieldKappaReweightingMatchesExactValues() {
        HomogeneousTheory from = new HomogeneousTheory(1.0, 2.25, 0.0);
        MeasurementSeries s = run(SMALL, from, 5);
        for (double kappa : new double[] {0.96, 1.04}) {
            HomogeneousTheory[] targets = {new HomogeneousTheory(kappa, 2.25, 0.0),
                    Reweighting.kappaAtFixedMu2(from, 2, kappa)};
            for (HomogeneousTheory to : targets) {
                FreeField exact = new FreeField(SMALL, to.kappa(), to.a());
                assertAgrees("<phi^2> at " + to, Reweighting.toTheory(s.column("phi2"), s, SMALL, from, to),
                        exact.phi2(), 5, 0);
                assertAgrees("<phi phi_nn> at " + to, Reweighting.toTheory(s.column("nn"), s, SMALL, from, to),
                        exact.nearestNeighbour(), 5, 0);
            }
        }
        assertEquals(0.5, Reweighting.kappaAtFixedMu2(from, 2, 1.04).mu2(2), 1e-12, "mu^2 held fixed");
    }

    /**
     * Identities of the estimator (no statistics involved): the same theory gives the plain mean exactly, and the
     * kappa-derivative of the reweighted mean at the run's coupling is the covariance
     * {@code d<O>/dkappa = <O X> - <O><X>}, {@code X = -dS/dkappa = d V nn} (sign of the exponent); central
     * difference with h = 1e-5, truncation ~ h^2 relative.
     */
    @Test
    void estimatorIdentities() {
        HomogeneousTheory from = HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.7);
        MeasurementSeries s = run(SMALL, from, 7);
        double[] phi2 = s.column("phi2");
        Estimate same = Reweighting.toTheory(phi2, s, SMALL, from, from);
        assertEquals(s.estimate("phi2").value(), same.value(), 1e-15);
        double h = 1e-5;
        double up = Reweighting.toTheory(phi2, s, SMALL, from,
                new HomogeneousTheory(1 + h, from.a(), from.b())).value();
        double down = Reweighting.toTheory(phi2, s, SMALL, from,
                new HomogeneousTheory(1 - h, from.a(), from.b())).value();
        double[] nn = s.column("nn");
        double mo = 0, mx = 0, mox = 0;
        for (int i = 0; i < nn.length; i++) {
            double x = 2 * SMALL.volume() * nn[i];
            mo += phi2[i];
            mx += x;
            mox += phi2[i] * x;
        }
        int n = nn.length;
        double covariance = mox / n - (mo / n) * (mx / n);
        assertTrue(Math.abs(covariance) > 1e-3, "covariance " + covariance + " must be non-trivial");
        assertEquals(covariance, (up - down) / (2 * h), 1e-6 * Math.abs(covariance));
    }

    /**
     * Interacting theory (mu^2 = 0.5, lambda = 0.7, 6 x 6): reweighted to lambda = 0.8, to kappa = 1.03 at fixed a
     * and at fixed mu^2, against direct runs there within 5 combined sigma; and the integration-by-parts identity
     * {@code <2 S2' + 4 S4'>'/V = 1} of the target action, evaluated with the reweighted measure.
     */
    @Tag("slow")
    @Test
    void interactingReweightingAgreesWithDirectRuns() {
        Lattice lattice = new Lattice(2, 6);
        HomogeneousTheory from = HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.7);
        MeasurementSeries s = run(lattice, from, 9);
        HomogeneousTheory[] targets = {HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.8),
                new HomogeneousTheory(1.03, from.a(), from.b()), Reweighting.kappaAtFixedMu2(from, 2, 1.03)};
        long seed = 11;
        for (HomogeneousTheory to : targets) {
            MeasurementSeries direct = run(lattice, to, seed++);
            for (String obs : new String[] {"phi2", "nn"}) {
                Estimate r = Reweighting.toTheory(s.column(obs), s, lattice, from, to);
                Estimate d = direct.estimate(obs);
                double sigma = Math.hypot(r.error(), d.error());
                assertTrue(Math.abs(r.value() - d.value()) <= 5 * sigma,
                        obs + " at " + to + ": reweighted " + r + " vs direct " + d);
            }
            double[] ibp = new double[s.size()];
            double[] nn = s.column("nn"), phi2 = s.column("phi2"), phi4 = s.column("phi4");
            for (int i = 0; i < ibp.length; i++) {
                double s2 = -to.kappa() * 2 * nn[i] + to.a() * phi2[i];
                ibp[i] = 2 * s2 + 4 * to.b() * phi4[i];
            }
            assertAgrees("<2 S2' + 4 S4'>'/V at " + to, Reweighting.toTheory(ibp, s, lattice, from, to), 1.0, 5, 0);
        }
    }
}
