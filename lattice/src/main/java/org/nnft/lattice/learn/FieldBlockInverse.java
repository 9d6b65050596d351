package org.nnft.lattice.learn;

import java.util.SplittableRandom;

/**
 * The b = 2 block average of a 2D real field with a field normalisation zeta, and its learned stochastic inverse
 * (docs/learn.md L.8). Blocking: {@code phi'_X = zeta (phi_2X + phi_2X+e1 + phi_2X+e2 + phi_2X+e1+e2) / 4}.
 * The inverse is a stride-2 transposed convolution with a 6 x 6 kernel: fine site k = dx + 2 dy of block X has
 * the mean {@code mu_k(X) = sum_o w_{k,o} phi'_{X+o}} over the 3 x 3 block fields around X
 * (o = ox + 1 + 3 (oy + 1)), and the fine field is drawn as {@code mu_k + sigma_k g} with g standard normal.
 * The weights minimise the mean squared distance between the original fields and mu on the blocked fields (linear
 * least squares, solved exactly); sigma_k^2 is the remaining mean square. Site index {@code x + L y}, periodic.
 */
public final class FieldBlockInverse {
    /** Fine sites per block. */
    static final int FINE = 4;
    /** Block fields seen by each fine site. */
    static final int TAPS = 9;

    private final double[][] filter;
    private final double[] sigma;

    /** An inverse with filters {@code [k][o]} and noise widths {@code sigma[k]}. */
    public FieldBlockInverse(double[][] filter, double[] sigma) {
        if (filter.length != FINE || sigma.length != FINE) {
            throw new IllegalArgumentException("need " + FINE + " filters and noise widths");
        }
        this.filter = new double[FINE][];
        for (int k = 0; k < FINE; k++) {
            if (filter[k].length != TAPS) {
                throw new IllegalArgumentException("each filter has " + TAPS + " weights");
            }
            this.filter[k] = filter[k].clone();
        }
        this.sigma = sigma.clone();
    }

    /** The learned weights {@code [k][o]}. */
    public double[][] filter() {
        double[][] f = new double[FINE][];
        for (int k = 0; k < FINE; k++) {
            f[k] = filter[k].clone();
        }
        return f;
    }

    /** The noise widths sigma_k. */
    public double[] sigma() {
        return sigma.clone();
    }

    /** The L/2 x L/2 block field {@code zeta x (2 x 2 average)} of an L x L field. */
    public static double[] block(double[] fine, int size, double zeta) {
        int half = size / 2;
        double[] coarse = new double[half * half];
        for (int y = 0; y < half; y++) {
            for (int x = 0; x < half; x++) {
                int s0 = 2 * y * size + 2 * x;
                coarse[y * half + x] = zeta * 0.25 * (fine[s0] + fine[s0 + 1] + fine[s0 + size] + fine[s0 + size + 1]);
            }
        }
        return coarse;
    }

    private static void taps(double[] coarse, int size, int x, int y, double[] out) {
        for (int o = 0; o < TAPS; o++) {
            int cx = (x + o % 3 - 1 + size) % size;
            int cy = (y + o / 3 - 1 + size) % size;
            out[o] = coarse[cy * size + cx];
        }
    }

    /** The inverse: a 2L x 2L field drawn from an L x L block field. */
    public double[] grow(double[] coarse, int size, SplittableRandom random) {
        int big = 2 * size;
        double[] fine = new double[big * big];
        double[] t = new double[TAPS];
        for (int y = 0; y < size; y++) {
            int[] rows = {((y + size - 1) % size) * size, y * size, ((y + 1) % size) * size};
            for (int x = 0; x < size; x++) {
                int xm = x == 0 ? size - 1 : x - 1;
                int xp = x == size - 1 ? 0 : x + 1;
                for (int r = 0; r < 3; r++) {
                    t[3 * r] = coarse[rows[r] + xm];
                    t[3 * r + 1] = coarse[rows[r] + x];
                    t[3 * r + 2] = coarse[rows[r] + xp];
                }
                for (int k = 0; k < FINE; k++) {
                    double[] w = filter[k];
                    double mean = w[0] * t[0] + w[1] * t[1] + w[2] * t[2] + w[3] * t[3] + w[4] * t[4]
                            + w[5] * t[5] + w[6] * t[6] + w[7] * t[7] + w[8] * t[8];
                    fine[(2 * y + k / 2) * big + 2 * x + k % 2] = mean + sigma[k] * random.nextGaussian();
                }
            }
        }
        return fine;
    }

    /**
     * Learns the inverse of {@link #block} with normalisation {@code zeta} on fields of extent {@code size}: per fine
     * site k the normal equations {@code sum_p t_p t_p^T w_k = sum_p t_p phi_k} over all blocks of all fields, and
     * {@code sigma_k^2 = < (phi_k - w_k . t)^2 >}.
     */
    public static FieldBlockInverse learn(double[][] fields, int size, double zeta) {
        int half = size / 2;
        double[][] gram = new double[TAPS][TAPS];
        double[][] rhs = new double[FINE][TAPS];
        double[] sq = new double[FINE];
        double[] t = new double[TAPS];
        long n = 0;
        for (double[] fine : fields) {
            double[] coarse = block(fine, size, zeta);
            for (int y = 0; y < half; y++) {
                for (int x = 0; x < half; x++) {
                    taps(coarse, half, x, y, t);
                    for (int i = 0; i < TAPS; i++) {
                        for (int j = 0; j < TAPS; j++) {
                            gram[i][j] += t[i] * t[j];
                        }
                    }
                    for (int k = 0; k < FINE; k++) {
                        double v = fine[(2 * y + k / 2) * size + 2 * x + k % 2];
                        sq[k] += v * v;
                        for (int i = 0; i < TAPS; i++) {
                            rhs[k][i] += t[i] * v;
                        }
                    }
                    n++;
                }
            }
        }
        double[][] w = new double[FINE][];
        double[] sigma = new double[FINE];
        for (int k = 0; k < FINE; k++) {
            w[k] = solve(gram, rhs[k]);
            // residual mean square: <v^2> - 2 w.r + w.G.w = <v^2> - w.r at the least-squares solution
            double wr = 0;
            for (int i = 0; i < TAPS; i++) {
                wr += w[k][i] * rhs[k][i];
            }
            sigma[k] = Math.sqrt(Math.max(0, (sq[k] - wr) / n));
        }
        return new FieldBlockInverse(w, sigma);
    }

    /** The mean squared distance {@code < (phi_k - mu_k)^2 >} of this inverse's mean on the given fields. */
    public double distance(double[][] fields, int size, double zeta) {
        int half = size / 2;
        double[] t = new double[TAPS];
        double d = 0;
        long n = 0;
        for (double[] fine : fields) {
            double[] coarse = block(fine, size, zeta);
            for (int y = 0; y < half; y++) {
                for (int x = 0; x < half; x++) {
                    taps(coarse, half, x, y, t);
                    for (int k = 0; k < FINE; k++) {
                        double mean = 0;
                        for (int o = 0; o < TAPS; o++) {
                            mean += filter[k][o] * t[o];
                        }
                        double r = fine[(2 * y + k / 2) * size + 2 * x + k % 2] - mean;
                        d += r * r;
                        n++;
                    }
                }
            }
        }
        return d / n;
    }

    /** Gaussian elimination with partial pivoting of a small symmetric positive system (copies its inputs). */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] tr = a[c];
            a[c] = a[p];
            a[p] = tr;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            if (a[c][c] == 0) {
                throw new IllegalArgumentException("singular normal equations (constant or too few fields)");
            }
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j < n; j++) {
                    a[r][j] -= f * a[c][j];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * x[j];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }
}
