package org.nnft.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dependency-free JSON writer for library users who want their results on disk without the command line
 * (whose result files, {@code cli/.../io/ResultFile}, use Jackson and a per-command document layout).
 * It writes maps (keys as strings, in iteration order), lists and other iterables, arrays, records (their
 * components, in declaration order, so {@code Estimate}, {@code Correlator} and the result records of the
 * scans serialise as they are), numbers, booleans, enums and strings. JSON has no NaN or infinity: non-finite
 * doubles are written as {@code null}, as in the command's result files. Files are written atomically
 * (a temporary file in the target's folder renamed over the target), so an interrupted write never leaves
 * half a file.
 */
public final class JsonWriter {
    private static final String INDENT = "  ";

    private JsonWriter() {
    }

    /** The indented JSON text of {@code value}. */
    public static String toJson(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, 0);
        return sb.append('\n').toString();
    }

    /** Writes {@code value} as JSON to {@code target} atomically, creating its folder if needed. */
    public static void write(Path target, Object value) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, toJson(value), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void append(StringBuilder sb, Object v, int depth) {
        switch (v) {
            case null -> sb.append("null");
            case Double d -> number(sb, d);
            case Float f -> number(sb, f.doubleValue());
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            case CharSequence s -> string(sb, s.toString());
            case Character c -> string(sb, c.toString());
            case Enum<?> e -> string(sb, e.name());
            case Map<?, ?> m -> object(sb, m, depth);
            case Iterable<?> it -> array(sb, it, depth);
            case double[] a -> array(sb, Arrays.stream(a).boxed().toList(), depth);
            case int[] a -> array(sb, Arrays.stream(a).boxed().toList(), depth);
            case long[] a -> array(sb, Arrays.stream(a).boxed().toList(), depth);
            case Object[] a -> array(sb, Arrays.asList(a), depth);
            case Record r -> object(sb, components(r), depth);
            default -> throw new IllegalArgumentException("JSON: cannot write a " + v.getClass().getName()
                    + " (use maps, lists, arrays, records, numbers, booleans or strings)");
        }
    }

    private static Map<String, Object> components(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                m.put(c.getName(), c.getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                throw new IllegalArgumentException("JSON: cannot read " + r.getClass().getSimpleName() + "."
                        + c.getName(), e);
            }
        }
        return m;
    }

    private static void number(StringBuilder sb, double d) {
        if (!Double.isFinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d).append(".0");
        } else {
            sb.append(d);
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        String sep = "\n";
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sb.append(sep).append(INDENT.repeat(depth + 1));
            string(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            append(sb, e.getValue(), depth + 1);
            sep = ",\n";
        }
        sb.append('\n').append(INDENT.repeat(depth)).append('}');
    }

    private static void array(StringBuilder sb, Iterable<?> items, int depth) {
        sb.append('[');
        String sep = "";
        for (Object o : items) {
            sb.append(sep);
            append(sb, o, depth + 1);
            sep = ", ";
        }
        sb.append(']');
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
