package org.nnft.lattice.learn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.measure.ErrorAnalysis;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Maximum likelihood recovers the couplings that generated the data: data from the seed's target theory on
 * 4 x 4 (Metropolis + overrelaxation, every 4th sweep), training from random inhomogeneous couplings with the
 * natural gradient: 20 steps with eta = 0.5 (trust region 0.05) to approach, then 40 steps with eta = 0.1, of which
 * the last 30 are averaged. The small final step matters: the iterates fluctuate by about eta times the
 * model-sampling error, and the curvature of {@code <f>_theta} turns that spread into a bias of the average
 * (with eta = 0.5 throughout, the average of w and b came out 2-2.5 sigma low for three data seeds while the
 * linearised maximum-likelihood estimate of the same data sat within 1 sigma). The average of the last iterates has two
 * errors: the data's, {@code F^-1 / N_data} for the
 * maximum-likelihood estimate (F the Fisher information at the optimum, estimated from model samples), and the
 * model-sampling noise of the iterates, from the Gamma method on each parameter's trajectory. Both counts of
 * independent configurations are divided by 2 tau_int, the largest over the data series of phi^2, phi^4 and m^2.
 */
class MaximumLikelihoodTrainerTest {
    private static final Lattice LATTICE = ReverseKlTrainerTest.LATTICE;

    @Tag("slow")
    @Test
    void recoversTheCouplingsThatGeneratedTheData() {
        Couplings target = ReverseKlTrainerTest.TARGET.couplings(LATTICE);
        double[] star = CouplingParameters.toVector(target);
        int n = star.length;
        int steps = 40;
        int averaged = 30;
        int modelSamples = 1000;
        double[][] data;
        List<double[]> history;
        double[][] fisher;
        try (Backend backend = Backends.named("cpu")) {
            try (ModelSampler generator = new ModelSampler(backend, LATTICE, 4242)) {
                data = generator.sample(target, 200, 8000, 4);
            }
            try (ModelSampler sampler = new ModelSampler(backend, LATTICE, 77)) {
                List<double[]> approach = MaximumLikelihoodTrainer.train(sampler, ReverseKlTrainerTest.randomStart(5),
                        data, new TrainingSettings(20, 10, 500, 4, Optimizer.NATURAL_GRADIENT, 0.5, 1e-8, 0.05));
                history = MaximumLikelihoodTrainer.train(sampler,
                        CouplingParameters.fromVector(LATTICE, approach.get(approach.size() - 1)), data,
                        new TrainingSettings(steps, 10, modelSamples, 4, Optimizer.NATURAL_GRADIENT, 0.1, 1e-8, 0.2));
                double[] last = history.get(steps - 1);
                fisher = new FeatureMoments(CouplingParameters.features(LATTICE,
                        sampler.sample(CouplingParameters.fromVector(LATTICE, last), 10, 8000, 4))).covariance();
            }
        }
        double tau = 0.5;
        for (String what : new String[] {"phi2", "phi4", "m2"}) {
            tau = Math.max(tau, ErrorAnalysis.mean(summary(data, what)).tauInt());
        }
        double nData = data.length / (2 * tau);
        double[][] inverse = MatrixUtils.inverse(new Array2DRowRealMatrix(fisher)).getData();
        int bad = 0;
        StringBuilder report = new StringBuilder();
        for (int k = 0; k < n; k++) {
            double[] trajectory = new double[averaged];
            for (int t = 0; t < averaged; t++) {
                trajectory[t] = history.get(steps - averaged + t)[k];
            }
            var iterate = ErrorAnalysis.mean(trajectory);
            double sigma = Math.sqrt(iterate.error() * iterate.error() + inverse[k][k] / nData);
            if (Math.abs(iterate.value() - star[k]) > 5 * sigma) {
                bad++;
                report.append(String.format("%n parameter %d: %.5f vs %.5f, sigma %.2g (iterates %.2g)", k,
                        iterate.value(), star[k], sigma, iterate.error()));
            }
            if (k % 16 == 0) {
                System.out.printf("ML parameter %d: %.5f +- %.2g (data %.2g) vs %.5f%n", k, iterate.value(), sigma,
                        Math.sqrt(inverse[k][k] / nData), star[k]);
            }
        }
        assertTrue(bad == 0, bad + " parameters off by more than 5 sigma (tau_int of the data " + tau + "):" + report);
        // group averages (all w, all a, all b) are sharper: u = indicator / size, variance u F^-1 u / N_data
        int links = LATTICE.links();
        int v = LATTICE.volume();
        int[][] groups = {{0, links}, {links, links + v}, {links + v, links + 2 * v}};
        for (int[] g : groups) {
            double size = g[1] - g[0];
            double[] trajectory = new double[averaged];
            for (int t = 0; t < averaged; t++) {
                for (int k = g[0]; k < g[1]; k++) {
                    trajectory[t] += history.get(steps - averaged + t)[k] / size;
                }
            }
            double dataVariance = 0;
            for (int k = g[0]; k < g[1]; k++) {
                for (int l = g[0]; l < g[1]; l++) {
                    dataVariance += inverse[k][l] / (size * size * nData);
                }
            }
            var iterate = ErrorAnalysis.mean(trajectory);
            double sigma = Math.sqrt(iterate.error() * iterate.error() + dataVariance);
            System.out.printf("ML group mean: %.5f +- %.2g vs %.5f%n", iterate.value(), sigma, star[g[0]]);
            assertTrue(Math.abs(iterate.value() - star[g[0]]) <= 5 * sigma,
                    "group mean " + iterate.value() + " vs " + star[g[0]] + ", sigma " + sigma);
        }
    }

    /** Per-configuration series of the site average of phi^2, of phi^4, or of m^2. */
    private static double[] summary(double[][] data, String what) {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            double s = 0;
            for (double p : data[i]) {
                s += switch (what) {
                    case "phi2" -> p * p;
                    case "phi4" -> p * p * p * p;
                    default -> p;
                };
            }
            s /= data[i].length;
            out[i] = what.equals("m2") ? s * s : s;
        }
        return out;
    }
}
