package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnft.cli.io.ResultFile;
import org.nnft.ensemble.TrainedEnsemble;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.theory.Activation;
import org.nnft.theory.CosNetCorrelators;
import org.nnft.theory.CosNetTangentKernel;
import org.nnft.theory.GaussianPrediction;
import org.nnft.theory.LinearisedDynamics;
import org.nnft.theory.Parameterization;
import org.nnft.theory.ShallowNetTangentKernel;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.UniformBallDensity;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nnft train}: the JSON layout, the ensemble against the linearised theory, the finite-width deviation's
 * slope in N, and one-line errors before any work.
 */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void writesMeanVarianceFourPointAndLossAgainstTheLinearisedTheory() throws Exception {
        Path data = dir.resolve("two.csv");
        Files.writeString(data, "# x,y\n-1,0.8\n\n1,-0.5\n");
        Path out = dir.resolve("train.json");
        CliRun r = run("train", "--data", data.toString(), "--arch", "erf", "--width", "256", "--sigma-w", "1.2",
                "--sigma-b", "0.2", "--networks", "2048", "--steps", "10", "--times", "0,10", "--points", "-0.5;0.3",
                "--seed", "5", "--backend", "cpu", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode training = ResultFile.read(out).get("results").get("training");
        double eta = training.get("learningRate").asDouble();
        LinearisedDynamics theory = new LinearisedDynamics(new ShallowNetTangentKernel(
                new ShallowNetTheory(Activation.ERF, 1.2, 0.2, 1), Parameterization.NTK, 256),
                new double[][] {{-1}, {1}}, new double[] {0.8, -0.5}, eta);
        assertEquals(4, training.get("perPoint").size());
        for (JsonNode e : training.get("perPoint")) {
            int t = e.get("t").asInt();
            int p = e.get("point").asInt();
            GaussianPrediction g = theory.afterSteps(t, new double[][] {{-0.5}, {0.3}});
            assertEquals(g.mean()[p], e.get("theory").get("mean").asDouble(), 1e-12);
            assertEquals(g.variance(p), e.get("theory").get("variance").asDouble(), 1e-12);
            JsonNode mean = e.get("mean");
            assertEquals(g.mean()[p], mean.get("value").asDouble(), 4 * mean.get("error").asDouble() + 0.01, "t" + t);
            JsonNode var = e.get("variance");
            assertEquals(g.variance(p), var.get("value").asDouble(), 4 * var.get("error").asDouble() + 0.01);
        }
        assertEquals(6, training.get("connected4").size());           // (i,i,j,j), i <= j, at 2 times
        JsonNode loss = training.get("loss");
        assertEquals(2, loss.size());
        for (JsonNode l : loss) {
            assertEquals(l.get("theory").asDouble(), l.get("value").asDouble(), 5 * l.get("error").asDouble() + 0.01);
        }
        assertTrue(loss.get(1).get("value").asDouble() < loss.get(0).get("value").asDouble(), "training lowers loss");
        assertTrue(Files.exists(dir.resolve("train-t10.png")) && Files.exists(dir.resolve("train-loss.png")));
    }

    /**
     * {@code --arch gauss} (act(z) = exp(z - c_x)): the trained ensemble against the linearised dynamics of the Gauss
     * NTK (theory module, an independent computation); sigma_W = 0.8 keeps the log-normal activations' variance
     * estimate within the 4 sigma + 0.01 check at 2048 networks.
     */
    @Test
    void trainsGaussNetsAgainstTheirLinearisedTheory() throws Exception {
        Path data = dir.resolve("two.csv");
        Files.writeString(data, "-1,0.6\n1,-0.4\n");
        Path out = dir.resolve("gauss.json");
        CliRun r = run("train", "--data", data.toString(), "--arch", "gauss", "--width", "256", "--sigma-w", "0.8",
                "--sigma-b", "0.2", "--networks", "2048", "--steps", "10", "--times", "0,10", "--points", "-0.5;0.3",
                "--seed", "3", "--backend", "cpu", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode result = ResultFile.read(out);
        assertEquals("gauss", result.get("config").get("arch").asText());
        JsonNode training = result.get("results").get("training");
        LinearisedDynamics theory = new LinearisedDynamics(new ShallowNetTangentKernel(
                new ShallowNetTheory(Activation.GAUSS, 0.8, 0.2, 1), Parameterization.NTK, 256),
                new double[][] {{-1}, {1}}, new double[] {0.6, -0.4}, training.get("learningRate").asDouble());
        for (JsonNode e : training.get("perPoint")) {
            int t = e.get("t").asInt();
            int p = e.get("point").asInt();
            GaussianPrediction g = theory.afterSteps(t, new double[][] {{-0.5}, {0.3}});
            JsonNode mean = e.get("mean");
            assertEquals(g.mean()[p], mean.get("value").asDouble(), 4 * mean.get("error").asDouble() + 0.01, "t" + t);
            JsonNode var = e.get("variance");
            assertEquals(g.variance(p), var.get("value").asDouble(), 4 * var.get("error").asDouble() + 0.01, "t" + t);
        }
        JsonNode loss = training.get("loss");
        assertTrue(loss.get(1).get("value").asDouble() < loss.get(0).get("value").asDouble(), "training lowers loss");
    }

    /**
     * {@code --arch cos}: a trained ensemble of d = 1 ball cos-nets against the linearised dynamics of the cos-net NTK,
     * built here from the theory module's cos-net correlators (not through the CLI's own path).
     */
    @Test
    void trainsCosNetsAgainstTheirLinearisedTheory() throws Exception {
        Path data = dir.resolve("two.csv");
        Files.writeString(data, "-0.8,0.4\n0.6,-0.3\n");
        Path out = dir.resolve("cos.json");
        CliRun r = run("train", "--data", data.toString(), "--arch", "cos", "--width", "256", "--mass", "1",
                "--cutoff", "4", "--networks", "2048", "--steps", "10", "--times", "0,10", "--points", "-1;0.2;1",
                "--seed", "3", "--backend", "cpu", "--quiet", "--no-plots", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode result = ResultFile.read(out);
        assertEquals("cos", result.get("config").get("arch").asText());
        JsonNode training = result.get("results").get("training");
        CosNetTangentKernel ntk = new CosNetTangentKernel(new CosNetCorrelators(
                UniformBallDensity.freeScalar(1, 1.0, 4.0, 1.0), 1.0), 1.0, Parameterization.NTK, 256);
        assertEquals(ntk.ntk(new double[] {0.2}, new double[] {-1}), TrainedEnsemble.tangentKernels(
                CosNet.freeScalar(1, 1.0, 4.0, 1.0, 256)).ntk(new double[] {0.2}, new double[] {-1}), 0.0);
        LinearisedDynamics theory = new LinearisedDynamics(ntk, new double[][] {{-0.8}, {0.6}},
                new double[] {0.4, -0.3}, training.get("learningRate").asDouble());
        double[][] test = {{-1}, {0.2}, {1}};
        for (JsonNode e : training.get("perPoint")) {
            int t = e.get("t").asInt();
            int p = e.get("point").asInt();
            GaussianPrediction g = theory.afterSteps(t, test);
            assertEquals(g.mean()[p], e.get("theory").get("mean").asDouble(), 1e-12);
            JsonNode mean = e.get("mean");
            assertEquals(g.mean()[p], mean.get("value").asDouble(), 4 * mean.get("error").asDouble() + 0.01, "t" + t);
            JsonNode var = e.get("variance");
            assertEquals(g.variance(p), var.get("value").asDouble(), 4 * var.get("error").asDouble() + 0.01, "t" + t);
        }
        JsonNode loss = training.get("loss");
        assertTrue(loss.get(1).get("value").asDouble() < loss.get(0).get("value").asDouble(), "training lowers loss");
    }

    /** The deviation of the trained mean from the infinite-width theory falls as 1/N (seconds on 2 cores). */
    @Test
    @Tag("slow")
    void meanDeviationFromTheLinearisedTheoryFallsAsOneOverWidth() throws Exception {
        Path data = dir.resolve("two.csv");
        Files.writeString(data, "-1,0.8\n1,-0.5\n");
        Path out = dir.resolve("widths.json");
        CliRun r = run("train", "--data", data.toString(), "--width", "32", "--widths", "4,8,16", "--sigma-b", "0.2",
                "--networks", "16384", "--steps", "20", "--eta", "0.15", "--times", "0,20", "--points", "-1.5;0;1.5",
                "--seed", "3", "--backend", "cpu", "--quiet", "--no-plots", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode fw = ResultFile.read(out).get("results").get("training").get("finiteWidth");
        JsonNode mean = fw.get("meanSlope");
        assertEquals(-1, mean.get("value").asDouble(), 4 * mean.get("error").asDouble() + 0.05, mean.toString());
        JsonNode variance = fw.get("varianceSlope");
        double slope = variance.get("value").asDouble();
        assertTrue(slope < -0.9 && slope > -1.5, "variance deviation falls at least as 1/N here: " + variance);
        assertTrue(r.out().contains("slope: mean"), r.out());
    }

    @Test
    void badInputGivesOneLineErrorsAndExitCode2BeforeAnyWork() throws Exception {
        Path out = dir.resolve("keep.json");
        Files.writeString(out, "{\"old\": true}");
        Path bad3 = dir.resolve("bad.csv");
        Files.writeString(bad3, "0,1,2\n");
        Path notNumber = dir.resolve("nan.csv");
        Files.writeString(notNumber, "0,y\n");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "# nothing\n");
        String o = out.toString();
        String[][] bad = {
                {"train", "--arch", "sigmoid", "--out", o},
                {"train", "--arch", "cos", "--dim", "5", "--out", o},
                {"train", "--arch", "cauchy", "--dim", "2", "--out", o},
                {"train", "--arch", "cos", "--mass", "0", "--out", o},
                {"train", "--arch", "cos", "--cutoff", "-1", "--out", o},
                {"train", "--arch", "cos", "--dim", "4", "--cutoff", "1e300", "--out", o},
                {"train", "--arch", "cauchy", "--sigma-a", "0", "--out", o},
                {"train", "--arch", "cauchy", "--cutoff", "3", "--out", o},
                {"train", "--arch", "cos", "--sigma-w", "1", "--out", o},
                {"train", "--arch", "relu", "--mass", "1", "--out", o},
                {"train", "--dim", "0", "--out", o},
                {"train", "--dim", "17", "--out", o},
                {"train", "--width", "0", "--out", o},
                {"train", "--widths", "8,x", "--out", o},
                {"train", "--widths", "0", "--out", o},
                {"train", "--sigma-w", "0", "--out", o},
                {"train", "--sigma-b", "-1", "--out", o},
                {"train", "--networks", "0", "--out", o},
                {"train", "--steps", "-1", "--out", o},
                {"train", "--steps", "10", "--times", "0,20", "--out", o},
                {"train", "--times", "a", "--out", o},
                {"train", "--eta", "0", "--out", o},
                {"train", "--eta", "100", "--out", o},
                {"train", "--target", "cos", "--out", o},
                {"train", "--train-points", "0", "--out", o},
                {"train", "--train-points", "65", "--out", o},
                {"train", "--train-points", "62", "--out", o},
                {"train", "--target", "sin", "--data", bad3.toString(), "--out", o},
                {"train", "--data", dir.resolve("missing.csv").toString(), "--out", o},
                {"train", "--data", bad3.toString(), "--out", o},
                {"train", "--data", notNumber.toString(), "--out", o},
                {"train", "--data", empty.toString(), "--out", o},
                {"train", "--points", "0;x", "--out", o},
                {"train", "--out", dir.toString() + "/"},
                {"train", "--bogus"}};
        for (String[] args : bad) {
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("nnft: "), r.err());
        }
        assertEquals("{\"old\": true}", Files.readString(out));
    }
}
