package org.nnft.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.HashSet;
import java.util.Set;

/**
 * One-line error messages. Picocli reports an option of an argument group given twice by dumping the
 * whole group ("expected only one match but got [...]={...} and [...]={...}", hundreds of characters);
 * that becomes "--arch given more than once". Any other message is cut to its first line.
 */
final class ParameterErrors {
    private static final String GROUP_REPEAT = "expected only one match";

    private ParameterErrors() {
    }

    /** The message of a parse error, one line, naming the repeated option for argument groups. */
    static String oneLine(ParameterException ex, String[] args) {
        String message = String.valueOf(ex.getMessage());
        if (message.contains(GROUP_REPEAT)) {
            String repeated = firstRepeatedOption(ex.getCommandLine().getCommandSpec(), args);
            return repeated != null ? repeated + " given more than once"
                    : "an option was given more than once";
        }
        return oneLine(message);
    }

    /** The first line of {@code message}, without picocli's "Error: " prefix. */
    static String oneLine(String message) {
        String first = message.strip().lines().findFirst().orElse("");
        return first.startsWith("Error: ") ? first.substring("Error: ".length()) : first;
    }

    private static String firstRepeatedOption(CommandSpec spec, String[] args) {
        Set<String> seen = new HashSet<>();
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.startsWith("-") || spec.findOption(name) == null) {
                continue;
            }
            if (!seen.add(spec.findOption(name).longestName())) {
                return name;
            }
        }
        return null;
    }
}
