package org.nnft.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks output paths before a run starts computing, so that a run never does its work only to find
 * that it cannot write the result. Errors are one line naming the option: an empty path, a path ending
 * in '/' (a folder, not a file), an existing folder, a parent that is a file, or a folder in which no
 * file can be created (tried by creating and deleting a hidden probe file, which also catches
 * read-only file systems and root-owned folders that permission bits alone do not show). Missing
 * folders are fine: they are created when the results are written.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * The file that {@code option} names, checked; {@code raw} is the text as given on the command line
     * (null for a default), {@code path} its parsed form ({@code Path} drops a trailing '/').
     */
    public static Path requireFile(String option, String raw, Path path) {
        if ((raw != null && raw.isBlank()) || path.toString().isEmpty()) {
            throw new IllegalArgumentException(option + ": empty path; give a file name");
        }
        if (raw != null && (raw.endsWith("/") || raw.endsWith(path.getFileSystem().getSeparator()))) {
            throw new IllegalArgumentException(option + ": '" + raw + "' ends in '/', which names a folder; "
                    + "give a file name");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + ": " + path + " is a folder; give a file name");
        }
        requireWritableFolder(option, path.toAbsolutePath().getParent());
        return path;
    }

    /** The folder that {@code option} names, checked (it may not exist yet; it is created when written to). */
    public static Path requireFolder(String option, Path dir) {
        if (dir.toString().isEmpty()) {
            throw new IllegalArgumentException(option + ": empty path; give a folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + ": " + dir + " is a file, not a folder");
        }
        requireWritableFolder(option, dir.toAbsolutePath());
        return dir;
    }

    /** Checks that files can be created in {@code dir} or, where it does not exist yet, its nearest ancestor. */
    private static void requireWritableFolder(String option, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException(option + ": no existing folder above " + dir);
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + ": " + existing + " is a file, not a folder");
        }
        Path probe = OutputSet.temporarySibling(existing.resolve("nnft-probe"));
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot write in " + existing + " ("
                    + IoMessages.reason(e) + ")");
        }
    }
}
