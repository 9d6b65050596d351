package org.nnft.backend.cpu;

import org.nnft.engine.Summary;

/**
 * Sum, sum of squares, min and max of one {@link Summary#BLOCK} of doubles, in a fixed order that
 * the scalar and the vector implementation share, so that both give the same bits: element
 * {@code i} of the block goes to partial {@code i % 8}, and the eight partials are combined as
 * {@code ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7))}. Min and max do not depend on order.
 */
interface BlockReducer {
    /** Number of strided partial sums. */
    int PARTIALS = 8;

    /** The summary of {@code x[from, to)}. */
    Summary reduce(double[] x, int from, int to);

    /** {@code reduce(x, from, to).sum()} bit for bit, without the other statistics. */
    double sum(double[] x, int from, int to);

    /** The fixed combination of the eight partials. */
    static double combine(double[] p) {
        return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
    }
}
