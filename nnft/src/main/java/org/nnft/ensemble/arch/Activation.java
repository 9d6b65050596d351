package org.nnft.ensemble.arch;

/** Hidden-layer activation of a {@link ShallowNetwork}; the ordinal is the kernel's variant code. */
public enum Activation {
    /** erf(z) ({@link PortableErf}). */
    ERF,
    /** max(0, z). */
    RELU,
    /** exp(z) / sqrt(exp(2 (sigma_b^2 + sigma_W^2 |x|^2 / d))): the Gauss-net of docs/physics.md A.1. */
    GAUSS
}
