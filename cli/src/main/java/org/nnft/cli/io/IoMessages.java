package org.nnft.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong in an I/O error, in words: the JDK's file exceptions carry only the path as their
 * message ("cannot read x: x"), so the reason comes from the exception's type or the system's reason.
 */
public final class IoMessages {
    private IoMessages() {
    }

    /** The reason of {@code e} without its path, e.g. "no such file" or "permission denied". */
    public static String reason(IOException e) {
        if (e instanceof JsonProcessingException j) {
            return "not valid JSON: " + j.getOriginalMessage().lines().findFirst().orElse("");
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isEmpty()) {
            String r = f.getReason();
            return Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
