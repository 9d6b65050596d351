package org.nnft.ensemble.arch;

import org.nnft.engine.kernel.Kernel;

/**
 * Single-hidden-layer i.i.d. network (docs/physics.md A.1) with d_out outputs sharing the hidden layer:
 * {@code f_k(x) = sum_i W1_ik act(W0_i.x + b0_i) + b1_k}, W0 ~ N(0, sigma_W^2/d), b0 ~ N(0, sigma_b^2),
 * W1 ~ N(0, sigma_W^2/N), b1 ~ N(0, sigma_b^2). Exact at every N: G2_kl(x, y) = delta_kl K(x, y)
 * with the closed-form kernels of docs/physics.md A.1.
 *
 * @param activation      erf, ReLU or Gauss
 * @param inputDimension  d >= 1
 * @param outputDimension d_out >= 1
 * @param width           N >= 1
 * @param sigmaW          sigma_W > 0
 * @param sigmaB          sigma_b >= 0
 */
public record ShallowNetwork(Activation activation, int inputDimension, int outputDimension, int width,
                             double sigmaW, double sigmaB) implements Architecture {

    /** The fused ensemble kernel of this architecture (listed in {@link EnsembleKernels}). */
    static final Kernel KERNEL = EnsembleKernel.create("ensemble_shallow_net", "shallow_net.c",
            ShallowNetwork::field);

    public ShallowNetwork {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        Preconditions.inRange("inputDimension", inputDimension, 1, 1 << 16);
        Preconditions.inRange("outputDimension", outputDimension, 1, EnsembleKernel.MAX_SITES);
        Preconditions.inRange("width", width, 1, Integer.MAX_VALUE / (1 + (inputDimension + outputDimension) / 4));
        Preconditions.positive("sigmaW", sigmaW);
        Preconditions.nonNegative("sigmaB", sigmaB);
    }

    /** A scalar network. */
    public static ShallowNetwork scalar(Activation activation, int inputDimension, int width, double sigmaW, double sigmaB) {
        return new ShallowNetwork(activation, inputDimension, 1, width, sigmaW, sigmaB);
    }

    @Override
    public Kernel kernel() {
        return KERNEL;
    }

    @Override
    public int variant() {
        return activation.ordinal();
    }

    /** {sigma_b, sigma_W/sqrt(d), sigma_W/sqrt(N), c_0..c_{P-1}}, c_p = sigma_b^2 + sigma_W^2 |x_p|^2 / d. */
    @Override
    public double[] kernelParameters(double[][] points) {
        double[] h = new double[3 + points.length];
        h[0] = sigmaB;
        h[1] = sigmaW / Math.sqrt(inputDimension);
        h[2] = sigmaW / Math.sqrt(width);
        for (int p = 0; p < points.length; p++) {
            h[3 + p] = inner(points[p], points[p]);
        }
        return h;
    }

    /** {@code <u, v> = sigma_b^2 + sigma_W^2 (u.v) / d}: the covariance of the pre-activations at u and v. */
    public double inner(double[] u, double[] v) {
        double dot = 0;
        for (int k = 0; k < inputDimension; k++) {
            dot += u[k] * v[k];
        }
        return sigmaB * sigmaB + sigmaW * sigmaW * dot / inputDimension;
    }

    /** The NNGP kernel K(x, y) = sigma_b^2 + sigma_W^2 E[act(z_x) act(z_y)] in closed form. */
    public double kernel(double[] x, double[] y) {
        double sb2 = sigmaB * sigmaB;
        double sw2 = sigmaW * sigmaW;
        double xy = inner(x, y);
        double xx = inner(x, x);
        double yy = inner(y, y);
        return switch (activation) {
            case ERF -> sb2 + 2 * sw2 / Math.PI * Math.asin(2 * xy / Math.sqrt((1 + 2 * xx) * (1 + 2 * yy)));
            case RELU -> {
                double norm = Math.sqrt(xx * yy);
                double cos = norm == 0 ? 1 : Math.max(-1, Math.min(1, xy / norm));
                double t = Math.acos(cos);
                yield sb2 + sw2 / (2 * Math.PI) * norm * (Math.sin(t) + (Math.PI - t) * cos);
            }
            case GAUSS -> {
                double d2 = 0;
                for (int k = 0; k < inputDimension; k++) {
                    d2 += (x[k] - y[k]) * (x[k] - y[k]);
                }
                yield sb2 + sw2 * Math.exp(-sw2 * d2 / (2 * inputDimension));
            }
        };
    }

    @Override
    public double twoPoint(double[] x, int a, double[] y, int b) {
        Preconditions.inRange("component", a, 0, outputDimension - 1);
        Preconditions.inRange("component", b, 0, outputDimension - 1);
        return a == b ? kernel(x, y) : 0.0;
    }

    @Override
    public double connectedFourPoint(double[][] points, int[] components) {
        return ShallowNetworkTheory.connectedFourPoint(this, points, components);
    }

    @Override
    public double connectedSixPoint(double[][] points, int[] components) {
        return ShallowNetworkTheory.connectedSixPoint(this, points, components);
    }

    /** Java twin of {@code ens_field} in shallow_net.c, line by line. */
    static void field(double[] points, int pointCount, double[] hyper, int width, int inDim, int outDim,
                      int variant, long seed, long stream, double[] phi, FieldScratch scratch) {
        double sigmaB = hyper[0];
        double inScale = hyper[1];
        double outScale = hyper[2];
        int blocksPerNeuron = (inDim + 1 + outDim + 3) / 4;
        double[] act = scratch.activation;
        for (int s = 0; s < pointCount * outDim; s++) {
            phi[s] = 0.0;
        }
        for (int i = 0; i < width; i++) {
            long base = (long) i * blocksPerNeuron;
            for (int p = 0; p < pointCount; p++) {
                act[p] = 0.0;
            }
            for (int j = 0; j < inDim; j++) {
                double weight = inScale * scratch.normal(seed, stream, base, j);
                for (int p = 0; p < pointCount; p++) {
                    act[p] = act[p] + weight * points[p * inDim + j];
                }
            }
            double bias = sigmaB * scratch.normal(seed, stream, base, inDim);
            for (int p = 0; p < pointCount; p++) {
                double z = act[p] + bias;
                if (variant == 0) {
                    act[p] = PortableErf.erf(z);
                } else if (variant == 1) {
                    act[p] = Math.max(z, 0.0);
                } else {
                    act[p] = Math.exp(z - hyper[3 + p]);
                }
            }
            for (int k = 0; k < outDim; k++) {
                double weight = outScale * scratch.normal(seed, stream, base, inDim + 1 + k);
                for (int p = 0; p < pointCount; p++) {
                    phi[p * outDim + k] = phi[p * outDim + k] + weight * act[p];
                }
            }
        }
        long biasBase = (long) width * blocksPerNeuron;
        for (int k = 0; k < outDim; k++) {
            double b1 = sigmaB * scratch.normal(seed, stream, biasBase, k);
            for (int p = 0; p < pointCount; p++) {
                phi[p * outDim + k] = phi[p * outDim + k] + b1;
            }
        }
    }
}
