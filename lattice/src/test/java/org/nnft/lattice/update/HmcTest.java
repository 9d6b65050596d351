package org.nnft.lattice.update;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.lattice.support.Chains.assertAgrees;

/** HMC: reversibility to round-off, {@code <exp(-Delta H)> = 1}, and the integrator's error order. */
class HmcTest {
    private static final Lattice LATTICE = new Lattice(2, 6);
    private static final Phi4Action ACTION = new Phi4Action(
            HomogeneousTheory.fromMassAndLambda(2, 0.5, 0.7).couplings(LATTICE));

    private static double[] randomField(long stream) {
        double[] phi = new double[LATTICE.volume()];
        for (int x = 0; x < phi.length; x++) {
            phi[x] = RandomStreams.normal(3, stream, x) * 0.5;
        }
        return phi;
    }

    @ParameterizedTest
    @EnumSource(Integrator.class)
    void trajectoryIsReversibleToRoundOff(Integrator integrator) {
        Hmc hmc = new Hmc(ACTION, integrator, 1.0, 10);
        double[] phi = randomField(1);
        double[] p = randomField(2);
        double[] phi0 = phi.clone();
        double h0 = hmc.hamiltonian(phi, p);
        hmc.integrate(phi, p);
        assertTrue(Math.abs(hmc.hamiltonian(phi, p) - h0) < 0.5, "energy roughly conserved");
        for (int x = 0; x < p.length; x++) {
            p[x] = -p[x];
        }
        hmc.integrate(phi, p);
        for (int x = 0; x < phi.length; x++) {
            assertEquals(phi0[x], phi[x], 1e-12, "site " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(Integrator.class)
    void energyViolationScalesAsStepSquared(Integrator integrator) {
        // asymptotic regime: 20 vs 40 steps, |dH| summed over 8 starting points (one trajectory's dH can
        // be accidentally small when terms of different order cancel)
        double[] dh = new double[2];
        int[] steps = {20, 40};
        for (int i = 0; i < 2; i++) {
            Hmc hmc = new Hmc(ACTION, integrator, 1.0, steps[i]);
            for (int start = 0; start < 8; start++) {
                double[] phi = randomField(10 + 2 * start);
                double[] p = randomField(11 + 2 * start);
                double h0 = hmc.hamiltonian(phi, p);
                hmc.integrate(phi, p);
                dh[i] += Math.abs(hmc.hamiltonian(phi, p) - h0);
            }
        }
        double ratio = dh[0] / dh[1];
        assertTrue(ratio > 2.5 && ratio < 6, integrator + ": |dH| ratio for halved step " + ratio + " (expected ~4)");
    }

    @ParameterizedTest
    @EnumSource(Integrator.class)
    void expMinusDeltaHAveragesToOne(Integrator integrator) {
        try (Backend backend = Backends.named("cpu");
             LatticeField field = new LatticeField(backend, randomField(1))) {
            Hmc hmc = new Hmc(ACTION, integrator, 1.0, 4);
            int n = 3200;
            double[] w = new double[n];
            for (int i = 0; i < 200 + n; i++) {
                hmc.apply(field, 9, i);
                if (i >= 200) {
                    w[i - 200] = Math.exp(-hmc.lastDeltaH());
                }
            }
            Estimate e = ErrorAnalysis.mean(w);
            assertAgrees(integrator + " <exp(-dH)>", e, 1.0, 5, 0);
        }
    }
}
