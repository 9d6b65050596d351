package org.nnft.theory;

/**
 * The exact theory of the single-hidden-layer i.i.d. network of docs/physics.md A.1,
 * f(x) = sum_{i=1..N} W1_i act(W0_i.x + b0_i) + b1, with
 * W0_ij ~ N(0, sigma_W^2/d), b0_i ~ N(0, sigma_b^2), W1_i ~ N(0, sigma_W^2/N), b1 ~ N(0, sigma_b^2).
 *
 * <p>Gives the pre-activation covariance &lt;u,v&gt; = sigma_b^2 + sigma_W^2 (u.v)/d and the closed-form
 * kernel K(x,x') = sigma_b^2 + sigma_W^2 E[act(z) act(z')], which is the exact G2 at every width N
 * (the NNGP kernel). d is the input dimension d_in. With {@link SingleNeuronExpectations} and
 * {@link FiniteWidthCumulants} it gives the finite-width G4_c and G6_c.
 *
 * <p>This class is the network's distribution and its closed forms, not a network one can sample: the sampled
 * ensemble member, with its width, output count and fused kernel, is the ensemble module's
 * {@code ShallowNetwork}, whose correlators are these.
 */
public final class ShallowNetTheory {

    private final Activation activation;
    private final double sigmaW;
    private final double sigmaB;
    private final int inputDimension;

    /**
     * @param activation     hidden-unit activation
     * @param sigmaW         weight scale sigma_W &gt; 0
     * @param sigmaB         bias scale sigma_b &gt;= 0
     * @param inputDimension d_in &gt;= 1
     */
    public ShallowNetTheory(Activation activation, double sigmaW, double sigmaB, int inputDimension) {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (!(sigmaW > 0) || Double.isInfinite(sigmaW)) {
            throw new IllegalArgumentException("sigmaW must be positive and finite, got " + sigmaW);
        }
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("sigmaB must be non-negative and finite, got " + sigmaB);
        }
        if (inputDimension < 1) {
            throw new IllegalArgumentException("inputDimension must be >= 1, got " + inputDimension);
        }
        this.activation = activation;
        this.sigmaW = sigmaW;
        this.sigmaB = sigmaB;
        this.inputDimension = inputDimension;
    }

    public Activation activation() {
        return activation;
    }

    public double sigmaW() {
        return sigmaW;
    }

    public double sigmaB() {
        return sigmaB;
    }

    public int inputDimension() {
        return inputDimension;
    }

    /** Pre-activation covariance &lt;u,v&gt; = sigma_b^2 + sigma_W^2 (u.v)/d. */
    public double preactivationCovariance(double[] u, double[] v) {
        requirePoint(u, "u");
        requirePoint(v, "v");
        double dot = 0;
        for (int k = 0; k < inputDimension; k++) {
            dot += u[k] * v[k];
        }
        return sigmaB * sigmaB + sigmaW * sigmaW * dot / inputDimension;
    }

    /** Closed-form kernel K(x, y) = exact G2(x, y) at every width (docs/physics.md A.1). */
    public double kernel(double[] x, double[] y) {
        double xy = preactivationCovariance(x, y);
        double xx = preactivationCovariance(x, x);
        double yy = preactivationCovariance(y, y);
        double b2 = sigmaB * sigmaB;
        double w2 = sigmaW * sigmaW;
        return switch (activation) {
            case ERF -> b2 + (2 * w2 / Math.PI)
                    * Math.asin(clip(2 * xy / Math.sqrt((1 + 2 * xx) * (1 + 2 * yy))));
            case RELU -> {
                double norm = Math.sqrt(xx * yy);
                double cos = norm == 0 ? 1 : clip(xy / norm);
                double angle = Math.acos(cos);
                yield b2 + (w2 / (2 * Math.PI)) * norm * (Math.sin(angle) + (Math.PI - angle) * cos);
            }
            case GAUSS -> {
                double dist2 = 0;
                for (int k = 0; k < inputDimension; k++) {
                    double diff = x[k] - y[k];
                    dist2 += diff * diff;
                }
                yield b2 + w2 * Math.exp(-w2 * dist2 / (2.0 * inputDimension));
            }
        };
    }

    /** Throws if p is not a finite point of dimension d_in. */
    public void requirePoint(double[] p, String name) {
        if (p == null || p.length != inputDimension) {
            throw new IllegalArgumentException(name + " must be a point of dimension " + inputDimension
                    + ", got " + (p == null ? "null" : "length " + p.length));
        }
        for (double c : p) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException(name + " has a non-finite coordinate");
            }
        }
    }

    private static double clip(double c) {
        return Math.max(-1, Math.min(1, c));
    }

    @Override
    public String toString() {
        return activation + "-net(sigmaW=" + sigmaW + ", sigmaB=" + sigmaB + ", d=" + inputDimension + ")";
    }
}
