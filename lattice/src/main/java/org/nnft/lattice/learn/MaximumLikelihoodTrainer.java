package org.nnft.lattice.learn;

import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Learns couplings from data (forward KL = maximum likelihood, docs/physics.md B.4). The negative log-likelihood
 * per configuration is {@code <S>_data + ln Z(theta)}, with gradient {@code <f>_data - <f>_theta},
 * {@code f = dS/dtheta}; gradient descent is
 * {@code w_ij += eta (<phi_i phi_j>_data - <phi_i phi_j>_model)}, {@code a_i -= eta (<phi_i^2>_data -
 * <phi_i^2>_model)},
 * {@code b_i -= eta (<phi_i^4>_data - <phi_i^4>_model)}; the {@link Optimizer#NATURAL_GRADIENT} preconditions it
 * with the model's Fisher information, taken from the previous step's samples. Model averages come from a persistent
 * {@link ModelSampler}. The history holds theta after every step.
 */
public final class MaximumLikelihoodTrainer {
    private MaximumLikelihoodTrainer() {
    }

    /** Trains from {@code start} on the configurations {@code data} (each of V values). */
    public static List<double[]> train(ModelSampler sampler, Couplings start, double[][] data, TrainingSettings s) {
        return train(sampler, start, data, s, t -> { });
    }

    /** As {@link #train(ModelSampler, Couplings, double[][], TrainingSettings)}; {@code onStep} hears each step. */
    public static List<double[]> train(ModelSampler sampler, Couplings start, double[][] data, TrainingSettings s,
                                       IntConsumer onStep) {
        Lattice l = start.lattice();
        if (data.length < 1) {
            throw new IllegalArgumentException("data must hold at least one configuration");
        }
        double[] dataMean = new double[CouplingParameters.count(l)];
        double[] f = new double[dataMean.length];
        for (double[] phi : data) {
            if (phi.length != l.volume()) {
                throw new IllegalArgumentException("data configurations must have " + l.volume() + " values, got "
                        + phi.length);
            }
            CouplingParameters.features(l, phi, f);
            for (int k = 0; k < f.length; k++) {
                dataMean[k] += f[k] / data.length;
            }
        }
        double[] theta = CouplingParameters.toVector(start);
        List<double[]> history = new ArrayList<>();
        double[][] previous = null;
        for (int t = 0; t < s.steps(); t++) {
            Couplings model = CouplingParameters.fromVector(l, theta);
            double[][] samples = sampler.sample(model, s.thermalize(), s.samples(), s.every());
            FeatureMoments moments = new FeatureMoments(CouplingParameters.features(l, samples));
            double[] g = moments.mean();
            for (int k = 0; k < g.length; k++) {
                g[k] = dataMean[k] - g[k];
            }
            double[][] current = s.optimizer() == Optimizer.NATURAL_GRADIENT ? moments.covariance() : null;
            theta = s.optimizer().step(theta, g, previous == null ? current : previous, s.eta(), s.damping(),
                    s.maxStep());
            previous = current;
            history.add(theta.clone());
            onStep.accept(t + 1);
        }
        return history;
    }
}
