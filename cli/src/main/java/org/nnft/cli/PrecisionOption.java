package org.nnft.cli;

import org.nnft.engine.Precision;

/** The {@code --precision single|double} option's value, checked with the option's name in the message. */
final class PrecisionOption {
    private PrecisionOption() {
    }

    /** The precision named by {@code value}; a bad value is one line naming {@code --precision}. */
    static Precision parse(String value) {
        try {
            return Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
    }
}
