package org.nnft.lattice.learn;

import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.Estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Learns a target action A without data (reverse KL, docs/physics.md B.4): at each step sample the model S(theta)
 * with a {@link ModelSampler}, estimate {@code dKL/dtheta} by {@link ReverseKlGradient} and update theta with the
 * {@link Optimizer} (the natural gradient preconditions with the previous step's Fisher information, see
 * {@link Optimizer#NATURAL_GRADIENT}). The history records theta after every step and {@code <A - S>} (with error)
 * measured on the samples that step used. The seed's demonstration: start from random inhomogeneous couplings and learn
 * {@code A = -sum phi phi + 1.52425 sum phi^2 + 0.175 sum phi^4}.
 */
public final class ReverseKlTrainer {
    /** One training step: {@code <A - S>} at the couplings sampled, and theta after the update. */
    public record Step(Estimate targetMinusModel, double[] theta) {
    }

    private ReverseKlTrainer() {
    }

    /** Trains from {@code start} towards {@code target}; the couplings must keep every b_x > 0 (normalisable). */
    public static List<Step> train(ModelSampler sampler, Couplings start, Phi4Action target, TrainingSettings s) {
        return train(sampler, start, target, s, t -> { });
    }

    /** As {@link #train(ModelSampler, Couplings, Phi4Action, TrainingSettings)}; {@code onStep} hears each step. */
    public static List<Step> train(ModelSampler sampler, Couplings start, Phi4Action target, TrainingSettings s,
                                   IntConsumer onStep) {
        Lattice l = start.lattice();
        double[] theta = CouplingParameters.toVector(start);
        List<Step> history = new ArrayList<>();
        double[][] previous = null;
        for (int t = 0; t < s.steps(); t++) {
            Couplings model = CouplingParameters.fromVector(l, theta);
            double[][] samples = sampler.sample(model, s.thermalize(), s.samples(), s.every());
            ReverseKlGradient.Result r = ReverseKlGradient.estimate(new Phi4Action(model), target, samples);
            double[][] current = s.optimizer() == Optimizer.NATURAL_GRADIENT ? r.moments().covariance() : null;
            theta = s.optimizer().step(theta, r.gradient(), previous == null ? current : previous, s.eta(),
                    s.damping(), s.maxStep());
            previous = current;
            history.add(new Step(r.targetMinusModel(), theta.clone()));
            onStep.accept(t + 1);
        }
        return history;
    }
}
