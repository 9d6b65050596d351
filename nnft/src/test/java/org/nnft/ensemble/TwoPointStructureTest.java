package org.nnft.ensemble;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.BlockMoments;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnft.ensemble.EnsembleTesting.SIGMAS;
import static org.nnft.ensemble.EnsembleTesting.assertMatchesTheory;
import static org.nnft.ensemble.EnsembleTesting.run;

/**
 * The measured 2-point function has the structure theory demands: the cos-net propagator at
 * several separations in d = 1, 2, 3, G2_ij = delta_ij K for vector outputs (SO(D)), and
 * reflection positivity (docs/physics.md A.4) for the Cauchy cos-net but not for the sharp cutoff.
 */
class TwoPointStructureTest {

    @Tag("slow")
    @Test
    void cosNetTwoPointIsTheCutoffPropagatorAtSeveralSeparations() {
        for (int d = 1; d <= 3; d++) {
            CosNet net = CosNet.freeScalar(d, 0.7, 5.0, 1.0, 50);
            double[][] pts = new double[5][d];
            double[] separations = {0, 0.3, 0.8, 1.6, 3.0};
            for (int j = 0; j < pts.length; j++) {
                pts[j][d - 1] = separations[j];
            }
            EnsembleResult r = run(net, pts, 2, 8_000, 40 + d);
            for (int j = 0; j < pts.length; j++) {
                assertMatchesTheory(r.atPoints(0, j), 1e-9, "d=" + d + " G(" + separations[j] + ")");
            }
        }
    }

    @Test
    void vectorOutputsAreSoDInvariant() {
        ShallowNetwork net = new ShallowNetwork(Activation.ERF, 2, 3, 4, 1.2, 0.3);
        double[][] pts = {{0.1, 0.2}, {-0.5, 0.9}};
        EnsembleResult r = run(net, pts, 2, 20_000, 77);
        for (int s = 0; s < 6; s++) {
            for (int t = s; t < 6; t++) {
                Correlator c = r.correlator(s, t);
                assertMatchesTheory(c, 0, "G2 sites " + s + "," + t);
                if (s % 3 != t % 3) {
                    assertTrue(c.theory() == 0.0, "cross-component theory must vanish");
                }
            }
        }
    }

    /** Smallest eigenvalue of M_ij = G(t_i + t_j) measured between points -t_i and t_j, with its jackknife error. */
    private static double[] smallestEigenvalue(EnsembleResult r, int n) {
        BlockMoments m = r.moments();
        long[] ids = m.blockIds();
        double full = lambdaMin(r, n, m, -1);
        double sum = 0;
        double sum2 = 0;
        for (long id : ids) {
            double v = lambdaMin(r, n, m, id);
            sum += v;
            sum2 += v * v;
        }
        int b = ids.length;
        double mean = sum / b;
        double error = Math.sqrt((b - 1.0) / b * Math.max(sum2 - b * mean * mean, 0));
        return new double[]{full, error};
    }

    private static double lambdaMin(EnsembleResult r, int n, BlockMoments m, long leaveOut) {
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int t = r.tuples().requireIndexOf(i, n + j);
                double s = 0;
                long count = 0;
                for (long id : m.blockIds()) {
                    if (id != leaveOut) {
                        s += m.sums(id)[t];
                        count += m.count(id);
                    }
                }
                g[i][j] = s / count;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[i][j] = g[j][i] = 0.5 * (g[i][j] + g[j][i]);
            }
        }
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(g)).getRealEigenvalues();
        return Arrays.stream(ev).min().orElseThrow();
    }

    private static EnsembleResult reflectionRun(CosNet net, double[] times, long seed) {
        int n = times.length;
        double[][] pts = new double[2 * n][1];
        for (int i = 0; i < n; i++) {
            pts[i][0] = -times[i];
            pts[n + i][0] = times[i];
        }
        return run(net, pts, 2, 40_000, seed);
    }

    @Tag("slow")
    @Test
    void reflectionPositivityHoldsForCauchyMomentaAndFailsForTheSharpCutoff() {
        double[] times = {0.25, 0.75, 1.25, 1.75};
        double[] cauchy = smallestEigenvalue(reflectionRun(CosNet.cauchy(1.0, 1.0, 40), times, 5), times.length);
        assertTrue(cauchy[0] >= -SIGMAS * cauchy[1], "Cauchy: lambda_min " + cauchy[0] + " +- " + cauchy[1]);
        double[] sharp = smallestEigenvalue(reflectionRun(CosNet.freeScalar(1, 1.0, 1.5, 1.0, 40), times, 6),
                times.length);
        assertTrue(sharp[0] < -SIGMAS * sharp[1], "sharp cutoff: lambda_min " + sharp[0] + " +- " + sharp[1]);
    }
}
