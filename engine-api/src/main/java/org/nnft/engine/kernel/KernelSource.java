package org.nnft.engine.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads portable kernel source text shipped as class-path resources beside the kernel's Java body, and assembles a
 * kernel's source from its files ({@link #assemble}).
 */
public final class KernelSource {
    private KernelSource() {
    }

    /**
     * A kernel's source: the texts of resources {@code files} concatenated in order (helpers before the entry
     * point), each resolved relative to {@code anchor}'s package, or from the class-path root when it starts
     * with '/'.
     */
    public static String assemble(Class<?> anchor, String... files) {
        StringBuilder sb = new StringBuilder();
        for (String f : files) {
            sb.append(resource(anchor, f));
        }
        return sb.toString();
    }

    /** The text of resource {@code name}, resolved relative to {@code anchor}'s package. */
    public static String resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source resource not found: " + name + " (beside "
                        + anchor.getName() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + name, e);
        }
    }
}
