package org.nnft.ensemble.arch;

/** Density of the cos-net momenta w, with the amplitude A(w) that goes with it (docs/physics.md A.2). */
public enum MomentumDensity {
    /** w uniform in the d-ball of radius Lambda, A(w) ~ 1/sqrt(|w|^2 + m^2): sharp-cutoff free scalar. */
    UNIFORM_BALL,
    /** d = 1 only: w ~ Cauchy(0, m), constant A: G2(t) = exp(-m|t|)/(2m) with no cutoff. */
    CAUCHY
}
