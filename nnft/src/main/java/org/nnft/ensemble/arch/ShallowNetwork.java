package org.nnft.ensemble.arch;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.Kernel;
import org.nnft.theory.Activation;
import org.nnft.theory.FiniteWidthCumulants;
import org.nnft.theory.NeuronMoments;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.SingleNeuronExpectations;

/**
 * Single-hidden-layer i.i.d. network (docs/physics.md A.1) with d_out outputs sharing the hidden layer:
 * {@code f_k(x) = sum_i W1_ik act(W0_i.x + b0_i) + b1_k}, W0 ~ N(0, sigma_W^2/d), b0 ~ N(0, sigma_b^2),
 * W1 ~ N(0, sigma_W^2/N), b1 ~ N(0, sigma_b^2). Exact at every N: G2_kl(x, y) = delta_kl K(x, y)
 * with the closed-form kernels of docs/physics.md A.1.
 *
 * <p>This record is the sampled network (its fused kernel, parameters and draws); its exact correlators come
 * from the theory module's {@link ShallowNetTheory} (kernel, single-neuron expectations E_S) and
 * {@link FiniteWidthCumulants}. For outputs f_a = sum_i W1_ai h_i + b1_a with i.i.d. W1 ~ N(0, sigma_W^2/N), one
 * neuron's share of E[f_a f_b f_c f_d] is (sigma_W^4/N^2)(d_ab d_cd + d_ac d_bd + d_ad d_bc) E_1234, so
 * <pre>
 *   G4_c = (sigma_W^4/N) [ (d_ab d_cd + d_ac d_bd + d_ad d_bc) E_1234
 *                          - d_ab d_cd E_12 E_34 - d_ac d_bd E_13 E_24 - d_ad d_bc E_14 E_23 ]
 * </pre>
 * which for one output is physics.md A.1's (sigma_W^4/N)[3 E_1234 - E_12 E_34 - E_13 E_24 - E_14 E_23];
 * NaN where the theory module cannot compute E_S (ReLU and Erf beyond covariance rank 3).
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
            ShallowNetwork::field, ShallowFieldLanes::new);
    /** The single-precision kernel: {@code shallow_net.c} compiled for float ({@link ShallowNetworkSingle}). */
    static final Kernel KERNEL_SINGLE = EnsembleKernel.create("ensemble_shallow_net_f32",
            new String[]{"shallow_net_f32.c", "shallow_net.c"}, ShallowNetworkSingle::field,
            ShallowFieldLanesSingle::new);

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
    public static ShallowNetwork scalar(Activation activation, int inputDimension, int width,
            double sigmaW, double sigmaB) {
        return new ShallowNetwork(activation, inputDimension, 1, width, sigmaW, sigmaB);
    }

    @Override
    public Kernel kernel() {
        return KERNEL;
    }

    @Override
    public Kernel kernel(Precision precision) {
        return precision == Precision.SINGLE ? KERNEL_SINGLE : KERNEL;
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
        ShallowNetTheory theory = theory();
        for (int p = 0; p < points.length; p++) {
            h[3 + p] = theory.preactivationCovariance(points[p], points[p]);
        }
        return h;
    }

    /** The width-independent theory of this network: pre-activation covariance, NNGP kernel, E_S. */
    public ShallowNetTheory theory() {
        return new ShallowNetTheory(activation, sigmaW, sigmaB, inputDimension);
    }

    @Override
    public double twoPoint(double[] x, int a, double[] y, int b) {
        Preconditions.inRange("component", a, 0, outputDimension - 1);
        Preconditions.inRange("component", b, 0, outputDimension - 1);
        return a == b ? theory().kernel(x, y) : 0.0;
    }

    /** Exact G4_c of the four sites (points and output components), or NaN where unknown. */
    @Override
    public double connectedFourPoint(double[][] points, int[] components) {
        NeuronMoments e = expectations(points);
        if (e == null) {
            return Double.NaN;
        }
        int a = components[0], b = components[1], c = components[2], d = components[3];
        double ab = a == b && c == d ? 1 : 0, ac = a == c && b == d ? 1 : 0, ad = a == d && b == c ? 1 : 0;
        double s4 = Math.pow(sigmaW, 4) / width;
        return s4 * ((ab + ac + ad) * e.expectation(0, 1, 2, 3)
                - ab * e.expectation(0, 1) * e.expectation(2, 3)
                - ac * e.expectation(0, 2) * e.expectation(1, 3)
                - ad * e.expectation(0, 3) * e.expectation(1, 2));
    }

    /**
     * Exact G6_c of six sites of a scalar network (physics.md A.1, {@link FiniteWidthCumulants#g6Connected}),
     * NaN for vector outputs (their Kronecker structure is not implemented) or where E_S is unknown.
     */
    @Override
    public double connectedSixPoint(double[][] points, int[] components) {
        if (outputDimension != 1) {
            return Double.NaN;
        }
        NeuronMoments e = expectations(points);
        return e == null ? Double.NaN : FiniteWidthCumulants.g6Connected(e, sigmaW, width);
    }

    /** The single-neuron expectations of the points, or null beyond the theory module's reach. */
    private NeuronMoments expectations(double[][] points) {
        try {
            return SingleNeuronExpectations.compute(theory(), points);
        } catch (IllegalArgumentException beyondTheTheory) {
            return null;
        }
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
