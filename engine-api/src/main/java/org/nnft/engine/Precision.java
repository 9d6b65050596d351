package org.nnft.engine;

import java.util.Locale;

/**
 * Floating-point precision of a kernel's field evaluation. {@link #DOUBLE} computes everything in float64;
 * {@link #SINGLE} draws and evaluates the field in float32 and accumulates moments in float64 (the rounding bound is
 * stated in docs/physics.md). A result depends on the seed and the precision, never on threads or chunking.
 */
public enum Precision {
    /** Field in float32, moments in float64. */
    SINGLE,
    /** Everything in float64 (the default). */
    DOUBLE;

    /** The command-line and JSON name: {@code single} or {@code double}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision named {@code single} or {@code double} (any case). */
    public static Precision parse(String label) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision must be single or double, got '" + label + "'");
    }
}
