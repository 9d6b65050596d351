package org.nnft.ensemble;

import org.nnft.ensemble.arch.Architecture;

import java.util.Locale;

/**
 * Refuses inputs whose fields leave the double range, before anything is sampled: if the field's variance
 * {@code G2(x, x)} at a point is not a finite number (the inputs overflow the kernel itself), or so large that typical
 * order-n products summed over a kernel block
 * overflow, the run could only end in "not finite" sums. The bound uses ten standard deviations per factor:
 * {@code n log10(10 sqrt(G2)) + log10(B) <= 300}.
 */
final class FieldRange {
    /** log10 of the largest block sum allowed (Double.MAX_VALUE is 1.8e308; a margin for the tails). */
    private static final double MAX_LOG10 = 300;

    private FieldRange() {
    }

    static void require(Architecture architecture, double[][] points, int maxOrder, int blockSize) {
        for (int p = 0; p < points.length; p++) {
            for (int c = 0; c < architecture.outputDimension(); c++) {
                double g = architecture.twoPoint(points[p], c, points[p], c);
                if (g <= 0) {
                    continue;
                }
                double log10 = maxOrder * Math.log10(10 * Math.sqrt(g)) + Math.log10(blockSize);
                if (!(log10 <= MAX_LOG10)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "inputs out of the double range:"
                            + " the field variance G2(x, x) = %.3g at point %d makes order-%d moments overflow (%s)",
                            g, p, maxOrder, architecture));
                }
            }
        }
    }
}
