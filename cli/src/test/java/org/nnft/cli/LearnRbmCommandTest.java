package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.PngImages;
import org.nnft.cli.io.ResultFile;
import org.nnft.engine.BackendStatus;
import org.nnft.engine.Backends;
import org.nnft.engine.io.NpyFile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code nnft learn --data FILE --rbm VISIBLE-HIDDEN} and image data: the result layout of small runs (one layer,
 * a stack, images for the RBM and for the inhomogeneous action), PNG images read back to the exact array, and bad
 * input refused in one line (exit 2) before any work.
 */
class LearnRbmCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** 40 binary 4x4 configurations: a horizontal or a vertical bar. */
    private Path bars() {
        double[] v = new double[40 * 16];
        for (int n = 0; n < 40; n++) {
            for (int k = 0; k < 16; k++) {
                int line = n % 2 == 0 ? k / 4 : k % 4;
                v[n * 16 + k] = line == (n / 2) % 4 ? 1 : 0;
            }
        }
        Path npy = dir.resolve("bars.npy");
        ResultFile.writeBytes(npy, NpyFile.encode(new int[]{40, 4, 4}, v));
        return npy;
    }

    private static void writePng(Path file, int width, int height, int[] pixels) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, width, height, 0, pixels);
        assertTrue(ImageIO.write(img, "png", file.toFile()));
    }

    private static int[] ramp(int n, int offset) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = (offset + 37 * k) % 256;
        }
        return p;
    }

    @Test
    void rbmRunWritesParametersCurveAndSamples() {
        Path out = dir.resolve("rbm.json");
        CliRun r = run("learn", "--data", bars().toString(), "--rbm", "bernoulli-bernoulli", "--hidden", "6",
                "--steps", "20", "--chains", "10", "--new-samples", "25", "--backend", "cpu", "--quiet", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = ResultFile.read(out);
        assertEquals("rbm", doc.get("config").get("mode").asText());
        assertTrue(doc.get("provenance").has("sampler"), "the provenance says how the chains ran");
        assertFalse(doc.get("provenance").get("engine").asText().contains("Gibbs"), "the engine version is kept");
        assertEquals("cpu", doc.get("provenance").get("backend").asText());
        JsonNode layer = doc.get("results").get("layers").get(0);
        assertEquals(16, layer.get("parameters").get("w").size());
        assertEquals(6, layer.get("parameters").get("w").get(0).size());
        assertEquals(layer.get("reconstruction").get("step").size(), layer.get("reconstruction").get("error").size());
        assertTrue(doc.get("results").get("moments").get("mean").get("samples").has("error"));
        NpyFile.Array s = NpyFile.read(dir.resolve("rbm-samples.npy"));
        assertArrayEquals(new int[]{25, 4, 4}, s.shape());
        for (double x : s.values()) {
            assertTrue(x == 0 || x == 1, "Bernoulli samples are 0 or 1: " + x);
        }
        assertTrue(Files.exists(dir.resolve("rbm-samples.png")));
        assertTrue(Files.exists(dir.resolve("rbm-reconstruction.png")));
        assertTrue(r.out().contains("layer 1  bernoulli-bernoulli  16 x 6"), r.out());
    }

    /** The chains on OpenCL (PoCL here): the same Bernoulli samples as on the CPU backend, recorded in provenance. */
    @Test
    void openClChainsGiveTheCpuSamples() {
        assumeTrue(Backends.status("opencl").map(BackendStatus::available).orElse(false), "OpenCL unavailable");
        String[] backends = {"cpu", "opencl"};
        double[][] samples = new double[2][];
        for (int k = 0; k < 2; k++) {
            Path out = dir.resolve("rbm-" + backends[k] + ".json");
            CliRun r = run("learn", "--data", bars().toString(), "--rbm", "bernoulli-bernoulli", "--hidden", "6",
                    "--steps", "20", "--chains", "10", "--new-samples", "25", "--backend", backends[k], "--quiet",
                    "--no-plots", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(backends[k], ResultFile.read(out).get("provenance").get("backend").asText());
            samples[k] = NpyFile.read(dir.resolve("rbm-" + backends[k] + "-samples.npy")).values();
        }
        assertArrayEquals(samples[0], samples[1]);
    }

    @Test
    void stackWritesOneEntryPerLayerAndSamplesOfTheDataShape() {
        Path out = dir.resolve("stack.json");
        CliRun r = run("learn", "--data", bars().toString(), "--rbm", "gaussian-bernoulli", "--stack", "8,4",
                "--steps", "10", "--chains", "5", "--new-samples", "7", "--quiet", "--no-plots", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode layers = ResultFile.read(out).get("results").get("layers");
        assertEquals(2, layers.size());
        assertEquals("bernoulli", layers.get(1).get("visibleUnits").get("kind").asText());
        assertEquals(8, layers.get(1).get("visible").asInt());
        assertEquals(4, layers.get(1).get("hidden").asInt());
        assertArrayEquals(new int[]{7, 4, 4}, NpyFile.read(dir.resolve("stack-samples.npy")).shape());
        assertFalse(Files.exists(dir.resolve("stack-samples.png")), "no plots for .npy data with --no-plots");
    }

    @Test
    void pngIsReadBackToTheExactArrayAndMapped() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("images"));
        int[] a = ramp(6 * 4, 0);
        int[] b = ramp(6 * 4, 100);
        writePng(folder.resolve("a.png"), 6, 4, a);
        writePng(folder.resolve("b.png"), 6, 4, b);
        PngImages.Images im = PngImages.read(folder, "--data");
        assertEquals(6, im.width());
        assertEquals(4, im.height());
        assertArrayEquals(a, im.pixels()[0]);
        assertArrayEquals(b, im.pixels()[1]);
        LearnData d = LearnData.read(folder, 2.5, false);
        assertArrayEquals(new int[]{4, 6}, d.shape());
        for (int k = 0; k < a.length; k++) {
            assertEquals((2.0 * b[k] / 255.0 - 1.0) * 2.5, d.rows()[1][k]);
            assertEquals(b[k], d.intensity(d.rows()[1][k]), "the inverse mapping");
        }
        LearnData bits = LearnData.read(folder.resolve("a.png"), 1, true);
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k] >= 128 ? 1.0 : 0.0, bits.rows()[0][k]);
        }
    }

    @Test
    void imagesTrainAnRbmAndTheInhomogeneousAction() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("faces"));
        for (int n = 0; n < 3; n++) {
            writePng(folder.resolve("f" + n + ".png"), 4, 4, ramp(16, 50 * n));
        }
        Path out = dir.resolve("img.json");
        CliRun r = run("learn", "--data", folder.toString(), "--rbm", "phi4-bernoulli", "--hidden", "3", "--steps", "5",
                "--chains", "4", "--new-samples", "4", "--pixel-scale", "2", "--quiet", "--no-plots", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("img-samples.png")), "image data: samples as PNG even with --no-plots");
        assertEquals(2.0, ResultFile.read(out).get("config").get("pixelScale").asDouble());
        Path one = folder.resolve("f1.png");
        Path s = dir.resolve("action.json");
        CliRun a = run("learn", "--data", one.toString(), "--steps", "2", "--train-samples", "50", "--new-samples", "5",
                "--backend", "cpu", "--quiet", "--no-plots", "--out", s.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(4, ResultFile.read(s).get("config").get("size").asInt());
        assertTrue(Files.exists(dir.resolve("action-samples.png")));
        assertArrayEquals(new int[]{5, 4, 4}, NpyFile.read(dir.resolve("action-samples.npy")).shape());
    }

    @Test
    void badInputIsOneLineAndExitTwoBeforeAnyWork() throws IOException {
        Path out = dir.resolve("learn.json");
        Files.writeString(out, "{\"old\": true}");
        String npy = bars().toString();
        Path gauss = dir.resolve("gauss.npy");
        ResultFile.writeBytes(gauss, NpyFile.encode(new int[]{3, 2, 2}, new double[]{0.5, 1, 2, 3, 4, 5, 6, 7, 8,
                9, 10, 11}));
        Path colour = dir.resolve("colour.png");
        BufferedImage rgb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        assertTrue(ImageIO.write(rgb, "png", colour.toFile()));
        Path odd = Files.createDirectory(dir.resolve("odd"));
        writePng(odd.resolve("a.png"), 4, 4, ramp(16, 0));
        writePng(odd.resolve("b.png"), 4, 5, ramp(20, 0));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path notPng = dir.resolve("fake.png");
        Files.writeString(notPng, "not an image");
        String[][] bad = {
                {"learn", "--data", npy, "--rbm", "gaussian"},
                {"learn", "--data", npy, "--rbm", "ising-bernoulli"},
                {"learn", "--data", npy, "--rbm", "bernoulli-bernoulli", "--stack", "4,0"},
                {"learn", "--data", npy, "--rbm", "bernoulli-bernoulli", "--hidden", "4", "--stack", "4"},
                {"learn", "--data", npy, "--hidden", "4"},
                {"learn", "--target", "--rbm", "gaussian-bernoulli"},
                {"learn", "--data", npy, "--rbm", "gaussian-bernoulli", "--visible-quartic", "0.1"},
                {"learn", "--data", npy, "--rbm", "phi4-bernoulli", "--visible-quartic", "-1"},
                {"learn", "--data", npy, "--rbm", "gaussian-gaussian", "--hidden-quadratic", "0"},
                {"learn", "--data", npy, "--rbm", "bernoulli-bernoulli", "--hidden-quadratic", "1"},
                {"learn", "--data", gauss.toString(), "--rbm", "bernoulli-bernoulli"},
                {"learn", "--data", npy, "--rbm", "bernoulli-bernoulli", "--chains", "0"},
                {"learn", "--data", npy, "--rbm", "bernoulli-bernoulli", "--export", "pyerrors"},
                {"learn", "--data", npy, "--rbm", "gaussian-bernoulli", "--hidden", "1000000"},
                {"learn", "--data", colour.toString(), "--rbm", "gaussian-bernoulli"},
                {"learn", "--data", colour.toString()},
                {"learn", "--data", odd.toString(), "--rbm", "gaussian-bernoulli"},
                {"learn", "--data", odd.toString()},
                {"learn", "--data", empty.toString(), "--rbm", "gaussian-bernoulli"},
                {"learn", "--data", notPng.toString()},
                {"learn", "--data", dir.resolve("missing.png").toString()},
                {"learn", "--data", odd.resolve("a.png").toString(), "--pixel-scale", "-1"},
                {"learn", "--data", npy, "--pixel-scale", "2"},
                {"learn", "--data", npy, "--chains", "5"},
                {"learn", "--data", npy, "--rbm", "bernoulli-bernoulli", "--backend", "nope"}};
        for (String[] args : bad) {
            String[] all = Arrays.copyOf(args, args.length + 3);
            all[args.length] = "--out";
            all[args.length + 1] = out.toString();
            all[args.length + 2] = "--quiet";
            CliRun r = run(all);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("nnft: "), r.err());
            assertFalse(r.out().contains("results:"), r.out());
        }
        assertEquals("{\"old\": true}", Files.readString(out));
    }
}
