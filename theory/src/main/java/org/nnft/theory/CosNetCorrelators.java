package org.nnft.theory;

/**
 * Exact correlators of a cos-neuron ensemble phi(x) = sum_{i=1..N} a_i A(w_i) cos(w_i.x + c_i),
 * a_i ~ N(0, sigma_a^2/N), c_i ~ U[-pi, pi], w_i from a {@link CosNeuronDensity}.
 *
 * <p>With g(x) = A(w) cos(w.x + c), the phase average gives E_c[g(x)g(y)] = A^2 cos(w.(x-y))/2 and
 * E_c[g1 g2 g3 g4] = (A^4/8)[cos(w.X1) + cos(w.X2) + cos(w.X3)], X1 = x1+x2-x3-x4, X2 = x1-x2+x3-x4,
 * X3 = x1-x2-x3+x4 (of the 16 sign choices in the product-to-sum expansion only the 6 whose signs sum
 * to zero survive the c average). The i.i.d. sum then gives, exactly at every N (same derivation as
 * {@link FiniteWidthCumulants}, with E[a^4] = 3 sigma_a^4/N^2):
 * <pre>
 *   G2(x,y) = (sigma_a^2/2) E_w[A^2 cos(w.(x-y))]
 *   G4_c    = (sigma_a^4/N) [3 E(g1g2g3g4) - E(g1g2)E(g3g4) - ...]
 *           = (1/N) [ (3 sigma_a^4/8) sum_j E_w[A^4 cos(w.X_j)] - (G12 G34 + G13 G24 + G14 G23) ].
 * </pre>
 * For the free-scalar cos-net ({@link UniformBallDensity#freeScalar}) this is docs/physics.md's
 * (1/N)[(3/2)(vol(B)/(2pi)^d) sum_j H_Lambda(X_j) - (...)].
 */
public final class CosNetCorrelators {

    private final CosNeuronDensity density;
    private final double sigmaA;

    /** @param sigmaA output-weight scale sigma_a &gt; 0 (a_i ~ N(0, sigma_a^2/N)) */
    public CosNetCorrelators(CosNeuronDensity density, double sigmaA) {
        if (density == null) {
            throw new IllegalArgumentException("density must not be null");
        }
        if (!(sigmaA > 0) || Double.isInfinite(sigmaA)) {
            throw new IllegalArgumentException("sigmaA must be positive and finite, got " + sigmaA);
        }
        this.density = density;
        this.sigmaA = sigmaA;
    }

    /** The docs/physics.md A.2 cos-net free scalar (sigma_a = 1; its correlators do not depend on sigma_a). */
    public static CosNetCorrelators freeScalar(int dimension, double mass, double cutoff) {
        return new CosNetCorrelators(UniformBallDensity.freeScalar(dimension, mass, cutoff, 1), 1);
    }

    public int dimension() {
        return density.dimension();
    }

    /** G2(x, y), exact at every N. */
    public double g2(double[] x, double[] y) {
        return 0.5 * sigmaA * sigmaA * density.secondMoment(combine(x, y, null, null, 1, -1, 0, 0));
    }

    /** Connected 4-point function at width N. */
    public double g4Connected(double[] x1, double[] x2, double[] x3, double[] x4, long width) {
        if (width < 1) {
            throw new IllegalArgumentException("width N must be >= 1, got " + width);
        }
        double fourth = density.fourthMoment(combine(x1, x2, x3, x4, 1, 1, -1, -1))
                + density.fourthMoment(combine(x1, x2, x3, x4, 1, -1, 1, -1))
                + density.fourthMoment(combine(x1, x2, x3, x4, 1, -1, -1, 1));
        double disconnected = g2(x1, x2) * g2(x3, x4) + g2(x1, x3) * g2(x2, x4) + g2(x1, x4) * g2(x2, x3);
        double s4 = sigmaA * sigmaA * sigmaA * sigmaA;
        return (3 * s4 / 8 * fourth - disconnected) / width;
    }

    private double[] combine(double[] x1, double[] x2, double[] x3, double[] x4, int s1, int s2, int s3, int s4) {
        int d = density.dimension();
        double[] out = new double[d];
        double[][] points = {x1, x2, x3, x4};
        int[] signs = {s1, s2, s3, s4};
        for (int k = 0; k < 4; k++) {
            if (signs[k] == 0) {
                continue;
            }
            double[] p = points[k];
            if (p == null || p.length != d) {
                throw new IllegalArgumentException("point x" + (k + 1) + " must have dimension " + d);
            }
            for (int c = 0; c < d; c++) {
                out[c] += signs[k] * p[c];
            }
        }
        return out;
    }
}
