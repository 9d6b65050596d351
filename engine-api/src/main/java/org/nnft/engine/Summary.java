package org.nnft.engine;

/**
 * One-pass reduction of a buffer range, accumulated in float64 by every backend.
 *
 * <p>Backends sum in fixed blocks of {@link #BLOCK} elements and then combine the block partials in
 * index order, so the result does not depend on thread count or chunking.
 *
 * @param count        number of elements
 * @param sum          sum of the elements
 * @param sumOfSquares sum of the squared elements
 * @param min          smallest element (+inf for an empty range)
 * @param max          largest element (-inf for an empty range)
 */
public record Summary(long count, double sum, double sumOfSquares, double min, double max) {
    /** Elements per partial sum in the reduction tree every backend uses. */
    public static final int BLOCK = 4096;

    /** The summary of an empty range. */
    public static final Summary EMPTY =
            new Summary(0, 0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /** Combines this summary with one of the range that follows it. */
    public Summary merge(Summary next) {
        return new Summary(count + next.count, sum + next.sum, sumOfSquares + next.sumOfSquares,
                Math.min(min, next.min), Math.max(max, next.max));
    }

    /** Arithmetic mean, NaN for an empty range. */
    public double mean() {
        return sum / count;
    }
}
