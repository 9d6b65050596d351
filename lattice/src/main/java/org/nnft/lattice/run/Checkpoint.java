package org.nnft.lattice.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Binary checkpoint of a {@link ChainState}. Doubles are stored bit for bit.
 *
 * <p>Layout: the magic {@code "NNFTLAT3"}, the payload length (8 bytes), the payload, and the CRC32C of the
 * payload (4 bytes). A file whose length does not match is refused as truncated, one whose checksum does not match
 * as corrupt, so a damaged checkpoint is never resumed. Any change of a single byte is detected: in the magic or
 * the length by the layout, in the payload or the checksum by CRC32C.
 *
 * <p>Writes are atomic: the bytes go to the fixed temporary file {@link #temporaryOf .NAME.tmp} beside the target,
 * are forced to disk and renamed over it. The temporary name is deterministic, so a write killed half way leaves
 * at most that one file, which the next write (or {@link #removeStaleTemporary}) replaces or removes.
 */
public final class Checkpoint {
    private static final long MAGIC = 0x4E4E46544C415433L; // "NNFTLAT3"
    private static final long OLDER_MAGIC = 0x4E4E46544C415432L; // "NNFTLAT2", without length and checksum
    private static final int HEADER = 16;
    private static final int TRAILER = 4;

    private Checkpoint() {
    }

    public static void write(Path target, ChainState s) throws IOException {
        write(target, s, "");
    }

    /**
     * Writes {@code s} with a description of the run that produced it (its configuration), which
     * {@link #readDescription} returns so that a resume can refuse a checkpoint of another run.
     */
    public static void write(Path target, ChainState s, String description) throws IOException {
        byte[] payload = payload(s, description);
        ByteBuffer file = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
        file.putLong(MAGIC).putLong(payload.length).put(payload).putInt(crc(payload, 0, payload.length)).flip();
        Path tmp = temporaryOf(target);
        Files.createDirectories(tmp.getParent());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (file.hasRemaining()) {
                    ch.write(file);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The temporary file a write of {@code target} goes through: {@code .NAME.tmp} in the same folder. */
    public static Path temporaryOf(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".tmp");
    }

    /** Removes the temporary file a killed write of {@code target} may have left; true if there was one. */
    public static boolean removeStaleTemporary(Path target) throws IOException {
        return Files.deleteIfExists(temporaryOf(target));
    }

    /** The run description stored with the checkpoint. */
    public static String readDescription(Path source) throws IOException {
        try (DataInputStream in = open(source)) {
            return in.readUTF();
        }
    }

    public static ChainState read(Path source) throws IOException {
        try (DataInputStream in = open(source)) {
            in.readUTF();
            long seed = in.readLong();
            long sweep = in.readLong();
            long step = in.readLong();
            double[] field = readDoubles(in);
            double[] tunings = readDoubles(in);
            int nn = in.readInt();
            List<String> names = new ArrayList<>(nn);
            for (int i = 0; i < nn; i++) {
                names.add(in.readUTF());
            }
            double[][] rows = new double[in.readInt()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = readDoubles(in);
            }
            if (in.available() != 0) {
                throw new IOException("checkpoint " + source + " is corrupt: " + in.available() + " bytes left over");
            }
            return new ChainState(seed, sweep, step, field, tunings, names, rows);
        } catch (EOFException e) {
            throw new IOException("checkpoint " + source + " is corrupt: its payload ends early", e);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + source + " is corrupt: " + e, e);
        }
    }

    /** The verified payload of {@code source}: magic, length and checksum checked. */
    private static DataInputStream open(Path source) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        if (bytes.length < 8) {
            throw new IOException("checkpoint " + source + " is truncated (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long magic = b.getLong();
        if (magic == OLDER_MAGIC) {
            throw new IOException(source + " is a checkpoint of an older format, without a checksum");
        }
        if (magic != MAGIC) {
            throw new IOException(source + " is not a lattice checkpoint (or it is corrupt)");
        }
        long length = bytes.length >= HEADER ? b.getLong() : -1;
        long expected = HEADER + length + TRAILER;
        if (length < 0 || expected != bytes.length) {
            throw new IOException("checkpoint " + source + " is truncated or corrupt: " + bytes.length
                    + " bytes, its header " + (length < 0 ? "is incomplete" : "says " + expected));
        }
        int payload = (int) length;
        int stored = ByteBuffer.wrap(bytes, HEADER + payload, TRAILER).getInt();
        if (stored != crc(bytes, HEADER, payload)) {
            throw new IOException("checkpoint " + source + " is corrupt (CRC32C checksum mismatch)");
        }
        return new DataInputStream(new ByteArrayInputStream(bytes, HEADER, payload));
    }

    private static byte[] payload(ChainState s, String description) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(description);
            out.writeLong(s.seed());
            out.writeLong(s.sweep());
            out.writeLong(s.step());
            writeDoubles(out, s.field());
            writeDoubles(out, s.tunings());
            out.writeInt(s.names().size());
            for (String n : s.names()) {
                out.writeUTF(n);
            }
            out.writeInt(s.rows().length);
            for (double[] row : s.rows()) {
                writeDoubles(out, row);
            }
        }
        return bytes.toByteArray();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) {
            out.writeLong(Double.doubleToRawLongBits(x));
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.longBitsToDouble(in.readLong());
        }
        return v;
    }
}
