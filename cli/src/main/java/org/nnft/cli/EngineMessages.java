package org.nnft.cli;

import java.util.Map;

/**
 * Puts the command-line option in place of the engine's parameter name in the engine's range errors
 * ("networks must be in [512, ...]" becomes "--networks must be in [512, ...]"), so that the one-line error
 * names what the user typed.
 */
final class EngineMessages {
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("networks", "--networks"), Map.entry("width", "--width"), Map.entry("dimension", "--dim"),
            Map.entry("blockSize", "--block-size"), Map.entry("jackknifeBins", "--bins"),
            Map.entry("mass", "--mass"), Map.entry("cutoff", "--cutoff"), Map.entry("sigmaA", "--sigma-a"),
            Map.entry("sigmaW", "--sigma-w"), Map.entry("sigmaB", "--sigma-b"), Map.entry("outputs", "--outputs"),
            Map.entry("outputDimension", "--outputs"), Map.entry("inputDimension", "--dim"),
            Map.entry("algorithm:", "--algorithm:"));

    private EngineMessages() {
    }

    /** {@code e} with its leading parameter name replaced by the option, or {@code e} itself. */
    static IllegalArgumentException withOptionName(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int space = message.indexOf(' ');
        String option = space > 0 ? OPTIONS.get(message.substring(0, space)) : null;
        return option == null ? e : new IllegalArgumentException(option + message.substring(space), e);
    }
}
