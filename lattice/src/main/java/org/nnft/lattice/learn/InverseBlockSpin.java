package org.nnft.lattice.learn;

import java.util.SplittableRandom;

/**
 * The b = 2 majority-rule block-spin transformation of 2D Ising configurations and its learned inverse
 * (arXiv:2107.00466, docs/learn.md L.7). Blocking maps the 2 x 2 block at (2X, 2Y) of an L x L configuration
 * to the sign of its sum (a tie to a random sign). The inverse is a stride-2 transposed convolution with
 * 6 x 6 kernel: fine site k = dx + 2 dy of block X gets the pre-activation {@code h = sum_o w_{k,o} s'_{X+o}}
 * over the 3 x 3 block spins around X (o = ox + 1 + 3 (oy + 1)), its output {@code tanh(h)} is the mean of
 * the fine spin, and the spin is drawn with {@code P(s = +1) = (1 + tanh h) / 2}. The filters are learned by
 * gradient descent on the mean squared distance between the original spins and the outputs of the inverse
 * applied to their blocked configurations.
 */
public final class InverseBlockSpin {
    /** Fine sites per block. */
    static final int FINE = 4;
    /** Block spins seen by each fine site. */
    static final int TAPS = 9;
    private static final int PATTERNS = 1 << TAPS;

    private final double[][] filter;

    /** An inverse with the given filters {@code [k][o]}. */
    public InverseBlockSpin(double[][] filter) {
        if (filter.length != FINE) {
            throw new IllegalArgumentException("need " + FINE + " filters, got " + filter.length);
        }
        this.filter = new double[FINE][];
        for (int k = 0; k < FINE; k++) {
            if (filter[k].length != TAPS) {
                throw new IllegalArgumentException("each filter has " + TAPS + " weights");
            }
            this.filter[k] = filter[k].clone();
        }
    }

    /** The learned weights {@code [k][o]}. */
    public double[][] filter() {
        double[][] f = new double[FINE][];
        for (int k = 0; k < FINE; k++) {
            f[k] = filter[k].clone();
        }
        return f;
    }

    /** Majority rule: the L/2 x L/2 block spins of an L x L configuration, ties broken by {@code random}. */
    public static double[] block(double[] fine, int size, SplittableRandom random) {
        int half = size / 2;
        double[] coarse = new double[half * half];
        for (int y = 0; y < half; y++) {
            for (int x = 0; x < half; x++) {
                int s0 = 2 * y * size + 2 * x;
                double sum = fine[s0] + fine[s0 + 1] + fine[s0 + size] + fine[s0 + size + 1];
                coarse[y * half + x] = sum > 0 ? 1 : sum < 0 ? -1 : random.nextBoolean() ? 1 : -1;
            }
        }
        return coarse;
    }

    /** The 9-bit pattern of the 3 x 3 block spins around (x, y) (bit o set for spin +1), periodic. */
    private static int pattern(double[] coarse, int size, int x, int y) {
        int p = 0;
        for (int o = 0; o < TAPS; o++) {
            int cx = (x + o % 3 - 1 + size) % size;
            int cy = (y + o / 3 - 1 + size) % size;
            if (coarse[cy * size + cx] > 0) {
                p |= 1 << o;
            }
        }
        return p;
    }

    /** tanh of the pre-activation of fine site k for every pattern. */
    private static double[][] outputs(double[][] w) {
        double[][] t = new double[FINE][PATTERNS];
        for (int k = 0; k < FINE; k++) {
            for (int p = 0; p < PATTERNS; p++) {
                double h = 0;
                for (int o = 0; o < TAPS; o++) {
                    h += (p >> o & 1) == 1 ? w[k][o] : -w[k][o];
                }
                t[k][p] = Math.tanh(h);
            }
        }
        return t;
    }

    /** The inverse: a 2L x 2L configuration drawn from an L x L block configuration. */
    public double[] grow(double[] coarse, int size, SplittableRandom random) {
        int big = 2 * size;
        double[][] t = outputs(filter);
        double[] fine = new double[big * big];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = pattern(coarse, size, x, y);
                for (int k = 0; k < FINE; k++) {
                    double mean = t[k][p];
                    fine[(2 * y + k / 2) * big + 2 * x + k % 2] = random.nextDouble() < (1 + mean) / 2 ? 1 : -1;
                }
            }
        }
        return fine;
    }

    /** Counts and spin sums per (fine site, pattern) of configurations of extent {@code size}. */
    private static double[][][] statistics(double[][] configurations, int size, SplittableRandom random) {
        double[][] count = new double[FINE][PATTERNS];
        double[][] sum = new double[FINE][PATTERNS];
        int half = size / 2;
        for (double[] fine : configurations) {
            double[] coarse = block(fine, size, random);
            for (int y = 0; y < half; y++) {
                for (int x = 0; x < half; x++) {
                    int p = pattern(coarse, half, x, y);
                    for (int k = 0; k < FINE; k++) {
                        count[k][p]++;
                        sum[k][p] += fine[(2 * y + k / 2) * size + 2 * x + k % 2];
                    }
                }
            }
        }
        return new double[][][] {count, sum};
    }

    /**
     * Learns the filters on configurations of extent {@code size}: {@code iterations} full-batch gradient
     * steps of rate {@code eta} from w = 0 on {@code D(w) = < (s - tanh h)^2 >} over all fine sites. The data
     * enter D only through the count and spin sum of each (site, 3 x 3 block pattern), so each step is exact and
     * cheap: dD/dw_{k,o} = (2/N) sum_p (n_{kp} tanh h_{kp} - S_{kp}) (1 - tanh^2 h_{kp}) p_o.
     */
    public static InverseBlockSpin learn(double[][] configurations, int size, int iterations, double eta,
                                         SplittableRandom random) {
        double[][][] st = statistics(configurations, size, random);
        double total = (double) configurations.length * size * size / FINE;
        double[][] w = new double[FINE][TAPS];
        for (int it = 0; it < iterations; it++) {
            double[][] t = outputs(w);
            for (int k = 0; k < FINE; k++) {
                double[] grad = new double[TAPS];
                for (int p = 0; p < PATTERNS; p++) {
                    double g = 2 * (st[0][k][p] * t[k][p] - st[1][k][p]) * (1 - t[k][p] * t[k][p]) / total;
                    for (int o = 0; o < TAPS; o++) {
                        grad[o] += (p >> o & 1) == 1 ? g : -g;
                    }
                }
                for (int o = 0; o < TAPS; o++) {
                    w[k][o] -= eta * grad[o];
                }
            }
        }
        return new InverseBlockSpin(w);
    }

    /** The distance D of this inverse on the given configurations (mean over fine sites). */
    public double distance(double[][] configurations, int size, SplittableRandom random) {
        double[][][] st = statistics(configurations, size, random);
        double[][] t = outputs(filter);
        double d = 0;
        double n = 0;
        for (int k = 0; k < FINE; k++) {
            for (int p = 0; p < PATTERNS; p++) {
                d += st[0][k][p] * (1 + t[k][p] * t[k][p]) - 2 * st[1][k][p] * t[k][p];
                n += st[0][k][p];
            }
        }
        return d / n;
    }
}
