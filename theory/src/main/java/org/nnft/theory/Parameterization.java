package org.nnft.theory;

import java.util.Locale;

/**
 * How the trainable parameters of a network are scaled, in the sense of neural-tangents'
 * {@code stax.Dense(out_dim, W_std, b_std, parameterization=...)} (Jacot et al. 2018; Novak et al. 2020).
 *
 * <p>Both give the same function distribution at initialisation (and so the same NNGP kernel); they
 * differ in what gradient descent differentiates, hence in the neural tangent kernel (docs/ntk.md).
 */
public enum Parameterization {
    /**
     * The parameters are the weights themselves: W ~ N(0, W_std^2 / fan_in), b ~ N(0, b_std^2),
     * layer output W.h + b. The NTK grows linearly with the width N (no infinite-width limit), and the
     * output bias adds 1 to it even at b_std = 0.
     */
    STANDARD,
    /**
     * The parameters are unit normals: omega, beta ~ N(0, 1), layer output
     * (W_std / sqrt(fan_in)) omega.h + b_std beta. The NTK has a finite infinite-width limit.
     */
    NTK;

    /** "standard" or "ntk" (case-insensitive), the spelling of neural-tangents' argument. */
    public static Parameterization parse(String name) {
        if (name != null) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "standard" -> {
                    return STANDARD;
                }
                case "ntk" -> {
                    return NTK;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("parameterization must be 'standard' or 'ntk', got '" + name + "'");
    }

    /** The neural-tangents spelling: "standard" or "ntk". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
