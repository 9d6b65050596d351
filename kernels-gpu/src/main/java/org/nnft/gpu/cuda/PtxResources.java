package org.nnft.gpu.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * PTX compiled at build time, shipped as class-path resources named by the kernel and a hash of its
 * full source ({@code /org/nnft/gpu/cuda/ptx/<name>-<first 16 hex digits of SHA-256>.ptx}), so a
 * changed source or prelude never picks up stale PTX. {@link PtxPrecompiler} writes them.
 */
final class PtxResources {
    /** Folder of the precompiled PTX resources. */
    static final String FOLDER = "/org/nnft/gpu/cuda/ptx/";

    private PtxResources() {
    }

    /** The resource path for kernel {@code name} with full source {@code source}. */
    static String path(String name, String source) {
        return FOLDER + name + "-" + hash(source) + ".ptx";
    }

    /** The first 16 hex digits of the SHA-256 of the UTF-8 bytes of {@code source}. */
    static String hash(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The precompiled PTX of this kernel and source, if the class path has it. */
    static Optional<String> find(String name, String source) {
        return find(name, source, PtxResources.class.getClassLoader());
    }

    /** As {@link #find(String, String)}, among the resources of {@code loader}. */
    static Optional<String> find(String name, String source, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(path(name, source).substring(1))) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PTX resource " + path(name, source), e);
        }
    }
}
