package org.nnft.theory;

/**
 * NNGP kernel and neural tangent kernel of the cos-net phi(x) = sum_{i=1..N} a_i A(w_i) cos(w_i.x + c_i)
 * ({@link CosNetCorrelators}), a_i ~ N(0, sigma_a^2/N), c_i ~ U[-pi, pi], w_i from the momentum density.
 *
 * <p>Trainable parameters: the output weights a_i, the phases c_i and the momenta w_i; the amplitude
 * A(w_i) is a fixed per-neuron factor (its initial value), so training moves the plane waves but not
 * their normalisation. With G2 the exact two-point function and E_c[sin(w.x+c) sin(w.y+c)] =
 * E_c[cos cos] = cos(w.(x-y))/2, the three gradient sums give
 * <pre>
 *   Theta_ntk(x, y)      = (2 + x.y) G2(x - y)          a_i = (sigma_a / sqrt(N)) alpha_i, alpha_i trained
 *   Theta_standard(x, y) = (N / sigma_a^2 + 1 + x.y) G2(x - y)      a_i itself trained
 * </pre>
 * (a terms G2 resp. N G2 / sigma_a^2, c terms G2, w terms (x.y) G2), exact at every N as averages over
 * the initialisation; K(x, y) = G2(x - y). The x.y of the momentum gradients depends on the origin of the
 * inputs. There is no neural-tangents layer for these units (their weights are not Gaussian).
 */
public final class CosNetTangentKernel implements InfiniteWidthKernels {

    private final CosNetCorrelators correlators;
    private final double sigmaA;
    private final Parameterization parameterization;
    private final int width;

    /**
     * @param correlators      G2 of the cos-net (built with the same sigma_a)
     * @param sigmaA           output-weight scale sigma_a &gt; 0
     * @param parameterization standard or NTK (of the output weights a_i)
     * @param width            N &gt;= 1 (enters the standard NTK only)
     */
    public CosNetTangentKernel(CosNetCorrelators correlators, double sigmaA, Parameterization parameterization,
            int width) {
        if (correlators == null || parameterization == null) {
            throw new IllegalArgumentException("correlators and parameterization must not be null");
        }
        if (!(sigmaA > 0) || Double.isInfinite(sigmaA)) {
            throw new IllegalArgumentException("sigmaA must be positive and finite, got " + sigmaA);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width N must be >= 1, got " + width);
        }
        this.correlators = correlators;
        this.sigmaA = sigmaA;
        this.parameterization = parameterization;
        this.width = width;
    }

    @Override
    public int inputDimension() {
        return correlators.dimension();
    }

    /** K(x, y) = G2(x, y). */
    @Override
    public double nngp(double[] x, double[] y) {
        return correlators.g2(x, y);
    }

    @Override
    public double ntk(double[] x, double[] y) {
        double dot = 0;
        for (int j = 0; j < x.length; j++) {
            dot += x[j] * y[j];
        }
        double outputWeights = parameterization == Parameterization.NTK ? 1 : width / (sigmaA * sigmaA);
        return (outputWeights + 1 + dot) * correlators.g2(x, y);
    }
}
