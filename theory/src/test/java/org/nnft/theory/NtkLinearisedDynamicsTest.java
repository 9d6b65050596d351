package org.nnft.theory;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NtkLinearisedDynamicsTest {

    private static final double[][] TRAIN = {{-1.0, 0.2}, {0.1, 0.5}, {0.9, -0.3}, {0.4, 1.1}};
    private static final double[] TARGETS = {0.5, -0.2, 0.8, 0.1};
    private static final double[][] TEST = {{0.0, 0.0}, {0.9, -0.3}, {-0.5, 0.7}};

    private static InfiniteWidthKernels erfNet() {
        return new ShallowNetTangentKernel(new ShallowNetTheory(Activation.ERF, 1.5, 0.3, 2), Parameterization.NTK, 1);
    }

    @Test
    void zeroStepsGiveTheNngpPrior() {
        InfiniteWidthKernels k = erfNet();
        GaussianPrediction prior = new LinearisedDynamics(k, TRAIN, TARGETS, 0.1).afterSteps(0, TEST);
        double[][] nngp = k.nngpMatrix(TEST, TEST);
        for (int i = 0; i < TEST.length; i++) {
            assertEquals(0, prior.mean()[i], 0);
            for (int j = 0; j < TEST.length; j++) {
                assertEquals(nngp[i][j], prior.covariance()[i][j], 1e-14);
            }
        }
        GaussianPrediction flow = new LinearisedDynamics(k, TRAIN, TARGETS, 0.1).afterTime(0, TEST);
        assertEquals(nngp[2][2], flow.variance(2), 1e-14);
    }

    @Test
    void manyStepsGiveNtkRegressionWhichInterpolatesTheTrainingSet() {
        InfiniteWidthKernels k = erfNet();
        LinearisedDynamics dynamics = new LinearisedDynamics(k, TRAIN, TARGETS, 0.1);
        double eta = 1.0 / dynamics.largestEigenvalue();
        LinearisedDynamics fast = new LinearisedDynamics(k, TRAIN, TARGETS, eta);
        GaussianPrediction converged = fast.converged(TEST);
        GaussianPrediction late = fast.afterSteps(2_000_000, TEST);
        RealMatrix theta = new Array2DRowRealMatrix(k.ntkMatrix(TRAIN, TRAIN));
        double[] alpha = new LUDecomposition(theta).getSolver().solve(new ArrayRealVector(TARGETS)).toArray();
        double[][] cross = k.ntkMatrix(TEST, TRAIN);
        for (int i = 0; i < TEST.length; i++) {
            double regression = 0;
            for (int a = 0; a < TRAIN.length; a++) {
                regression += cross[i][a] * alpha[a];
            }
            assertEquals(regression, converged.mean()[i], 1e-10);
            assertEquals(regression, late.mean()[i], 1e-8);
            assertEquals(converged.variance(i), late.variance(i), 1e-8);
        }
        // test point 1 is training point 2: the trained network passes through its target with no spread
        assertEquals(TARGETS[2], converged.mean()[1], 1e-10);
        assertEquals(0, converged.variance(1), 1e-10);
    }

    @Test
    void oneTrainingPointHasTheClosedForm() {
        InfiniteWidthKernels k = erfNet();
        double[][] train = {{0.3, -0.4}};
        double y = 1.7;
        double eta = 0.2;
        long steps = 7;
        double[] x = {0.5, 0.8};
        double theta = k.ntk(train[0], train[0]);
        double m = k.ntk(x, train[0]) / theta * (1 - Math.pow(1 - eta * theta, steps));
        GaussianPrediction p = new LinearisedDynamics(k, train, new double[] {y}, eta)
                .afterSteps(steps, new double[][] {x});
        assertEquals(m * y, p.mean()[0], 1e-13);
        double variance = k.nngp(x, x) - 2 * m * k.nngp(train[0], x) + m * m * k.nngp(train[0], train[0]);
        assertEquals(variance, p.variance(0), 1e-13);
        double t = 3.5;
        double mt = k.ntk(x, train[0]) / theta * (1 - Math.exp(-eta * theta * t));
        GaussianPrediction flow = new LinearisedDynamics(k, train, new double[] {y}, eta)
                .afterTime(t, new double[][] {x});
        assertEquals(mt * y, flow.mean()[0], 1e-13);
    }

    @Test
    void discreteFormulaMatchesExplicitIterationOfTheLinearModel() {
        InfiniteWidthKernels k = new ShallowNetTangentKernel(new ShallowNetTheory(Activation.RELU, 1.1, 0.2, 2),
                Parameterization.NTK, 1);
        double eta = 0.3;
        LinearisedDynamics dynamics = new LinearisedDynamics(k, TRAIN, TARGETS, eta);
        // f on Z = TEST then TRAIN is f_k = A_k f_0 + b_k; one step: f <- f - eta Theta(Z, X) (f(X) - Y)
        int nt = TEST.length, n = TRAIN.length;
        double[][] z = new double[nt + n][];
        System.arraycopy(TEST, 0, z, 0, nt);
        System.arraycopy(TRAIN, 0, z, nt, n);
        RealMatrix thetaZx = new Array2DRowRealMatrix(k.ntkMatrix(z, TRAIN));
        RealMatrix kzz = new Array2DRowRealMatrix(k.nngpMatrix(z, z));
        RealMatrix a = new Array2DRowRealMatrix(nt + n, nt + n);
        for (int i = 0; i < nt + n; i++) {
            a.setEntry(i, i, 1);
        }
        ArrayRealVector b = new ArrayRealVector(nt + n);
        ArrayRealVector y = new ArrayRealVector(TARGETS);
        for (int step = 1; step <= 5; step++) {
            RealMatrix aTrain = a.getSubMatrix(nt, nt + n - 1, 0, nt + n - 1);
            ArrayRealVector bTrain = (ArrayRealVector) b.getSubVector(nt, n);
            a = a.subtract(thetaZx.multiply(aTrain).scalarMultiply(eta));
            b = b.subtract(thetaZx.operate(bTrain.subtract(y)).mapMultiply(eta));
            RealMatrix cov = a.multiply(kzz).multiply(a.transpose());
            GaussianPrediction p = dynamics.afterSteps(step, TEST);
            for (int i = 0; i < nt; i++) {
                assertEquals(b.getEntry(i), p.mean()[i], 1e-12, "step " + step);
                for (int j = 0; j < nt; j++) {
                    assertEquals(cov.getEntry(i, j), p.covariance()[i][j], 1e-12, "step " + step);
                }
            }
        }
    }

    @Test
    void smallStepsApproachGradientFlow() {
        InfiniteWidthKernels k = erfNet();
        double eta = 1e-4;
        LinearisedDynamics dynamics = new LinearisedDynamics(k, TRAIN, TARGETS, eta);
        GaussianPrediction steps = dynamics.afterSteps(20_000, TEST);
        GaussianPrediction flow = dynamics.afterTime(20_000, TEST);
        for (int i = 0; i < TEST.length; i++) {
            assertEquals(flow.mean()[i], steps.mean()[i], 1e-4);
            assertEquals(flow.variance(i), steps.variance(i), 1e-4);
        }
    }

    @Test
    void rejectsBadInput() {
        InfiniteWidthKernels k = erfNet();
        assertThrows(IllegalArgumentException.class, () -> new LinearisedDynamics(k, TRAIN, new double[] {1}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new LinearisedDynamics(k, TRAIN, TARGETS, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearisedDynamics(k, TRAIN, TARGETS, 0.1).afterSteps(-1, TEST));
    }
}
