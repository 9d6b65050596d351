package org.nnft.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} format (format versions 1.0 to 3.0), as far as learning from data and the result exports
 * need it: read a C-ordered array of little-endian float64 ({@code <f8}) or float32 ({@code <f4}) into doubles, and
 * encode float64 ({@code <f8}), int64 ({@code <i8}) and byte ({@code |u1}) arrays in version 1.0. Layout: magic
 * {@code \x93NUMPY}, major and minor version bytes, header length (2 bytes little endian in version 1, 4 bytes in
 * versions 2 and 3), an ASCII (version 3: UTF-8) Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (n, L, L), }} padded with spaces and a newline so the
 * data start at a multiple of 64 bytes, then the raw values.
 */
public final class NpyFile {
    /** A read array: its shape and its values in C order. */
    public record Array(int[] shape, double[] values) {
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {
    }

    /** Reads {@code file}; any other dtype, Fortran order or a truncated file is an IllegalArgumentException. */
    public static Array read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes the bytes of a .npy file ({@code name} for messages). */
    public static Array decode(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new IllegalArgumentException(name + " is not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException(name + " is not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = bytes[6];
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buf.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(name + ": truncated .npy header");
            }
            headerLength = buf.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException(name + ": unsupported .npy version " + major);
        }
        if (headerLength < 0 || start + headerLength > bytes.length) {
            throw new IllegalArgumentException(name + ": truncated .npy header");
        }
        String header = new String(bytes, start, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        if (group(FORTRAN, header, name, "fortran_order").equals("True")) {
            throw new IllegalArgumentException(name + ": Fortran-ordered arrays are not supported");
        }
        int width = switch (descr) {
            case "<f8" -> 8;
            case "<f4" -> 4;
            default -> throw new IllegalArgumentException(name + ": dtype " + descr
                    + " not supported (need little-endian float64 '<f8' or float32 '<f4')");
        };
        List<Integer> dims = new ArrayList<>();
        long count = 1;
        for (String part : group(SHAPE, header, name, "shape").split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                int d = Integer.parseInt(p);
                dims.add(d);
                count *= d;
            }
        }
        int dataStart = start + headerLength;
        if (count > Integer.MAX_VALUE || (long) dataStart + count * width > bytes.length) {
            throw new IllegalArgumentException(name + ": the data are shorter than the shape " + dims + " needs");
        }
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            int at = dataStart + i * width;
            values[i] = width == 8 ? buf.getDouble(at) : buf.getFloat(at);
        }
        return new Array(dims.stream().mapToInt(Integer::intValue).toArray(), values);
    }

    private static String group(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": .npy header has no '" + key + "'");
        }
        return m.group(1);
    }

    /** Version 1.0 bytes of a C-ordered float64 array of {@code shape} holding {@code values}. */
    public static byte[] encode(int[] shape, double[] values) {
        ByteBuffer out = start("<f8", shape, values.length, 8);
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
    }

    /** Version 1.0 bytes of a C-ordered little-endian int64 ({@code <i8}) array of {@code shape}. */
    public static byte[] encode(int[] shape, long[] values) {
        ByteBuffer out = start("<i8", shape, values.length, 8);
        for (long v : values) {
            out.putLong(v);
        }
        return out.array();
    }

    /** Version 1.0 bytes of a one-dimensional unsigned byte ({@code |u1}) array, e.g. UTF-8 text. */
    public static byte[] encodeBytes(byte[] values) {
        return start("|u1", new int[]{values.length}, values.length, 1).put(values).array();
    }

    /** A buffer sized for the array, holding the magic, version and header; the data go next. */
    private static ByteBuffer start(String descr, int[] shape, int length, int width) {
        StringBuilder s = new StringBuilder("(");
        long count = 1;
        for (int d : shape) {
            s.append(d).append(", ");
            count *= d;
        }
        if (shape.length > 0) {
            s.setLength(s.length() - (shape.length == 1 ? 1 : 2));
        }
        s.append(')');
        if (count != length) {
            throw new IllegalArgumentException("shape holds " + count + " values, got " + length);
        }
        StringBuilder header = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(s).append(", }");
        int total = 10 + header.length() + 1;
        header.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + h.length + width * length).order(ByteOrder.LITTLE_ENDIAN);
        return out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
    }
}
