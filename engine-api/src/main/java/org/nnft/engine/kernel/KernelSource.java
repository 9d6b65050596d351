package org.nnft.engine.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads portable kernel source text shipped as a class-path resource beside the kernel's Java body. */
public final class KernelSource {
    private KernelSource() {
    }

    /** The text of resource {@code name}, resolved relative to {@code anchor}'s package. */
    public static String resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source resource not found: " + name + " (beside " + anchor.getName() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + name, e);
        }
    }
}
