package org.nnft.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The files of one run (result JSON and plots), committed all together or not at all. Each file is
 * first written to a hidden temporary file in its target's folder ({@code .NAME.RANDOM.tmp}); only
 * {@link #commit()} renames them into place, after every file has been written. A run that fails
 * before that ({@link #close()} without commit) or is stopped by SIGINT/SIGTERM (a shutdown hook)
 * deletes its temporary files (and the folders it created for them) and leaves earlier results untouched.
 *
 * <p>Temporary files are created with the default permissions of a new file (0644 under umask 022),
 * unlike {@code Files.createTempFile}'s 0600, so results are as readable as any other file. A target
 * that is a symbolic link is written through: the link's target is replaced and the link stays.
 */
public final class OutputSet implements AutoCloseable {
    private static final Set<OutputSet> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(OutputSet::close), "nnft-output-cleanup"));
    }

    /** Staged temporary file to its final target, in the order written. */
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    /** Folders this set created for its files, outermost first: removed again (when empty) unless committed. */
    private final List<Path> createdFolders = new ArrayList<>();
    private boolean finished;

    public OutputSet() {
        OPEN.add(this);
    }

    /** Writes {@code bytes} as the future content of {@code target}. */
    public void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes the future content of {@code target} with {@code writer}. */
    public synchronized void write(Path target, Writer writer) {
        if (finished) {
            throw new IllegalStateException("output set already committed or closed");
        }
        Path finalTarget = resolveLinks(target.toAbsolutePath());
        Path tmp;
        try {
            if (Files.isDirectory(finalTarget)) {
                throw new IOException("a folder is in the way");
            }
            createFolders(finalTarget.getParent());
            tmp = temporarySibling(finalTarget);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                staged.put(tmp, finalTarget);
                writer.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " (" + IoMessages.reason(e) + ")", e);
        }
    }

    /** Renames every staged file into place; on failure the files not yet renamed are deleted. */
    public synchronized void commit() {
        if (finished) {
            throw new IllegalStateException("output set already committed or closed");
        }
        try {
            for (var it = staged.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                move(e.getKey(), e.getValue());
                it.remove();
            }
            createdFolders.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename into place (" + IoMessages.reason(e) + ")", e);
        } finally {
            close();
        }
    }

    /** Deletes every temporary file not yet committed (earlier results stay as they were). */
    @Override
    public synchronized void close() {
        finished = true;
        for (Path tmp : new ArrayList<>(staged.keySet())) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: nothing else can be done about a temp file that cannot be deleted
            }
        }
        staged.clear();
        for (Path folder : createdFolders.reversed()) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // not empty (someone else wrote there) or not ours to remove: leave it
            }
        }
        createdFolders.clear();
        OPEN.remove(this);
    }

    /** Creates {@code folder} and its missing parents, remembering which it created. */
    private void createFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                createdFolders.add(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
    }

    /** The staged temporary files (for tests). */
    synchronized List<Path> temporaryFiles() {
        return List.copyOf(staged.keySet());
    }

    /** Writes one file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** A fresh temporary name beside {@code target}, hidden and recognisable: {@code .NAME.RANDOM.tmp}. */
    static Path temporarySibling(Path target) {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return target.resolveSibling("." + target.getFileName() + "." + random + ".tmp");
    }

    /** The file a symbolic link finally points at (the path itself when it is not a link). */
    static Path resolveLinks(Path path) {
        Path p = path;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            } catch (IOException e) {
                return p;
            }
        }
        return p;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
