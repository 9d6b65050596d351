package org.nnft.lattice.exact;

import java.util.Arrays;

/**
 * Exact magnetisation moments of the 2D Ising model {@code Z = sum_s exp(K sum_<ij> s_i s_j)} on the L x L
 * torus (same link convention as {@link KaufmanIsing}) by a site-by-site transfer matrix: the first row is
 * fixed (2^L choices), the other rows are added one spin at a time keeping the last L spins and the moments
 * {@code sum w M^k}, k = 0..4, M = sum_i s_i; the last row is closed onto the first. Cost ~ 10 L^2 4^L:
 * practical up to L ~ 10. Bond weights are shifted by the ground state, {@code exp(K (s s - 1))}.
 */
public final class IsingMagnetisation {
    /** ln Z, {@code <m^2>} and {@code <m^4>} of the lattice mean m = M / L^2, and the Binder cumulant. */
    public record Moments(double logZ, double m2, double m4) {
        /** {@code U4 = 1 - <m^4> / (3 <m^2>^2)}. */
        public double binder() {
            return 1 - m4 / (3 * m2 * m2);
        }
    }

    private IsingMagnetisation() {
    }

    /** Exact moments on the L x L torus at coupling K > 0, for 2 <= L <= 10. */
    public static Moments of(int size, double k) {
        if (size < 2 || size > 10) {
            throw new IllegalArgumentException("size L must be in [2, 10], got " + size);
        }
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("K must be positive and finite, got " + k);
        }
        int l = size;
        int states = 1 << l;
        double lost = Math.exp(-2 * k); // weight of an unsatisfied bond relative to a satisfied one
        double[] total = new double[5];
        double[][] cur = new double[states][5];
        double[][] next = new double[states][5];
        for (int first = 0; first < states; first++) {
            for (double[] row : cur) {
                Arrays.fill(row, 0.0);
            }
            double w0 = 1;
            int m0 = 0;
            for (int j = 0; j < l; j++) {
                m0 += spin(first, j);
                w0 *= spin(first, j) == spin(first, (j + 1) % l) ? 1 : lost;
            }
            double p = 1;
            for (int q = 0; q < 5; q++) {
                cur[first][q] = w0 * p;
                p *= m0;
            }
            for (int i = 1; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    for (double[] row : next) {
                        Arrays.fill(row, 0.0);
                    }
                    for (int s = 0; s < states; s++) {
                        double[] v = cur[s];
                        if (v[0] == 0) {
                            continue;
                        }
                        for (int sigma = -1; sigma <= 1; sigma += 2) {
                            int t = sigma > 0 ? s | (1 << j) : s & ~(1 << j);
                            double w = sigma == spin(s, j) ? 1 : lost;             // vertical bond
                            if (j > 0) {
                                w *= sigma == spin(s, j - 1) ? 1 : lost;           // left neighbour
                            }
                            if (j == l - 1) {
                                w *= sigma == spin(t, 0) ? 1 : lost;               // wrap to column 0
                            }
                            addShifted(next[t], v, w, sigma);
                        }
                    }
                    double[][] swap = cur;
                    cur = next;
                    next = swap;
                }
            }
            for (int s = 0; s < states; s++) {
                double w = 1;
                for (int j = 0; j < l; j++) {
                    w *= spin(s, j) == spin(first, j) ? 1 : lost; // last row onto the first
                }
                for (int q = 0; q < 5; q++) {
                    total[q] += w * cur[s][q];
                }
            }
        }
        double n = (double) l * l;
        return new Moments(Math.log(total[0]) + 2 * n * k, total[2] / total[0] / (n * n),
                total[4] / total[0] / (n * n * n * n));
    }

    /** {@code out[q] += w sum_p C(q,p) v[p] sigma^(q-p)}: moments of M + sigma from those of M. */
    private static void addShifted(double[] out, double[] v, double w, int sigma) {
        double s = sigma;
        out[0] += w * v[0];
        out[1] += w * (v[1] + s * v[0]);
        out[2] += w * (v[2] + 2 * s * v[1] + v[0]);
        out[3] += w * (v[3] + 3 * s * v[2] + 3 * v[1] + s * v[0]);
        out[4] += w * (v[4] + 4 * s * v[3] + 6 * v[2] + 4 * s * v[1] + v[0]);
    }

    private static int spin(int state, int j) {
        return ((state >>> j) & 1) * 2 - 1;
    }
}
