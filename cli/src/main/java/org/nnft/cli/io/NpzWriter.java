package org.nnft.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} archive: a zip file holding one {@code NAME.npy} entry per array, which
 * {@code numpy.load} opens as a mapping from NAME to array. The entries are deflated (as
 * {@code numpy.savez_compressed} does); the arrays' bytes come from {@link org.nnft.engine.io.NpyFile}.
 */
public final class NpzWriter {
    private NpzWriter() {
    }

    /** Writes {@code arrays} (name to the bytes of a .npy file), in their order, as an npz archive to {@code out}. */
    public static void write(OutputStream out, Map<String, byte[]> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }
}
