package org.nnft.theory;

/**
 * NNGP kernel and neural tangent kernel of the one-hidden-layer network {@link ShallowNetTheory},
 * f(x) = sum_{i=1..N} W1_i act(W0_i.x + b0_i) + b1, in either {@link Parameterization}.
 *
 * <p>The same network in neural-tangents is
 * {@code stax.serial(Dense(N, W_std=sigma_W, b_std=sigma_b, parameterization=p), Relu() | Erf(),
 * Dense(1, W_std=sigma_W, b_std=sigma_b, parameterization=p))}: fan-in d for the first layer, N for the
 * second; neural-tangents normalises the input kernel as x.y/d, as here. With the pre-activation covariance
 * Sigma(x, y) = sigma_b^2 + sigma_W^2 x.y/d, E = E[act(z) act(z')] and E' = E[act'(z) act'(z')] over
 * (z, z') ~ N(0, Sigma):
 * <pre>
 *   K(x, y)             = sigma_b^2 + sigma_W^2 E                               (both parameterisations)
 *   Theta_ntk(x, y)      = K(x, y) + sigma_W^2 Sigma(x, y) E'
 *   Theta_standard(x, y) = N E + 1 + sigma_W^2 (x.y + 1) E'
 * </pre>
 * The first terms are the output layer's gradients (W1 and b1), the last the hidden layer's (W0 and b0),
 * reached through act'. Both are exact at every width N as averages over the initialisation (each is a
 * sum of N i.i.d. neuron terms), so the mean empirical NTK of sampled networks matches them at any N.
 * Theta_standard grows linearly with N (no infinite-width limit) and holds the +1 of the output bias
 * even at sigma_b = 0; Theta_ntk has the finite limit. Closed forms of E':
 * ReLU (arc-cosine kernel of order 0) E' = (pi - theta) / (2 pi), cos theta = Sigma_xy / sqrt(Sigma_xx Sigma_yy);
 * erf E' = (4/pi) / sqrt((1 + 2 Sigma_xx)(1 + 2 Sigma_yy) - 4 Sigma_xy^2);
 * Gauss-net act = exp(z - Sigma_xx) is its own derivative, E' = E = exp(-sigma_W^2 |x - y|^2 / (2 d)).
 * The Gauss-net has no neural-tangents layer with the same per-point normalisation.
 */
public final class ShallowNetTangentKernel implements InfiniteWidthKernels {

    private final ShallowNetTheory net;
    private final Parameterization parameterization;
    private final int width;

    /**
     * @param net              activation, sigma_W, sigma_b and d
     * @param parameterization standard or NTK
     * @param width            hidden width N &gt;= 1 (enters the standard NTK only)
     */
    public ShallowNetTangentKernel(ShallowNetTheory net, Parameterization parameterization, int width) {
        if (net == null || parameterization == null) {
            throw new IllegalArgumentException("net and parameterization must not be null");
        }
        if (width < 1) {
            throw new IllegalArgumentException("width N must be >= 1, got " + width);
        }
        this.net = net;
        this.parameterization = parameterization;
        this.width = width;
    }

    public ShallowNetTheory net() {
        return net;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    public int width() {
        return width;
    }

    @Override
    public int inputDimension() {
        return net.inputDimension();
    }

    /** K(x, y) = sigma_b^2 + sigma_W^2 E[act(z) act(z')], the {@link ShallowNetTheory#kernel} closed form. */
    @Override
    public double nngp(double[] x, double[] y) {
        return net.kernel(x, y);
    }

    @Override
    public double ntk(double[] x, double[] y) {
        double k = net.kernel(x, y);
        double w2 = net.sigmaW() * net.sigmaW();
        double derivatives = derivativeExpectation(x, y);
        if (parameterization == Parameterization.NTK) {
            return k + w2 * net.preactivationCovariance(x, y) * derivatives;
        }
        double b2 = net.sigmaB() * net.sigmaB();
        double dot = 0;
        for (int j = 0; j < x.length; j++) {
            dot += x[j] * y[j];
        }
        return width * (k - b2) / w2 + 1 + w2 * (dot + 1) * derivatives;
    }

    /** E[act'(z) act'(z')] for (z, z') ~ N(0, Sigma) at the points x and y, in closed form. */
    public double derivativeExpectation(double[] x, double[] y) {
        double xy = net.preactivationCovariance(x, y);
        double xx = net.preactivationCovariance(x, x);
        double yy = net.preactivationCovariance(y, y);
        return switch (net.activation()) {
            case RELU -> {
                double norm = Math.sqrt(xx * yy);
                if (norm == 0) {
                    yield 0; // z = 0 surely, and act'(0) = 0 (the step function is 0 at 0)
                }
                double angle = Math.acos(Math.max(-1, Math.min(1, xy / norm)));
                yield (Math.PI - angle) / (2 * Math.PI);
            }
            case ERF -> 4 / (Math.PI * Math.sqrt((1 + 2 * xx) * (1 + 2 * yy) - 4 * xy * xy));
            case GAUSS -> Math.exp(xy - 0.5 * (xx + yy));
        };
    }

    @Override
    public String toString() {
        return net + " NTK(" + parameterization.label() + ", N=" + width + ")";
    }
}
