package org.nnft.engine.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter list of a kernel's C entry point, parsed from its portable source, and its comparison with the
 * kernel's {@link KernelParams} declaration: the C twin tests of the modules call {@link #mismatch} so that a C
 * parameter list that differs from the Java declaration in order, type or name fails the build, not a launch.
 *
 * <p>The entry point is {@code KERNEL void <name>(...)}, where {@code <name>} is the kernel's name or a macro
 * {@code #define}d to it. Parameter types of the dialect: {@code GLOBAL [const] float*|double*|int*} (buffers),
 * {@code int} or {@code i32}, {@code i64}, {@code float}, {@code double}, or a macro {@code #define}d to
 * {@code float} or {@code double}: its first definition in the source counts (a prefix placed before a file that
 * defines the default under {@code #ifndef}, as the lattice module's single-precision sources do).
 */
public final class CParameters {
    private static final Pattern ENTRY = Pattern.compile("KERNEL\\s+void\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile(
            "(GLOBAL\\s+)?(const\\s+)?(\\w+)\\s*(\\*)?\\s*(const\\s+)?(\\w+)");

    /** One C parameter: its type in {@link ArgType} terms and its name. */
    public record Parameter(ArgType type, String name) {
        @Override
        public String toString() {
            return name + ":" + type;
        }
    }

    private CParameters() {
    }

    /** The parameters of entry point {@code name} in {@code source}; throws if there is no such entry point. */
    public static List<Parameter> of(String source, String name) {
        Matcher m = ENTRY.matcher(source);
        while (m.find()) {
            String entry = m.group(1);
            if (entry.equals(name) || Pattern.compile("#define\\s+" + entry + "\\s+" + name + "\\b")
                    .matcher(source).find()) {
                return parse(m.group(2), source);
            }
        }
        throw new IllegalArgumentException("no entry point KERNEL void " + name + "(...) in the source");
    }

    /**
     * Null when the C parameters of {@code kernel} match its declaration in order, type and name; else a message
     * that names the first difference. The kernel must have been made from a {@link KernelParams}.
     */
    public static String mismatch(Kernel kernel) {
        if (kernel.params() == null) {
            throw new IllegalArgumentException("kernel " + kernel.name() + " has no parameter declaration");
        }
        List<Param> java = kernel.params().params();
        List<Parameter> c = of(kernel.source(), kernel.name());
        for (int i = 0; i < Math.max(java.size(), c.size()); i++) {
            Parameter want = i < java.size() ? new Parameter(java.get(i).type(), java.get(i).name()) : null;
            Parameter got = i < c.size() ? c.get(i) : null;
            if (want == null || !want.equals(got)) {
                return kernel.name() + ": parameter " + i + " is " + got + " in C, " + want + " in Java";
            }
        }
        return null;
    }

    private static List<Parameter> parse(String list, String source) {
        List<Parameter> out = new ArrayList<>();
        if (list.isBlank()) {
            return out;
        }
        for (String text : list.split(",")) {
            Matcher m = PARAM.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot parse kernel parameter '" + text.strip() + "'");
            }
            boolean pointer = m.group(4) != null;
            if (pointer != (m.group(1) != null)) {
                throw new IllegalArgumentException("a pointer parameter must be GLOBAL and only it: '" + text.strip()
                        + "'");
            }
            out.add(new Parameter(type(realType(m.group(3), source), pointer, text), m.group(6)));
        }
        return out;
    }

    /** {@code c}, or the float or double that its first {@code #define} in {@code source} names. */
    private static String realType(String c, String source) {
        Matcher d = Pattern.compile("#define\\s+" + c + "\\s+(\\w+)").matcher(source);
        if (d.find() && (d.group(1).equals("float") || d.group(1).equals("double"))) {
            return d.group(1);
        }
        return c;
    }

    private static ArgType type(String c, boolean pointer, String text) {
        ArgType t = switch (c) {
            case "float" -> pointer ? ArgType.F32_BUFFER : ArgType.FLOAT;
            case "double" -> pointer ? ArgType.F64_BUFFER : ArgType.DOUBLE;
            case "int", "i32" -> pointer ? ArgType.I32_BUFFER : ArgType.INT;
            case "i64" -> pointer ? null : ArgType.LONG;
            default -> null;
        };
        if (t == null) {
            throw new IllegalArgumentException("unsupported kernel parameter type in '" + text.strip() + "'");
        }
        return t;
    }
}
