package org.nnft.lattice.update;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.support.Chains;
import org.nnft.lattice.support.FreeField;

import static org.nnft.lattice.support.Chains.assertAgrees;

/** Free field (b = 0) against the exact lattice-momentum sums, for each algorithm. */
class FreeFieldTest {
    private static final Lattice LATTICE = new Lattice(2, 8);
    private static final double KAPPA = 1.0;
    private static final double A = 2.25; // mu^2 = 0.5

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath", "metropolis+wolff", "hmc-omelyan"})
    void momentsAndCorrelatorMatchTheExactPropagator(String schedule) {
        FreeField exact = new FreeField(LATTICE, KAPPA, A);
        MeasurementSeries s = Chains.with(Couplings.homogeneous(LATTICE, KAPPA, A, 0.0),
                ch -> ch.run(schedule, 11, 200, 3200, 1));
        assertAgrees(schedule + " <phi^2>", s.estimate("phi2"), exact.phi2(), 5, 0);
        assertAgrees(schedule + " <S>/V", s.estimate("action"), 0.5, 5, 0);
        assertAgrees(schedule + " <m^2>", s.estimate("m2"), exact.m2(), 5, 0);
        for (int t = 0; t <= 2; t++) {
            assertAgrees(schedule + " C(" + t + ")", s.estimate("C" + t), exact.correlator(t), 5, 0);
        }
    }
}
