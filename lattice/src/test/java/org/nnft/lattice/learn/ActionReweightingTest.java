package org.nnft.lattice.learn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reweighting from a model S near the target (every coupling of A perturbed by up to +-5 %, and every a lowered
 * by 3 %, as a partly trained model) to the seed's target A on 4 x 4, against a direct simulation of A:
 * {@code <phi^2>}, {@code <phi^4>},
 * {@code <m^2>} agree within 5 combined sigma, while the unreweighted averages under S do not.
 */
class ActionReweightingTest {
    private static final Lattice LATTICE = ReverseKlTrainerTest.LATTICE;

    private static Couplings perturbed(Couplings c, long seed) {
        double[] theta = CouplingParameters.toVector(c);
        for (int k = 0; k < theta.length; k++) {
            theta[k] *= 1 + 0.1 * (RandomStreams.uniformDouble(seed, 0, k) - 0.5);
        }
        for (int x = 0; x < LATTICE.volume(); x++) {
            theta[LATTICE.links() + x] *= 0.97;
        }
        return CouplingParameters.fromVector(LATTICE, theta);
    }

    private static double[][] series(double[][] samples) {
        double[][] out = new double[3][samples.length];
        for (int n = 0; n < samples.length; n++) {
            double m = 0, p2 = 0, p4 = 0;
            for (double p : samples[n]) {
                m += p;
                p2 += p * p;
                p4 += p * p * p * p;
            }
            int v = samples[n].length;
            out[0][n] = p2 / v;
            out[1][n] = p4 / v;
            out[2][n] = (m / v) * (m / v);
        }
        return out;
    }

    @Tag("slow")
    @Test
    void reweightedModelAveragesMatchTheDirectSimulationOfTheTarget() {
        Couplings target = ReverseKlTrainerTest.TARGET.couplings(LATTICE);
        Couplings model = perturbed(target, 31);
        double[][] fromModel;
        double[][] fromTarget;
        try (Backend backend = Backends.named("cpu")) {
            try (ModelSampler s = new ModelSampler(backend, LATTICE, 8)) {
                fromModel = s.sample(model, 200, 20000, 2);
            }
            try (ModelSampler s = new ModelSampler(backend, LATTICE, 9)) {
                fromTarget = s.sample(target, 200, 20000, 2);
            }
        }
        double[] delta = ActionReweighting.actionDifference(new Phi4Action(model), new Phi4Action(target), fromModel);
        double fraction = ActionReweighting.effectiveFraction(delta);
        assertTrue(fraction > 0.1, "effective sample fraction " + fraction);
        double[][] m = series(fromModel);
        double[][] t = series(fromTarget);
        String[] names = {"phi2", "phi4", "m2"};
        int unweightedOff = 0;
        for (int i = 0; i < names.length; i++) {
            Estimate rw = ActionReweighting.expectation(m[i], delta);
            Estimate direct = ErrorAnalysis.mean(t[i]);
            Estimate plain = ErrorAnalysis.mean(m[i]);
            double sigma = Math.hypot(rw.error(), direct.error());
            System.out.printf("reweighting %s: %s vs direct %s (unreweighted %s), effective fraction %.3f%n",
                    names[i], rw, direct, plain, fraction);
            assertEquals(direct.value(), rw.value(), 5 * sigma, names[i] + " reweighted vs direct");
            if (Math.abs(plain.value() - direct.value()) > 5 * Math.hypot(plain.error(), direct.error())) {
                unweightedOff++;
            }
        }
        assertTrue(unweightedOff > 0, "the model is too close to the target for the test to show reweighting");
    }

    /**
     * Complex target: free field (b = 0, kappa = 1, a = 2.25) on 4 x 4 reweighted to {@code A + i h sum phi^2}.
     * Exact: the mass matrix becomes {@code M(k) + 2ih}, so {@code <phi^2> = (1/V) sum_k 1/(M(k) + 2ih)} and the
     * average phase is {@code |Z'/Z| = prod_k (M(k)^2 / (M(k)^2 + 4h^2))^(1/4)}.
     */
    @Tag("slow")
    @Test
    void complexTargetOfTheFreeFieldMatchesTheExactPropagator() {
        double a = 2.25;
        double h = 0.15;
        Couplings free = Couplings.homogeneous(LATTICE, 1.0, a, 0.0);
        double[][] samples;
        try (Backend backend = Backends.named("cpu"); ModelSampler s = new ModelSampler(backend, LATTICE, 12)) {
            samples = s.sample(free, 200, 20000, 2);
        }
        int v = LATTICE.volume();
        double[] phi2 = series(samples)[0];
        double[] imaginary = new double[phi2.length];
        for (int i = 0; i < phi2.length; i++) {
            imaginary[i] = h * v * phi2[i];
        }
        ActionReweighting.Complex c = ActionReweighting.complexExpectation(phi2, new double[phi2.length], imaginary);
        double re = 0, im = 0, logPhase = 0;
        int[] n = new int[2];
        for (int k = 0; k < v; k++) {
            LATTICE.coordinates(k, n);
            double mk = 2 * a - 2 * (Math.cos(2 * Math.PI * n[0] / 4) + Math.cos(2 * Math.PI * n[1] / 4));
            double den = mk * mk + 4 * h * h;
            re += mk / den / v;
            im -= 2 * h / den / v;
            logPhase += 0.25 * Math.log(mk * mk / den);
        }
        System.out.printf("complex reweighting: Re %s vs %.5f, Im %s vs %.5f, phase %s vs %.5f%n", c.real(), re,
                c.imaginary(), im, c.averagePhase(), Math.exp(logPhase));
        assertEquals(re, c.real().value(), 5 * c.real().error(), "Re <phi^2>");
        assertEquals(im, c.imaginary().value(), 5 * c.imaginary().error(), "Im <phi^2>");
        assertEquals(Math.exp(logPhase), c.averagePhase().value(), 5 * c.averagePhase().error(), "average phase");
        assertTrue(Math.abs(im) > 5 * c.imaginary().error(), "the imaginary part is resolved");
    }

    @Test
    void identicalActionsGiveThePlainMean() {
        double[] o = {1, 2, 3, 4, 6};
        assertEquals(3.2, ActionReweighting.expectation(o, new double[5]).value(), 1e-14);
        assertEquals(1.0, ActionReweighting.effectiveFraction(new double[] {7, 7, 7}), 1e-14);
    }
}
