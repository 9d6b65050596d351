package org.nnft.theory;

import java.util.SplittableRandom;

/**
 * Test helper: the empirical NTK sum_p (df(x)/dp)(df(y)/dp) of explicitly sampled finite networks, from
 * their parameter gradients written out by hand, averaged over many networks with its standard error.
 */
final class SampledGradients {

    /** Mean and standard error of a sample. */
    record Estimate(double mean, double error) {
    }

    private SampledGradients() {
    }

    /** Empirical NTK of {@code networks} sampled shallow nets of width N, averaged. */
    static Estimate shallowNet(ShallowNetTheory net, Parameterization p, int width, double[] x, double[] y,
            int networks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = net.inputDimension();
        double sw = net.sigmaW();
        double sb = net.sigmaB();
        double vx = net.preactivationCovariance(x, x);
        double vy = net.preactivationCovariance(y, y);
        double[] values = new double[networks];
        for (int s = 0; s < networks; s++) {
            // unit normals; the standard parameterisation's weights are these times their scales
            double[][] omega0 = new double[width][d];
            double[] beta0 = new double[width];
            double[] omega1 = new double[width];
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < d; j++) {
                    omega0[i][j] = random.nextGaussian();
                }
                beta0[i] = random.nextGaussian();
                omega1[i] = random.nextGaussian();
            }
            double[] gx = gradient(net, p, width, omega0, beta0, omega1, x, vx);
            double[] gy = gradient(net, p, width, omega0, beta0, omega1, y, vy);
            double dot = 0;
            for (int k = 0; k < gx.length; k++) {
                dot += gx[k] * gy[k];
            }
            values[s] = dot;
        }
        return estimate(values);
    }

    /** df/dp for p = (W0 or omega0 [N x d], b0 or beta0 [N], W1 or omega1 [N], b1 or beta1). */
    private static double[] gradient(ShallowNetTheory net, Parameterization p, int width, double[][] omega0,
            double[] beta0, double[] omega1, double[] x, double variance) {
        int d = x.length;
        double inScale = net.sigmaW() / Math.sqrt(d);
        double outScale = net.sigmaW() / Math.sqrt(width);
        double[] g = new double[width * (d + 2) + 1];
        for (int i = 0; i < width; i++) {
            double z = net.sigmaB() * beta0[i];
            for (int j = 0; j < d; j++) {
                z += inScale * omega0[i][j] * x[j];
            }
            double act = net.activation().apply(z, variance);
            double slope = switch (net.activation()) {
                case RELU -> z > 0 ? 1 : 0;
                case ERF -> 2 / Math.sqrt(Math.PI) * Math.exp(-z * z);
                case GAUSS -> act;
            };
            double w1 = outScale * omega1[i];
            if (p == Parameterization.STANDARD) {
                for (int j = 0; j < d; j++) {
                    g[i * d + j] = w1 * slope * x[j];
                }
                g[width * d + i] = w1 * slope;
                g[width * (d + 1) + i] = act;
            } else {
                for (int j = 0; j < d; j++) {
                    g[i * d + j] = w1 * slope * inScale * x[j];
                }
                g[width * d + i] = w1 * slope * net.sigmaB();
                g[width * (d + 1) + i] = outScale * act;
            }
        }
        g[g.length - 1] = p == Parameterization.STANDARD ? 1 : net.sigmaB();
        return g;
    }

    /**
     * Empirical NTK of sampled d = 1 free-scalar cos-nets (w uniform in [-Lambda, Lambda],
     * A(w) = sqrt(2 vol / (sigma_a^2 2 pi)) / sqrt(w^2 + m^2), vol = 2 Lambda), trainable a (or alpha), c, w.
     */
    static Estimate cosNet(double mass, double cutoff, double sigmaA, Parameterization p, int width, double x,
            double y, int networks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double norm2 = 2 * (2 * cutoff) / (sigmaA * sigmaA * 2 * Math.PI);
        double outScale = sigmaA / Math.sqrt(width);
        double[] values = new double[networks];
        for (int s = 0; s < networks; s++) {
            double sum = 0;
            for (int i = 0; i < width; i++) {
                double w = cutoff * (2 * random.nextDouble() - 1);
                double c = Math.PI * (2 * random.nextDouble() - 1);
                double a = outScale * random.nextGaussian();
                double amp = Math.sqrt(norm2 / (w * w + mass * mass));
                double cx = amp * Math.cos(w * x + c), cy = amp * Math.cos(w * y + c);
                double sx = -a * amp * Math.sin(w * x + c), sy = -a * amp * Math.sin(w * y + c);
                double outGrad = p == Parameterization.STANDARD ? 1 : outScale * outScale;
                sum += outGrad * cx * cy + sx * sy + (sx * x) * (sy * y);
            }
            values[s] = sum;
        }
        return estimate(values);
    }

    private static Estimate estimate(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        var /= values.length - 1;
        return new Estimate(mean, Math.sqrt(var / values.length));
    }
}
