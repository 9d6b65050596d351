package org.nnft.lattice.learn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TargetLearning} end to end on 4 x 4: reverse-KL training to the seed's A (which S represents exactly),
 * then the three reweighting steps against direct simulations and, for a Gaussian target, the exact propagator.
 */
class TargetLearningTest {
    private static final Lattice LATTICE = new Lattice(2, 4);
    private static final double[] G_PRIMES = {0.0, 0.04, 0.08};

    private static double[][] direct(Backend backend, Couplings c, long seed) {
        try (ModelSampler s = new ModelSampler(backend, LATTICE, seed)) {
            return TargetReweighting.series(s.sample(c, 200, 20000, 2));
        }
    }

    /**
     * The seed's A: the learned couplings converge to kappa = 1, a = 1.52425, b = 0.175 (mean within 1e-3, spread
     * over sites below 1e-3); the reweighted phi2, absM, m2 at A and at g' = 0.04, 0.08 agree with direct
     * simulations of {@code A_4(g')} within 4 combined sigma.
     */
    @Test
    @Tag("slow")
    void learnsTheSeedsTargetAndReweightsLikeDirectSimulations() {
        HomogeneousTheory a = new HomogeneousTheory(1.0, 1.52425, 0.175);
        TargetLearning.Config c = new TargetLearning.Config(LATTICE, a, 0.0,
                new TrainingSettings(30, 20, 1600, 2, Optimizer.NATURAL_GRADIENT, 0.5, 1e-8, 0.1), 0.3, 20000, 2,
                G_PRIMES, 0.15, 99);
        try (Backend backend = Backends.named("cpu")) {
            TargetLearning.Result r = TargetLearning.run(c, backend, n -> { });
            System.out.printf("learned w %s%n        a %s%n        b %s%n", r.w(), r.a(), r.b());
            checkCoupling(r.w(), 1.0);
            checkCoupling(r.a(), 1.52425);
            checkCoupling(r.b(), 0.175);
            Estimate last = r.history().getLast().targetMinusModel();
            assertTrue(Math.abs(last.value()) < 1e-3, "<A - S> at the end " + last);
            for (int g = 0; g < G_PRIMES.length; g++) {
                double[][] d = direct(backend, TargetReweighting.withNextNearest(a.couplings(LATTICE), G_PRIMES[g]),
                        500 + g);
                for (int o = 0; o < d.length; o++) {
                    String name = TargetReweighting.OBSERVABLES.get(o);
                    Estimate direct = ErrorAnalysis.mean(d[o]);
                    Estimate rw = r.curve().observables().get(name)[g];
                    System.out.printf("g' = %.2f %s: reweighted %s vs direct %s (effective fraction %.3f)%n",
                            G_PRIMES[g], name, rw, direct, r.curve().effectiveFraction()[g]);
                    assertEquals(direct.value(), rw.value(), 4 * Math.hypot(direct.error(), rw.error()), name);
                    if (g == 0) {
                        Estimate corrected = r.correction().observables().get(name).reweighted();
                        assertEquals(direct.value(), corrected.value(),
                                4 * Math.hypot(direct.error(), corrected.error()), name);
                    }
                }
            }
        }
    }

    private static void checkCoupling(TargetLearning.Spread s, double target) {
        assertEquals(target, s.mean(), 1e-3, s.toString());
        assertTrue(s.spread() < 1e-3, s.toString());
    }

    /**
     * Gaussian target (kappa = 1, a = 2.25, b = 0), S starting at it: the curve along g' = 0, 0.04, 0.08 and the
     * complex mass h = 0.15 (phi2 and m2, real and imaginary, and the average phase) agree with the exact
     * {@link ComplexFreeField} within 4 sigma.
     */
    @Test
    @Tag("slow")
    void gaussianTargetMatchesTheExactComplexPropagator() {
        HomogeneousTheory free = new HomogeneousTheory(1.0, 2.25, 0.0);
        double h = 0.15;
        TargetLearning.Config c = new TargetLearning.Config(LATTICE, free, 0.0,
                new TrainingSettings(1, 20, 100, 2, Optimizer.NATURAL_GRADIENT, 0.5, 1e-8, 0.1), 0.0, 20000, 2,
                G_PRIMES, h, 12);
        TargetLearning.Result r;
        try (Backend backend = Backends.named("cpu")) {
            r = TargetLearning.run(c, backend, n -> { });
        }
        for (int g = 0; g < G_PRIMES.length; g++) {
            double exact = new ComplexFreeField(LATTICE, 1.0, G_PRIMES[g], 2.25).phi2(0)[0];
            Estimate rw = r.curve().observables().get("phi2")[g];
            System.out.printf("free g' = %.2f phi2: reweighted %s vs exact %.5f%n", G_PRIMES[g], rw, exact);
            assertEquals(exact, rw.value(), 4 * rw.error());
        }
        for (String name : new String[]{"phi2", "m2"}) {
            ActionReweighting.Complex z = r.complexMass().observables().get(name);
            double[] exact = name.equals("phi2") ? r.exact().phi2(h) : r.exact().m2(h);
            System.out.printf("free i h = %.2f %s: Re %s vs %.5f, Im %s vs %.5f, phase %s vs %.5f%n", h, name,
                    z.real(), exact[0], z.imaginary(), exact[1], z.averagePhase(), r.exact().averagePhase(h));
            assertEquals(exact[0], z.real().value(), 4 * z.real().error(), name + " real");
            assertEquals(exact[1], z.imaginary().value(), 4 * z.imaginary().error(), name + " imaginary");
            assertEquals(r.exact().averagePhase(h), z.averagePhase().value(), 4 * z.averagePhase().error());
        }
    }

    @Test
    void badConfigurationsAreRefused() {
        TrainingSettings t = new TrainingSettings(1, 1, 2, 1, Optimizer.NATURAL_GRADIENT, 0.5, 1e-8, 0.1);
        HomogeneousTheory a = new HomogeneousTheory(1.0, 1.52425, 0.175);
        assertThrows(IllegalArgumentException.class, () -> new TargetLearning.Config(new Lattice(2, 5), a, 0, t, 0.3,
                10, 1, G_PRIMES, 0.15, 1));
        assertThrows(IllegalArgumentException.class, () -> new TargetLearning.Config(LATTICE, a, Double.NaN, t, 0.3,
                10, 1, G_PRIMES, 0.15, 1));
        assertThrows(IllegalArgumentException.class, () -> new TargetLearning.Config(LATTICE,
                new HomogeneousTheory(1.0, 2.25, 0.0), 0, t, 0.3, 10, 1, G_PRIMES, 0.15, 1));
    }
}
