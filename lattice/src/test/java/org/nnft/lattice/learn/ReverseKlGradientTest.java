package org.nnft.lattice.learn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reverse-KL gradient estimator against the exact gradient for a Gaussian model and a Gaussian target
 * (all b = 0): with G = M^-1 the model propagator, {@code dKL/dtheta_k = sum_l Cov(f_k, f_l) (theta - theta*)_l}
 * with Isserlis' theorem {@code Cov(phi_i phi_j, phi_k phi_l) = G_ik G_jl + G_il G_jk} and
 * {@code Cov(phi_i^4, phi_j phi_k) = 12 G_ii G_ij G_ik}, also for a target with diagonal couplings (outside the
 * model family). Samples are drawn exactly (phi = C z, C C^T = G).
 */
class ReverseKlGradientTest {
    private static final Lattice L = new Lattice(2, 4);

    private static Couplings gaussian(long stream, double w0, double a0) {
        double[] w = new double[L.links()];
        double[] a = new double[L.volume()];
        for (int i = 0; i < w.length; i++) {
            w[i] = w0 + 0.2 * RandomStreams.uniformDouble(3, stream, i);
        }
        for (int x = 0; x < a.length; x++) {
            a[x] = a0 + 0.3 * RandomStreams.uniformDouble(3, stream + 1, x);
        }
        return new Couplings(L, w, a, new double[L.volume()]);
    }

    /** The propagator M^-1 of S = (1/2) phi M phi. */
    private static double[][] propagator(Couplings c) {
        int v = L.volume();
        RealMatrix m = new Array2DRowRealMatrix(v, v);
        for (int x = 0; x < v; x++) {
            m.addToEntry(x, x, 2 * c.a(x));
            for (int mu = 0; mu < L.dim(); mu++) {
                int y = L.neighbour(x, mu);
                m.addToEntry(x, y, -c.linkWeight(x * L.dim() + mu));
                m.addToEntry(y, x, -c.linkWeight(x * L.dim() + mu));
            }
        }
        return MatrixUtils.inverse(m).getData();
    }

    @Tag("slow")
    @Test
    void estimatorMatchesTheExactGaussianGradient() {
        checkAgainstExactGradient(gaussian(10, 0.5, 1.5), gaussian(20, 0.6, 1.4));
    }

    /**
     * A target outside the model family: diagonal (next-nearest-neighbour) couplings v, which no model parameter
     * matches. The diagonal pairs enter {@code S - A} as features the model lacks, with {@code theta - theta* = -v}.
     */
    @Tag("slow")
    @Test
    void estimatorMatchesTheExactGradientTowardsATargetWithDiagonalCouplings() {
        double[] v = new double[L.volume() * L.diagonalsPerSite()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.1 + 0.1 * RandomStreams.uniformDouble(3, 40, i);
        }
        checkAgainstExactGradient(gaussian(10, 0.5, 1.5), gaussian(30, 0.4, 1.6).withDiagonal(v));
    }

    /**
     * Exact gradient by Isserlis' theorem, against the estimate from exact samples of {@code model}; both actions
     * Gaussian (b = 0), the target's diagonal couplings (if any) as extra quadratic terms of {@code S - A}.
     */
    private static void checkAgainstExactGradient(Couplings model, Couplings target) {
        double[][] g = propagator(model);
        int v = L.volume();
        int d = L.dim();
        int links = L.links();
        double[] modelTheta = CouplingParameters.toVector(model);
        double[] targetTheta = CouplingParameters.toVector(target);
        // quadratic terms of S - A as index pairs with a sign and a coefficient difference: w-link x,mu:
        // -phi_x phi_y; a_x: phi_x phi_x; diagonal link x,q of the target: -phi_x phi_z with difference 0 - v
        int diagonals = target.hasDiagonal() ? v * L.diagonalsPerSite() : 0;
        int terms = links + v + diagonals;
        int[][] pair = new int[terms][];
        double[] sign = new double[terms];
        double[] dTheta = new double[terms];
        for (int x = 0; x < v; x++) {
            for (int mu = 0; mu < d; mu++) {
                pair[x * d + mu] = new int[] {x, L.neighbour(x, mu)};
                sign[x * d + mu] = -1;
            }
            pair[links + x] = new int[] {x, x};
            sign[links + x] = 1;
        }
        for (int k = 0; k < links + v; k++) {
            dTheta[k] = modelTheta[k] - targetTheta[k];
        }
        int[] diag = L.diagonalTable();
        int p = L.diagonalsPerSite();
        for (int k = 0; k < diagonals; k++) {
            int x = k / p;
            pair[links + v + k] = new int[] {x, diag[x * 2 * p + k % p]};
            sign[links + v + k] = -1;
            dTheta[links + v + k] = -target.diagonalWeight(k);
        }
        double[] exact = new double[CouplingParameters.count(L)];
        for (int k = 0; k < links + v; k++) {
            int i = pair[k][0], j = pair[k][1];
            for (int l = 0; l < terms; l++) {
                int a = pair[l][0], b = pair[l][1];
                exact[k] += sign[k] * sign[l] * (g[i][a] * g[j][b] + g[i][b] * g[j][a]) * dTheta[l];
            }
        }
        for (int x = 0; x < v; x++) {
            for (int l = 0; l < terms; l++) {
                int a = pair[l][0], b = pair[l][1];
                exact[links + v + x] += sign[l] * 12 * g[x][x] * g[x][a] * g[x][b] * dTheta[l];
            }
        }
        double[][] chol = new CholeskyDecomposition(new Array2DRowRealMatrix(g), 1e-10, 1e-14).getL().getData();
        int n = 40000;
        double[][] samples = new double[n][v];
        for (int s = 0; s < n; s++) {
            for (int x = 0; x < v; x++) {
                double acc = 0;
                for (int y = 0; y <= x; y++) {
                    acc += chol[x][y] * RandomStreams.normal(5, s, y);
                }
                samples[s][x] = acc;
            }
        }
        ReverseKlGradient.Result r = ReverseKlGradient.estimate(new Phi4Action(model), new Phi4Action(target), samples);
        for (int k = 0; k < exact.length; k++) {
            assertTrue(r.gradientError()[k] > 0, "error " + k);
            assertEquals(exact[k], r.gradient()[k], 5 * r.gradientError()[k],
                    "component " + k + " error " + r.gradientError()[k]);
        }
    }
}
