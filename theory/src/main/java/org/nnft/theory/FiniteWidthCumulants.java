package org.nnft.theory;

/**
 * Exact finite-width connected correlators of the single-hidden-layer network (docs/physics.md A.1).
 *
 * <p>Derivation. f(x) = sum_{i=1..N} Y_i(x) + b1 with Y_i = W1_i h_i(x), h_i = act(W0_i.x + b0_i),
 * the N terms i.i.d. and W1_i ~ N(0, s^2/N), s = sigma_W, independent of h_i. Joint cumulants are
 * additive over independent summands, so kappa_n(f) = N kappa_n(Y) for n &gt;= 3 (b1 is Gaussian and
 * only enters kappa_2). Y is even in W1, so its odd moments vanish and E[Y_S] = E[W1^|S|] E_S with
 * E[W1^2] = s^2/N, E[W1^4] = 3 s^4/N^2, E[W1^6] = 15 s^6/N^3. The moment-to-cumulant formula
 * kappa = sum_partitions (-1)^(|pi|-1) (|pi|-1)! prod_blocks m_B, restricted to even blocks, gives
 * <pre>
 *   kappa_4 = m_1234 - [m_12 m_34 + m_13 m_24 + m_14 m_23]
 *   kappa_6 = m_1..6 - sum_15 m_abcd m_ef + 2 sum_15 m_ab m_cd m_ef
 * </pre>
 * hence
 * <pre>
 *   G4_c = (s^4/N)   [ 3 E_1234 - E_12 E_34 - E_13 E_24 - E_14 E_23 ]
 *   G6_c = (s^6/N^2) [ 15 E_1..6 - 3 sum_15 E_abcd E_ef + 2 sum_15 E_ab E_cd E_ef ]
 * </pre>
 * where sum_15 E_abcd E_ef runs over the 15 choices of the pair {e,f} and sum_15 E_ab E_cd E_ef over the
 * 15 perfect matchings. Points are the first 4 (or 6) points of the moment set.
 */
public final class FiniteWidthCumulants {

    private FiniteWidthCumulants() {
    }

    /** Connected 4-point function at width N for the points behind {@code e} (at least 4; the first 4 are used). */
    public static double g4Connected(NeuronMoments e, double sigmaW, long width) {
        requireArguments(e, 4, sigmaW, width);
        double disconnected = Pairings.wickSum(4, (a, b) -> e.expectation(a, b));
        double s2 = sigmaW * sigmaW;
        return s2 * s2 / width * (3 * e.expectation(0, 1, 2, 3) - disconnected);
    }

    /** Connected 6-point function at width N for the points behind {@code e} (at least 6; the first 6 are used). */
    public static double g6Connected(NeuronMoments e, double sigmaW, long width) {
        requireArguments(e, 6, sigmaW, width);
        double fourTwo = 0;
        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                int pair = (1 << a) | (1 << b);
                fourTwo += e.bySubsetMask(0b111111 & ~pair) * e.bySubsetMask(pair);
            }
        }
        double twoTwoTwo = Pairings.wickSum(6, (a, b) -> e.expectation(a, b));
        double s2 = sigmaW * sigmaW;
        return s2 * s2 * s2 / ((double) width * width)
                * (15 * e.expectation(0, 1, 2, 3, 4, 5) - 3 * fourTwo + 2 * twoTwoTwo);
    }

    /** Convenience: G4_c(x1..x4) at width N, computing the single-neuron expectations. */
    public static double g4Connected(ShallowNetTheory net, double[][] points, long width) {
        requireCount(points, 4);
        return g4Connected(SingleNeuronExpectations.compute(net, points), net.sigmaW(), width);
    }

    /** Convenience: G6_c(x1..x6) at width N, computing the single-neuron expectations. */
    public static double g6Connected(ShallowNetTheory net, double[][] points, long width) {
        requireCount(points, 6);
        return g6Connected(SingleNeuronExpectations.compute(net, points), net.sigmaW(), width);
    }

    private static void requireCount(double[][] points, int n) {
        if (points == null || points.length != n) {
            throw new IllegalArgumentException("points must hold exactly " + n + " points");
        }
    }

    private static void requireArguments(NeuronMoments e, int n, double sigmaW, long width) {
        if (e == null || e.pointCount() < n) {
            throw new IllegalArgumentException("moments must cover at least " + n + " points");
        }
        if (!(sigmaW > 0) || Double.isInfinite(sigmaW)) {
            throw new IllegalArgumentException("sigmaW must be positive and finite, got " + sigmaW);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width N must be >= 1, got " + width);
        }
    }
}
