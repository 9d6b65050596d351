package org.nnft.regression;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.theory.InfiniteWidthKernels;
import org.nnft.theory.Parameterization;
import org.nnft.theory.ShallowNetTheory;
import org.nnft.theory.ShallowNetTangentKernel;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NNGP kernel solve on 10^4 training points: the residual |(K + sigma_n^2 I) a - y| (tens of seconds). */
@Tag("slow")
class LargeSolveTest {

    @Test
    void tenThousandPointSolveHasSmallResidual() {
        int n = 10_000;
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = Math.sin(x[i][0]) + 0.1 * random.nextGaussian();
        }
        InfiniteWidthKernels k = new ShallowNetTangentKernel(new ShallowNetTheory(Activation.ERF, 1.5, 0.2, 3),
                Parameterization.NTK, 1);
        long start = System.nanoTime();
        double[] matrix = KernelRows.matrix(k::nngp, x, x, true);
        long filled = System.nanoTime();
        CholeskySolver solver = new CholeskySolver(matrix, n, 1e-3);
        long factorised = System.nanoTime();
        double[] a = solver.solve(y, 1);
        long solved = System.nanoTime();
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double r = 1e-3 * a[i] - y[i];
            for (int j = 0; j < n; j++) {
                r += matrix[i * n + j] * a[j];
            }
            residual += r * r;
        }
        residual = Math.sqrt(residual);
        double norm = 0;
        for (double v : y) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        System.out.printf(Locale.ROOT, "n = %d: kernel fill %.1f s, Cholesky %.1f s, solve %.2f s, residual %.3e"
                + " of |y| = %.3e%n", n, (filled - start) / 1e9, (factorised - filled) / 1e9,
                (solved - factorised) / 1e9, residual, norm);
        assertTrue(residual < 1e-8 * norm, "residual " + residual);
    }
}
