package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;
import org.nnft.engine.io.NpyFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --export npz,pyerrors}: each command's exports are written beside its JSON and hold its numbers (checked
 * here in Java, and by {@code python/test_reader.py} with NumPy where python3 has it); an unknown format, or
 * pyerrors for a run without Monte Carlo histories, is a one-line input error before any work.
 */
class ExportTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String[] ENSEMBLE = {"ensemble", "--arch", "cos", "--width", "10", "--networks", "3072",
            "--points", "0;0.5", "--order", "4", "--block-size", "64", "--bins", "12", "--seed", "9",
            "--backend", "cpu", "--threads", "1", "--quiet", "--no-plots"};
    private static final String[] LATTICE = {"lattice", "--size", "6", "--sweeps", "200", "--thermalize", "20",
            "--backend", "cpu", "--threads", "1", "--quiet", "--no-plots"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void ok(String... args) {
        CliRun r = run(args);
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void everyCommandsExportsMatchItsJson() throws Exception {
        List<String> exports = new ArrayList<>();
        ok(with(ENSEMBLE, "--out", dir.resolve("ens.json").toString(), "--export", "npz"));
        exports.add("ens.npz");
        ok(with(ENSEMBLE, "--shard", "0/2", "--out", dir.resolve("s0.json").toString()));
        ok(with(ENSEMBLE, "--shard", "1/2", "--out", dir.resolve("s1.json").toString()));
        ok("merge", dir.resolve("s0.json").toString(), dir.resolve("s1.json").toString(), "--out",
                dir.resolve("all.json").toString(), "--export", "npz");
        exports.add("all.npz");
        ok(with(ENSEMBLE, "--lambda", "1", "--box", "3", "--grid", "4", "--shard", "1/2", "--out",
                dir.resolve("rw1.json").toString(), "--export", "npz"));
        exports.add("rw1.npz");
        ok(with(ENSEMBLE, "--lambda", "1", "--box", "3", "--grid", "4", "--sampler", "mcmc", "--chains", "4",
                "--sweeps", "10", "--out", dir.resolve("mc.json").toString(), "--export", "npz"));
        exports.add("mc.npz");
        ok("widths", "--arch", "relu", "--widths", "2,4", "--networks", "3072", "--order", "4", "--points",
                "0.5;1", "--block-size", "64", "--bins", "12", "--backend", "cpu", "--threads", "1", "--quiet",
                "--no-plots", "--out", dir.resolve("w.json").toString(), "--export", "npz");
        exports.add("w.npz");
        ok(with(LATTICE, "--out", dir.resolve("lat.json").toString(), "--export", "npz,pyerrors", "--save-configs",
                "--save-configs-every", "3"));
        exports.add("lat.npz");
        exports.add("lat.pyerrors.json.gz");
        ok("train", "--target", "sin", "--arch", "relu", "--width", "16", "--networks", "512", "--steps", "5",
                "--backend", "cpu", "--threads", "1", "--quiet", "--no-plots", "--out",
                dir.resolve("tr.json").toString(), "--export", "npz");
        exports.add("tr.npz");
        ok("learn", "--inverse-rg", "--size", "8", "--steps", "1", "--configs", "50", "--thermalize", "5",
                "--backend", "cpu", "--quiet", "--no-plots", "--out", dir.resolve("irg.json").toString(),
                "--export", "npz");
        exports.add("irg.npz");
        double[] bits = new double[20 * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (i * 7 + i / 8) % 3 == 0 ? 1 : 0;
        }
        ResultFile.writeBytes(dir.resolve("bits.npy"), NpyFile.encode(new int[]{20, 8}, bits));
        ok("learn", "--data", dir.resolve("bits.npy").toString(), "--rbm", "bernoulli-bernoulli", "--hidden", "3",
                "--steps", "5", "--chains", "4", "--new-samples", "8", "--backend", "cpu", "--quiet", "--no-plots",
                "--out", dir.resolve("rbm.json").toString(), "--export", "npz");
        exports.add("rbm.npz");
        assertArrayEquals(NpyFile.read(dir.resolve("rbm-samples.npy")).values(),
                NpyFile.decode(bytesOf(dir.resolve("rbm.npz"), "samples.npy"), "samples").values(),
                "the RBM's samples in its npz");
        for (String e : exports) {
            assertTrue(Files.isRegularFile(dir.resolve(e)), e);
        }

        JsonNode lat = ResultFile.read(dir.resolve("lat.json"));
        assertEquals(ResultExports.FORMAT_VERSION, lat.path("formatVersion").asInt());
        Map<String, NpyFile.Array> npz = readNpz(dir.resolve("lat.npz"));
        double[] m = new double[lat.path("results").path("series").path("m").size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = lat.path("results").path("series").path("m").get(i).asDouble();
        }
        assertArrayEquals(m, npz.get("series.m").values());
        assertArrayEquals(new int[]{200, 4}, npz.get("correlatorSeries").shape());
        NpyFile.Array configs = NpyFile.read(dir.resolve("lat-configs.npy"));
        assertArrayEquals(new int[]{67, 6, 6}, configs.shape(), "ceil(200 / 3) configurations of 6 x 6");
        assertArrayEquals(configs.values(), npz.get("configs").values());
        for (int i = 0; i < 67; i++) {
            double sum = 0;
            for (int x = 0; x < 36; x++) {
                sum += configs.values()[i * 36 + x];
            }
            assertEquals(m[3 * i], sum / 36, 1e-14, "m of kept measurement " + i);
        }
        assertEquals("lat-configs.npy", lat.path("results").path("configurations").path("file").asText());
        byte[] document = bytesOf(dir.resolve("lat.npz"), "document.json.npy");
        String text = new String(document, StandardCharsets.UTF_8);
        assertEquals(Files.readString(dir.resolve("lat.json")), text.substring(text.indexOf('\n') + 1));

        python(exports);
    }

    @Test
    void unknownFormatIsAnInputErrorBeforeAnyWork() {
        Path out = dir.resolve("x.json");
        CliRun r = run(with(LATTICE, "--out", out.toString(), "--export", "npz,hdf5"));
        assertEquals(2, r.code());
        assertEquals("nnft: --export: unknown format 'hdf5' (known: npz, pyerrors)", r.err().strip());
        assertEquals("", r.out());
        CliRun p = run(with(ENSEMBLE, "--out", out.toString(), "--export", "pyerrors"));
        assertEquals(2, p.code());
        assertEquals(1, p.err().strip().lines().count(), p.err());
        assertTrue(p.err().contains("--export pyerrors"), p.err());
        assertEquals(0, dir.toFile().list().length, "no file may be written");
    }

    /** Runs python/test_reader.py on the exports; skipped with a message where python3 or NumPy is missing. */
    private void python(List<String> exports) throws IOException, InterruptedException {
        Path script = Path.of("").toAbsolutePath().resolveSibling("python").resolve("test_reader.py");
        if (!Files.isRegularFile(script)) {
            script = Path.of("python", "test_reader.py").toAbsolutePath();
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        exports.forEach(e -> cmd.add(dir.resolve(e).toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not found: the NumPy reader test is skipped (" + e.getMessage() + ")");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "test_reader.py timed out");
        Assumptions.assumeTrue(p.exitValue() != 77, "the NumPy reader test is skipped: " + output.strip());
        assertEquals(0, p.exitValue(), output);
        System.out.print(output);
    }

    private static Map<String, NpyFile.Array> readNpz(Path npz) throws IOException {
        Map<String, NpyFile.Array> out = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName().replaceFirst("\\.npy$", "");
                byte[] bytes = zip.readAllBytes();
                if (!name.equals("document.json") && !name.equals("formatVersion")
                        && !name.endsWith(".t") && !name.endsWith(".length") && !name.startsWith("configurations.")) {
                    out.put(name, NpyFile.decode(bytes, name));
                }
            }
        }
        return out;
    }

    private static byte[] bytesOf(Path npz, String entry) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(entry)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new IOException(entry + " not in " + npz);
    }
}
