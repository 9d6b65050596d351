package org.nnft.lattice.update;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.measure.MeasurementSeries;
import org.nnft.lattice.support.Chains;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * Integration-by-parts identities at an interacting coupling ({@code <2 S2 + 4 S4>/V = 1},
 * {@code <phi dS/dphi> = 1}) for every algorithm, and agreement of all algorithms on {@code <phi^2>}.
 */
class InteractingIdentitiesTest {
    private static final Lattice LATTICE = new Lattice(2, 8);
    /** mu^2 = 0.5, lambda = 0.7 in the kappa = 1 convention. */
    private static final HomogeneousTheory THEORY = HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.7);
    private static final String[] SCHEDULES = {"metropolis", "metropolis+or", "heatbath", "metropolis+wolff",
            "metropolis+sw", "hmc-leapfrog", "hmc-omelyan"};

    private static MeasurementSeries run(String schedule) {
        return Chains.with(THEORY.couplings(LATTICE), ch -> ch.run(schedule, 5, 200, 3200, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metropolis", "metropolis+or", "heatbath", "metropolis+wolff",
            "metropolis+sw", "hmc-leapfrog",
            "hmc-omelyan"})
    void integrationByPartsIdentitiesHold(String schedule) {
        MeasurementSeries s = run(schedule);
        double[] s2 = s.column("s2");
        double[] s4 = s.column("s4");
        double[] sum = new double[s2.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = 2 * s2[i] + 4 * s4[i];
        }
        assertAgrees(schedule + " <2 S2 + 4 S4>/V", ErrorAnalysis.mean(sum), 1.0, 5, 0);
        assertAgrees(schedule + " <phi dS/dphi>", s.estimate("phiDs"), 1.0, 5, 0);
    }

    @Tag("slow")
    @Test
    void allAlgorithmsAgreeOnPhi2AndNearestNeighbour() {
        for (String obs : new String[] {"phi2", "nn"}) {
            List<Estimate> es = new ArrayList<>();
            for (String schedule : SCHEDULES) {
                es.add(run(schedule).estimate(obs));
            }
            Estimate ref = es.get(1);
            for (int i = 0; i < es.size(); i++) {
                Estimate e = es.get(i);
                double sigma = Math.hypot(e.error(), ref.error());
                assertTrue(Math.abs(e.value() - ref.value()) < 5 * sigma,
                        obs + ": " + SCHEDULES[i] + " " + e + " vs metropolis+or " + ref);
            }
        }
    }
}
