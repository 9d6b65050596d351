package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;
import org.nnft.engine.io.NpyFile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of the README's "bad input" paragraph, command by command: every input error exits 2 with
 * one line on stderr that starts "nnft: " and names the input, before any work starts (every case asks for
 * a run of hours, so an error found after the work would time the test out), leaving the earlier result
 * untouched and no file behind; a failed run (exit 1) also keeps the earlier result and leaves no temporary
 * file.
 */
class BadInputContractTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A bad command line and the text its one-line error must contain (the input's name). */
    private record Case(String names, String... args) {
    }

    private static final String HUGE = "1000000000000";

    private List<Case> cases() throws IOException {
        String keep = dir.resolve("keep.json").toString();
        Files.createDirectory(dir.resolve("folder"));
        Files.writeString(dir.resolve("file"), "x");
        String e = "ensemble --backend cpu --quiet --networks " + HUGE + " --out " + keep;
        String w = "widths --backend cpu --quiet --widths 2,4 --networks " + HUGE + " --out " + keep;
        String l = "lattice --backend cpu --quiet --sweeps 2000000000 --out " + keep;
        List<Case> cases = new ArrayList<>(List.of(
                // exit codes and output paths (item 2)
                new Case("--chains", split(e + " --lambda 1 --box 3 --sampler mcmc --chains 0")),
                new Case("--out", split("ensemble --backend cpu --quiet --networks " + HUGE + " --out "
                        + dir.resolve("folder"))),
                new Case("--out", split("lattice --backend cpu --quiet --sweeps 2000000000 --out "
                        + dir.resolve("folder"))),
                new Case("--out", concat(split("ensemble --backend cpu --quiet --networks " + HUGE + " --out"), "")),
                new Case("--out", split("widths --backend cpu --quiet --widths 2,4 --networks " + HUGE + " --out "
                        + dir.resolve("folder") + "/")),
                new Case("--out", split("ensemble --backend cpu --quiet --networks " + HUGE + " --out "
                        + dir.resolve("file") + "/x.json")),
                new Case("--out", split("ensemble --backend cpu --quiet --networks " + HUGE
                        + " --out /proc/nnft-no-such-folder/x.json")),
                new Case("--out", split("bench --workload lattice --sweeps 2000000000 --no-peer --out "
                        + dir.resolve("folder"))),
                new Case("--dir", split("demo --quiet --dir " + dir.resolve("file"))),
                new Case("--backend", split("demo --quiet --backend foo --dir " + dir.resolve("demo"))),
                // options (item 3)
                new Case("--points", split(e + " --points 1;;2")),
                new Case("--points", split(e + " --points 1;2;")),
                new Case("--mass", split(e + " --arch relu --mass 2")),
                new Case("--cutoff", split(e + " --arch gauss --cutoff 2")),
                new Case("--sigma-a", split(e + " --arch erf --sigma-a 2")),
                new Case("--sigma-w", split(e + " --arch cos --sigma-w 2")),
                new Case("--sigma-b", split(e + " --arch cauchy --sigma-b 2")),
                new Case("--outputs", split(e + " --arch cos --outputs 2")),
                new Case("--cutoff", split(e + " --arch cauchy --cutoff 2")),
                new Case("--mass", split(w + " --arch relu --mass 2")),
                new Case("--width", split(w + " --width 5")),
                new Case("--arch", split(e + " --arch cos --arch relu")),
                new Case("--seed", split(w + " --seed 1 --seed 2")),
                new Case("--precision", split(e + " --precision half")),
                new Case("--precision", split(w + " --precision quad")),
                new Case("no such file", split(e + " --points-file " + dir.resolve("missing.txt"))),
                new Case("--mcmc-sweeps", split("bench --no-peer --mcmc-sweeps 0 --out " + keep)),
                new Case("--networks", split("bench --no-peer --workload w1 --networks 0 --out " + keep)),
                new Case("--precision", split("bench --no-peer --workload w1 --precision half --out " + keep)),
                new Case("--precision", split("lattice --backend cpu --quiet --precision half --out " + keep)),
                new Case("--precision", split("bench --no-peer --workload mcmc --precision single --out " + keep)),
                new Case("--backends", split("bench --no-peer --backends foo --out " + keep)),
                new Case("--mcmc-sweeps", split("bench --no-peer --workload lattice --mcmc-sweeps 50 --out " + keep)),
                new Case("--peer-networks", split("bench --no-peer --workload w1 --peer-networks 5 --out " + keep)),
                new Case("--networks", split("ensemble --backend cpu --quiet --networks 0 --out " + keep)),
                new Case("--dim", split(e + " --dim 7")),
                new Case("--backend", split(e.replace("--backend cpu", "--backend warp-drive"))),
                new Case("--device", split(e + " --device 3")),
                new Case("missing.json", split("merge " + dir.resolve("missing.json") + " --out " + keep)),
                // earlier checks, still before any work
                new Case("--size", split(l + " --size 7")),
                new Case("--measure-every", split(l + " --measure-every 0")),
                new Case("--order", split(e + " --order 5")),
                new Case("--box", split(e + " --lambda 1 --box 3,3"))));
        cases.addAll(learnCases());
        return cases;
    }

    /** {@code nnft learn --data} with RBMs and images: every run asks for 2e9 training steps. */
    private List<Case> learnCases() throws IOException {
        Path npy = dir.resolve("bars.npy");
        double[] v = new double[4 * 16];
        for (int k = 0; k < v.length; k++) {
            v[k] = k % 3 == 0 ? 1 : 0;
        }
        Files.write(npy, NpyFile.encode(new int[]{4, 4, 4}, v));
        Path colour = dir.resolve("colour.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", colour.toFile());
        Path odd = Files.createDirectory(dir.resolve("odd-images"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", odd.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(4, 6, BufferedImage.TYPE_BYTE_GRAY), "png", odd.resolve("b.png").toFile());
        String keep = dir.resolve("keep.json").toString();
        String rbm = "learn --quiet --steps 2000000000 --out " + keep + " --data " + npy + " --rbm ";
        String action = "learn --quiet --backend cpu --steps 2000000000 --out " + keep + " --data ";
        return List.of(
                new Case("--rbm", split(rbm + "gaussian")),
                new Case("--rbm", split(rbm + "ising-bernoulli")),
                new Case("--stack", split(rbm + "bernoulli-bernoulli --stack 4,0")),
                new Case("--hidden", split(rbm + "bernoulli-bernoulli --hidden 4 --stack 4")),
                new Case("--visible-quartic", split(rbm + "gaussian-bernoulli --visible-quartic 0.1")),
                new Case("--hidden-quadratic", split(rbm + "gaussian-gaussian --hidden-quadratic 0")),
                new Case("--chains", split(rbm + "bernoulli-bernoulli --chains 0")),
                new Case("--rbm", split("learn --quiet --target --steps 2000000000 --out " + keep
                        + " --rbm gaussian-bernoulli")),
                new Case("colour.png", split(rbm.replace(npy.toString(), colour.toString()) + "gaussian-bernoulli")),
                new Case("colour.png", split(action + colour)),
                new Case("b.png", split(rbm.replace(npy.toString(), odd.toString()) + "gaussian-bernoulli")),
                new Case("b.png", split(action + odd)),
                new Case("--pixel-scale", split(action + odd.resolve("a.png") + " --pixel-scale 0")));
    }

    @Test
    void everyInputErrorIsExit2OneLineNamingTheInputBeforeAnyWork() throws IOException {
        Path keep = dir.resolve("keep.json");
        Files.writeString(keep, "{\"old\": true}");
        List<Case> cases = cases();
        List<String> before = names();
        for (Case c : cases) {
            String line = String.join(" ", c.args());
            long t0 = System.nanoTime();
            CliRun r = run(c.args());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(2, r.code(), line + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + line + " -> " + r.err());
            assertTrue(r.err().startsWith("nnft: "), r.err());
            assertTrue(r.err().contains(c.names()), "names " + c.names() + ": " + r.err());
            assertTrue(r.err().length() < 300, "short: " + r.err());
            assertTrue(seconds < 20, line + " took " + seconds + " s: checked only after work");
            assertEquals("", r.out(), line);
            assertEquals("{\"old\": true}", Files.readString(keep), line);
            assertEquals(before, names(), "no file left behind by " + line);
        }
    }

    @Test
    void aFailedRunKeepsTheEarlierResultAndLeavesNoTemporaryFile() throws IOException {
        Path out = dir.resolve("e.json");
        Files.writeString(out, "{\"old\": true}");
        Files.createDirectory(dir.resolve("e-g2.png"));          // the plot cannot be written
        CliRun r = run("ensemble", "--width", "10", "--networks", "4096", "--block-size", "64", "--bins", "8",
                "--points", "0;1", "--backend", "cpu", "--quiet", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("e-g2.png"), r.err());
        assertEquals("{\"old\": true}", Files.readString(out), "JSON and plots commit together or not at all");
        assertEquals(List.of("e-g2.png", "e.json"), names());
    }

    @Test
    void subcommandsPrintTheVersion() {
        for (String command : new String[]{"ensemble", "lattice", "widths", "merge", "demo", "bench", "backends"}) {
            CliRun r = run(command, "--version");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().startsWith("nnft "), command + ": '" + r.out() + "'");
        }
    }

    @Test
    void outOnASymbolicLinkWritesThroughAndResultsGetTheNormalMode() throws IOException {
        Path real = dir.resolve("real.json"), link = dir.resolve("link.json");
        Files.writeString(real, "{}");
        Files.createSymbolicLink(link, real.getFileName());
        CliRun r = run("ensemble", "--width", "10", "--networks", "4096", "--block-size", "64", "--bins", "8",
                "--points", "0;1", "--backend", "cpu", "--quiet", "--out", link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link));
        JsonNode doc = ResultFile.read(real);
        assertEquals(10, doc.get("config").get("width").asInt());
        Path fresh = Files.createFile(dir.resolve("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(real));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(dir.resolve("link-g2.png")));
        assertFalse(names().stream().anyMatch(n -> n.endsWith(".tmp")), names().toString());
    }

    @Test
    void longChainsPlotThinnedWithProgressUnlessQuiet() throws IOException {
        Path out = dir.resolve("l.json");
        String[] args = {"lattice", "--dim", "2", "--size", "4", "--sweeps", "6000", "--thermalize", "10",
                "--backend", "cpu", "--out", out.toString()};
        CliRun loud = run(args);
        assertEquals(0, loud.code(), loud.err());
        assertTrue(loud.err().contains("plotting 4/4"), loud.err());
        assertEquals(6000, ResultFile.read(out).get("results").get("series").get("absM").size(),
                "the JSON keeps every measurement");
        CliRun quiet = run(concat(args, "--quiet"));
        assertEquals(0, quiet.code());
        assertFalse(quiet.err().contains("plotting"), quiet.err());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String[] split(String line) {
        return line.split(" ");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
