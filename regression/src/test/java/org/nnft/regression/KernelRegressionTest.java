package org.nnft.regression;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.InfiniteWidthKernels;
import org.nnft.theory.LinearisedDynamics;
import org.nnft.theory.Parameterization;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.ShallowNetTangentKernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelRegressionTest {

    private static final double[][] TRAIN = {{-1.0, 0.2}, {0.1, 0.5}, {0.9, -0.3}};
    private static final double[] TARGETS = {0.5, -0.2, 0.8};
    private static final double[][] TEST = {{0.0, 0.0}, {0.9, -0.3}, {-0.5, 0.7}};

    private static InfiniteWidthKernels reluNet() {
        return new ShallowNetTangentKernel(new ShallowNetTheory(Activation.RELU, 1.4, 0.3, 2), Parameterization.NTK, 1);
    }

    @Test
    void nngpPosteriorOfThreePointsMatchesCommonsMath() {
        InfiniteWidthKernels k = reluNet();
        double noise = 0.01;
        GaussianPrediction p = new NngpRegression(k, TRAIN, TARGETS, noise).predict(TEST);
        RealMatrix a = new Array2DRowRealMatrix(k.nngpMatrix(TRAIN, TRAIN));
        for (int i = 0; i < TRAIN.length; i++) {
            a.addToEntry(i, i, noise);
        }
        RealMatrix inverse = new LUDecomposition(a).getSolver().getInverse();
        RealMatrix cross = new Array2DRowRealMatrix(k.nngpMatrix(TEST, TRAIN));
        double[] mean = cross.operate(inverse.operate(new ArrayRealVector(TARGETS))).toArray();
        RealMatrix covariance = new Array2DRowRealMatrix(k.nngpMatrix(TEST, TEST))
                .subtract(cross.multiply(inverse).multiply(cross.transpose()));
        for (int i = 0; i < TEST.length; i++) {
            assertEquals(mean[i], p.mean()[i], 1e-12);
            for (int j = 0; j < TEST.length; j++) {
                assertEquals(covariance.getEntry(i, j), p.covariance()[i][j], 1e-12);
            }
        }
    }

    @Test
    void ntkRegressionMatchesTheConvergedLinearisedDynamics() {
        InfiniteWidthKernels k = reluNet();
        GaussianPrediction expected = new LinearisedDynamics(k, TRAIN, TARGETS, 0.1).converged(TEST);
        NtkRegression regression = new NtkRegression(k, TRAIN, TARGETS, 0);
        GaussianPrediction p = regression.predict(TEST);
        double[] mean = regression.mean(TEST);
        for (int i = 0; i < TEST.length; i++) {
            assertEquals(expected.mean()[i], p.mean()[i], 1e-11);
            assertEquals(expected.mean()[i], mean[i], 1e-11);
            for (int j = 0; j < TEST.length; j++) {
                assertEquals(expected.covariance()[i][j], p.covariance()[i][j], 1e-11);
            }
        }
        assertEquals(TARGETS[2], p.mean()[1], 1e-11);
    }
}
