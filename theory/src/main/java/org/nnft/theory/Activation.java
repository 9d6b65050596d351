package org.nnft.theory;

import org.apache.commons.numbers.gamma.Erf;

/**
 * Hidden-unit activations of the single-hidden-layer networks of docs/physics.md A.1.
 *
 * <p>The Gauss-net unit depends on the pre-activation variance v = &lt;x,x&gt; of its input point:
 * act(z) = exp(z - v), i.e. exp(z) / sqrt(exp(2 v)), so that E[act^2] = 1 for every x.
 *
 * <p>The one activation type of the project: the ensemble module's sampled networks use it too, and the
 * ordinal is the fused ensemble kernel's variant code (0 erf, 1 ReLU, 2 Gauss), so the order must not change.
 */
public enum Activation {
    /** act(z) = erf(z) (Commons Numbers {@code Erf}; the GPU kernels use their own {@code PortableErf}). */
    ERF,
    /** act(z) = max(0, z). */
    RELU,
    /** act(z) = exp(z - v), v the variance of z (docs/physics.md A.1 normalisation). */
    GAUSS;

    /**
     * @param z        pre-activation W0.x + b0
     * @param variance variance of z, &lt;x,x&gt; = sigma_b^2 + sigma_W^2 |x|^2 / d (used by GAUSS only)
     */
    public double apply(double z, double variance) {
        return switch (this) {
            case ERF -> Erf.value(z);
            case RELU -> Math.max(0, z);
            case GAUSS -> Math.exp(z - variance);
        };
    }
}
