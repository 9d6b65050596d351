package org.nnft.examples;

import org.nnft.engine.Backend;
import org.nnft.engine.Backends;

/** Argument helpers shared by the examples: positional arguments with defaults, and the backend by name. */
final class ExampleArgs {
    private ExampleArgs() {
    }

    /** Argument {@code i} as a count ({@code 1e8} and {@code 100000000} both accepted), or {@code fallback}. */
    static long count(String[] args, int i, long fallback) {
        if (args.length <= i) {
            return fallback;
        }
        double v = Double.parseDouble(args[i]);
        if (v != Math.rint(v) || v < 1 || v > Long.MAX_VALUE) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a positive whole number, got "
                    + args[i]);
        }
        return (long) v;
    }

    /** Argument {@code i} as a number, or {@code fallback}. */
    static double number(String[] args, int i, double fallback) {
        return args.length > i ? Double.parseDouble(args[i]) : fallback;
    }

    /** Argument {@code i}, or {@code fallback}. */
    static String text(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }

    /**
     * The backend named {@code name} ({@code cpu}, {@code opencl}, {@code cuda}), or for {@code best} the
     * available one of highest priority ({@link Backends#best()}: a GPU where one works, else the CPU).
     */
    static Backend backend(String name) {
        return "best".equals(name) ? Backends.best() : Backends.named(name);
    }

    /** {@code name(i,j,...)}, e.g. {@code G4c(0,0,1,1)}. */
    static String tuple(String name, int[] sites) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < sites.length; i++) {
            sb.append(i == 0 ? "" : ",").append(sites[i]);
        }
        return sb.append(')').toString();
    }
}
