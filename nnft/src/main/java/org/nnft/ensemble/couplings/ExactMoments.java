package org.nnft.ensemble.couplings;

import org.nnft.ensemble.arch.Architecture;
import org.nnft.stats.Tuples;
import org.nnft.theory.Pairings;

/**
 * The exact moments of every tuple of a scalar architecture at finite width, from its exact kernel and
 * connected 4- and 6-point functions: G2 = K, G4 = G4_c + Wick(K), G6 = G6_c + sum_15 G4_c K + Wick(K),
 * odd orders 0 (NaN where the architecture has no exact G4_c or G6_c). Fed to
 * {@link QuarticCouplings#exact} and {@link AmputatedVertex#exact} they give the theory values of the
 * couplings, the 6-point ratios and the vertex.
 */
public final class ExactMoments {
    private ExactMoments() {
    }

    /** The moments indexed like {@code tuples} (of point indices of a scalar field). */
    public static double[] of(Architecture arch, double[][] points, Tuples tuples) {
        if (arch.outputDimension() != 1) {
            throw new IllegalArgumentException("exact moments are implemented for scalar fields");
        }
        double[] m = new double[tuples.size()];
        for (int i = 0; i < m.length; i++) {
            int[] s = tuples.tuple(i);
            double[][] p = new double[s.length][];
            for (int j = 0; j < s.length; j++) {
                p[j] = points[s[j]];
            }
            Pairings.PairFunction k = (a, b) -> arch.twoPoint(p[a], 0, p[b], 0);
            m[i] = switch (s.length) {
                case 2 -> k.value(0, 1);
                case 4 -> arch.connectedFourPoint(p, new int[4]) + Pairings.wickSum(4, k);
                case 6 -> {
                    double g6 = arch.connectedSixPoint(p, new int[6]);
                    if (Double.isNaN(g6)) {
                        yield Double.NaN;
                    }
                    double fourTwo = 0;
                    for (int e = 0; e < 6; e++) {
                        for (int f = e + 1; f < 6; f++) {
                            double[][] rest = new double[4][];
                            int r = 0;
                            for (int q = 0; q < 6; q++) {
                                if (q != e && q != f) {
                                    rest[r++] = p[q];
                                }
                            }
                            fourTwo += arch.connectedFourPoint(rest, new int[4]) * k.value(e, f);
                        }
                    }
                    yield g6 + fourTwo + Pairings.wickSum(6, k);
                }
                default -> 0.0;
            };
        }
        return m;
    }
}
