package org.nnft.lattice.measure;

import org.junit.jupiter.api.Test;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.support.Chains;
import org.nnft.lattice.support.FreeField;

import static org.nnft.lattice.support.Chains.assertAgrees;

/** Reweighting a free-field run from mu^2 = 0.5 to mu^2 = 0.6 and 0.4 against the exact <phi^2> there. */
class ReweightingTest {
    @Test
    void reweightedPhi2MatchesExactValueAtTheNewMass() {
        Lattice lattice = new Lattice(2, 4);
        double mu2 = 0.5;
        MeasurementSeries s = Chains.with(Couplings.homogeneous(lattice, 1.0, (mu2 + 4) / 2, 0.0),
                ch -> ch.run("metropolis+or", 3, 200, 6400, 1));
        for (double target : new double[] {0.4, 0.6}) {
            Estimate e = Reweighting.inMu2(s.column("phi2"), s.column("phi2"), lattice.volume(), target - mu2);
            double exact = new FreeField(lattice, 1.0, (target + 4) / 2).phi2();
            assertAgrees("reweighted <phi^2> at mu^2 = " + target, e, exact, 5, 0);
        }
        // no-op reweighting reproduces the plain mean
        Estimate same = Reweighting.inMu2(s.column("phi2"), s.column("phi2"), lattice.volume(), 0.0);
        assertAgrees("identity reweighting", same, s.estimate("phi2").value(), 1e-9, 1e-12);
    }
}
