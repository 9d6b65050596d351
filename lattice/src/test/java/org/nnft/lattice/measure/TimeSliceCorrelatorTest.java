package org.nnft.lattice.measure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.support.Chains;
import org.nnft.lattice.support.FreeField;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.lattice.support.Chains.assertAgrees;

/**
 * Connected time-slice correlator and effective mass: the exact free-field sum is a pure cosh with the lattice
 * dispersion; the estimators reproduce a noiseless cosh exactly; free-field Monte Carlo (2D and 3D) agrees
 * with the exact C(t) and m_eff. Statistics: 5 sigma of m_eff(1) is about 2.3% (2D) and 3% (3D) of the mass;
 * a 5% shift of the prediction fails.
 */
class TimeSliceCorrelatorTest {
    @Test
    void exactFreeCorrelatorIsAPureCoshWithTheLatticeDispersion() {
        for (int dim = 2; dim <= 4; dim++) {
            Lattice lattice = new Lattice(dim, 6);
            FreeField f = new FreeField(lattice, 0.8, dim * 0.8 + 0.3);
            for (int t = 1; t < 6; t++) {
                double ratio = (f.correlator(t - 1) + f.correlator(t + 1)) / (2 * f.correlator(t));
                assertEquals(Math.cosh(f.effectiveMass()), ratio, 1e-12, "d = " + dim + ", t = " + t);
            }
        }
    }

    @Test
    void noiselessCoshIsRecoveredExactly() {
        Lattice lattice = new Lattice(2, 8);
        double mass = 0.37;
        List<String> names = new ArrayList<>(List.of("m"));
        for (int t = 0; t < 8; t++) {
            names.add("C" + t);
        }
        MeasurementSeries s = new MeasurementSeries(names);
        for (int i = 0; i < 10; i++) {
            double amp = 1 + 0.1 * i; // fluctuating amplitude, constant mass; <m> = 0.05 subtracted
            double[] row = new double[9];
            row[0] = 0.05;
            for (int t = 0; t < 8; t++) {
                row[1 + t] = amp * Math.cosh(mass * (t - 4)) + 8 * 0.05 * 0.05;
            }
            s.add(row);
        }
        List<Estimate> c = TimeSliceCorrelator.correlator(s, lattice);
        List<Estimate> m = TimeSliceCorrelator.effectiveMass(s, lattice);
        assertEquals(5, c.size());
        assertEquals(4, m.size());
        for (int t = 0; t <= 4; t++) {
            assertEquals(1.45 * Math.cosh(mass * (t - 4)), c.get(t).value(), 1e-12, "C(" + t + ")");
        }
        for (int t = 1; t <= 4; t++) {
            assertEquals(mass, m.get(t - 1).value(), 1e-12, "m_eff(" + t + ")");
        }
    }

    @Test
    void undefinedEffectiveMassIsNaN() {
        Lattice lattice = new Lattice(2, 4);
        MeasurementSeries s = new MeasurementSeries(List.of("m", "C0", "C1", "C2", "C3"));
        s.add(new double[] {0, 1, 1, 1, 1});
        s.add(new double[] {0, 1, 1, 1, 1.0});
        s.add(new double[] {0, 1, 2, 1, 2}); // C1 > (C0 + C2)/2: cosh ratio < 1
        List<Estimate> m = TimeSliceCorrelator.effectiveMass(s, lattice);
        assertTrue(Double.isNaN(m.get(0).value()), "m_eff(1) " + m.get(0));
    }

    @Tag("slow")
    @ParameterizedTest
    @CsvSource({"2, 16, 51200", "3, 8, 25600"})
    void freeFieldMonteCarloMatchesTheExactCorrelatorAndMass(int dim, int size, int measurements) {
        Lattice lattice = new Lattice(dim, size);
        double kappa = 1.0;
        double a = (0.5 + 2 * dim * kappa) / 2; // mu^2 = 0.5: cosh m = 1.25, m = ln 2
        FreeField exact = new FreeField(lattice, kappa, a);
        MeasurementSeries s = Chains.with(Couplings.homogeneous(lattice, kappa, a, 0.0),
                ch -> ch.run("heatbath", 7, 100, measurements, 1));
        List<Estimate> c = TimeSliceCorrelator.correlator(s, lattice);
        for (int t = 0; t <= size / 2; t++) {
            assertAgrees(dim + "D C(" + t + ")", c.get(t), exact.correlator(t), 5, 0);
        }
        List<Estimate> m = TimeSliceCorrelator.effectiveMass(s, lattice);
        for (int t = 1; t <= 2; t++) {
            assertAgrees(dim + "D m_eff(" + t + ")", m.get(t - 1), exact.effectiveMass(), 5, 0);
        }
    }
}
