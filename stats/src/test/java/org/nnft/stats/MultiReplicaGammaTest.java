package org.nnft.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The multi-replica Gamma method: one replica gives {@link GammaMethod}'s numbers bit for bit (direct and FFT lag
 * paths, primary and derived); a long AR(1) chain cut into R pieces agrees with the whole chain within the method's
 * own errors; R independent chains give the exact error of their common mean.
 */
class MultiReplicaGammaTest {

    private static void assertSame(GammaResult expected, GammaResult actual) {
        assertEquals(expected.mean(), actual.mean(), 0.0, "mean");
        assertEquals(expected.error(), actual.error(), 0.0, "error");
        assertEquals(expected.tauInt(), actual.tauInt(), 0.0, "tauInt");
        assertEquals(expected.tauIntError(), actual.tauIntError(), 0.0, "tauIntError");
        assertEquals(expected.window(), actual.window(), "window");
        assertEquals(expected.sampleCount(), actual.sampleCount(), "sampleCount");
        assertArrayEquals(expected.rho(), actual.rho(), 0.0, "rho");
    }

    @Test
    void oneReplicaEqualsGammaMethodBitForBit() {
        for (int n : new int[]{2, 50, 1000, 1 << 15}) {
            double[] x = Ar1Process.chain(0.7, n, new SplittableRandom(n));
            double[] y = Ar1Process.chain(0.3, n, new SplittableRandom(n + 1));
            for (int i = 0; i < n; i++) {
                x[i] += 1.5;
                y[i] += 2.0 + 0.5 * x[i];
            }
            assertSame(GammaMethod.analyze(x), MultiReplicaGamma.analyze(new double[][]{x}));
            assertSame(GammaMethod.analyze(x, 3.0), MultiReplicaGamma.analyze(3.0, new double[][]{x}));
            assertSame(GammaMethod.derived(v -> v[0] / v[1], x, y),
                    MultiReplicaGamma.derived(v -> v[0] / v[1], new double[][]{x}, new double[][]{y}));
        }
        double[] constant = new double[10];
        Arrays.fill(constant, 3.0);
        assertSame(GammaMethod.analyze(constant), MultiReplicaGamma.analyze(new double[][]{constant}));
    }

    @Test
    void aLongChainCutInPiecesAgreesWithTheWholeChain() {
        double a = 0.8;
        int n = 1 << 17;
        double[] chain = Ar1Process.chain(a, n, new SplittableRandom(21));
        GammaResult whole = GammaMethod.analyze(chain);
        for (int pieces : new int[]{2, 8, 32}) {
            double[][] replicas = cut(chain, pieces);
            GammaResult r = MultiReplicaGamma.analyze(replicas);
            assertEquals(n, r.sampleCount());
            assertEquals(whole.mean(), r.mean(), 1e-12, "the same measurements");
            assertEquals(whole.error(), r.error(), 3 * whole.errorOfError(), pieces + " pieces: " + r);
            assertEquals(whole.tauInt(), r.tauInt(), 3 * whole.tauIntError(), pieces + " pieces: " + r);
        }
    }

    @Test
    void independentReplicasGiveTheExactErrorOfTheirCommonMean() {
        double a = 0.9;
        int replicas = 16;
        int length = 4096;
        double[][] x = new double[replicas][];
        SplittableRandom random = new SplittableRandom(5);
        for (int r = 0; r < replicas; r++) {
            x[r] = Ar1Process.chain(a, length, random.split());
        }
        GammaResult g = MultiReplicaGamma.analyze(x);
        double exact = Math.sqrt(Ar1Process.exactVarianceOfMean(a, length) / replicas);
        double truncation = exact * Ar1Process.relativeTruncationBias(a, g.window()) / 2;
        assertEquals(exact, g.error(), 5 * g.errorOfError() + truncation, g::toString);
        assertEquals(Ar1Process.exactTauInt(a), g.tauInt(), 5 * g.tauIntError() + Ar1Process.exactTauInt(a)
                * Ar1Process.relativeTruncationBias(a, g.window()), g::toString);
        assertEquals(0.0, g.mean(), 5 * exact);
    }

    @Test
    void derivedQuantityOnPiecesAgreesWithTheWholeChain() {
        int n = 1 << 16;
        double[] x = Ar1Process.chain(0.6, n, new SplittableRandom(31));
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] += 3;
            y[i] = x[i] * x[i];
        }
        GammaResult whole = GammaMethod.derived(v -> v[1] / (v[0] * v[0]), x, y);
        GammaResult pieces = MultiReplicaGamma.derived(v -> v[1] / (v[0] * v[0]), cut(x, 4), cut(y, 4));
        assertEquals(whole.mean(), pieces.mean(), 1e-12);
        assertEquals(whole.error(), pieces.error(), 3 * whole.errorOfError());
    }

    @Test
    void unequalReplicaLengthsAndBadInputs() {
        double[] x = Ar1Process.chain(0.5, 3000, new SplittableRandom(2));
        GammaResult r = MultiReplicaGamma.analyze(Arrays.copyOfRange(x, 0, 100), Arrays.copyOfRange(x, 100, 3000));
        assertEquals(3000, r.sampleCount());
        assertThrows(IllegalArgumentException.class, () -> MultiReplicaGamma.analyze());
        assertThrows(IllegalArgumentException.class, () -> MultiReplicaGamma.analyze(new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> MultiReplicaGamma.analyze(new double[]{1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> MultiReplicaGamma.derived(v -> v[0] + v[1],
                new double[][]{{1, 2, 3}}, new double[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> MultiReplicaGamma.derived(v -> v[0] + v[1],
                new double[][]{{1, 2, 3}}, new double[][]{{1, 2, 3}, {4, 5}}));
    }

    /** The chain cut into {@code pieces} contiguous replicas (lengths differing by at most one). */
    static double[][] cut(double[] chain, int pieces) {
        double[][] out = new double[pieces][];
        for (int p = 0; p < pieces; p++) {
            out[p] = Arrays.copyOfRange(chain, (int) ((long) p * chain.length / pieces),
                    (int) ((long) (p + 1) * chain.length / pieces));
        }
        return out;
    }
}
