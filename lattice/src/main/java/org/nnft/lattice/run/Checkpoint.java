package org.nnft.lattice.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary checkpoint of a {@link ChainState}, written atomically: to a temporary file in the same
 * directory, flushed, then atomically renamed over the target. Doubles are stored bit for bit.
 */
public final class Checkpoint {
    private static final long MAGIC = 0x4E4E46544C415432L; // "NNFTLAT2"

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
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeLong(MAGIC);
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
                out.flush();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The run description stored with the checkpoint. */
    public static String readDescription(Path source) throws IOException {
        try (DataInputStream in = open(source)) {
            return in.readUTF();
        }
    }

    private static DataInputStream open(Path source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source)));
        if (in.readLong() != MAGIC) {
            in.close();
            throw new IOException("not a lattice checkpoint (or one of an older format): " + source);
        }
        return in;
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
            return new ChainState(seed, sweep, step, field, tunings, names, rows);
        }
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
