package org.nnft.cli;

import picocli.CommandLine.ParseResult;

import java.util.List;
import java.util.Locale;

/**
 * Refuses architecture options given explicitly for an architecture that does not use them (e.g.
 * {@code --mass} for a ReLU net, {@code --sigma-w} for a cos-net): picocli fills every option with its
 * default, so without this check such an option would be silently ignored and the user would believe
 * it had taken effect.
 */
final class ArchitectureOptions {
    private static final List<String> COS_NET = List.of("--mass", "--cutoff", "--sigma-a");
    private static final List<String> CAUCHY = List.of("--mass", "--sigma-a");
    private static final List<String> SHALLOW = List.of("--sigma-w", "--sigma-b", "--outputs");
    private static final List<String> ALL = List.of("--mass", "--cutoff", "--sigma-a", "--sigma-w", "--sigma-b",
            "--outputs");

    private ArchitectureOptions() {
    }

    /** Throws (naming the option) when an option that {@code arch} does not use was given. */
    static void requireApplicable(ParseResult parsed, String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        List<String> used = switch (a) {
            case "cos" -> COS_NET;
            case "cauchy" -> CAUCHY;
            case "gauss", "erf", "relu" -> SHALLOW;
            default -> ALL;                       // an unknown --arch is reported by Inputs.architecture()
        };
        for (String option : ALL) {
            if (!used.contains(option) && parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " does not apply to --arch " + a + " (it takes "
                        + String.join(", ", used) + ")");
            }
        }
    }
}
