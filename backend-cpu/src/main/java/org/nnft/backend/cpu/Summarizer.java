package org.nnft.backend.cpu;

import org.nnft.engine.Summary;

/**
 * {@link org.nnft.engine.Backend#summarize} over a host array: blocks of {@link Summary#BLOCK}
 * elements from the range start are reduced in parallel (each block by one task, converted to
 * double first), then merged in index order, so the result does not depend on the thread count.
 */
final class Summarizer {
    /**
     * One block per task at least: a summary then reads each block on the thread that wrote it in a kernel launch
     * of the same size (the pool runs each thread's contiguous share on it first), which keeps the data in that
     * core's cache.
     */
    private static final int BLOCKS_PER_TASK = 1;

    private final WorkPool pool;
    private final BlockReducer reducer;

    Summarizer(WorkPool pool, boolean scalar) {
        this.pool = pool;
        this.reducer = scalar || !VectorBlockReducer.SUPPORTED ? new ScalarBlockReducer() : new VectorBlockReducer();
    }

    /** Summary of {@code array[offset, offset + count)}; the array is a float[], double[] or int[]. */
    Summary summarize(Object array, int offset, int count) {
        Summary[] partial = new Summary[blocks(count)];
        eachBlock(array, offset, count, (b, x, from, to) -> partial[b] = reducer.reduce(x, from, to));
        Summary total = Summary.EMPTY;
        for (Summary s : partial) {
            total = total.merge(s);
        }
        return total;
    }

    /** {@code summarize(array, offset, count).sum()} bit for bit: the same blocks, merged in the same order. */
    double sum(Object array, int offset, int count) {
        double[] partial = new double[blocks(count)];
        eachBlock(array, offset, count, (b, x, from, to) -> partial[b] = reducer.sum(x, from, to));
        double total = Summary.EMPTY.sum();
        for (double s : partial) {
            total += s;
        }
        return total;
    }

    private static int blocks(int count) {
        return (count + Summary.BLOCK - 1) / Summary.BLOCK;
    }

    /** What is done with block {@code b}: its elements are {@code x[from, to)} as float64. */
    private interface BlockBody {
        void run(int b, double[] x, int from, int to);
    }

    /** Runs {@code body} on every block of {@code array[offset, offset + count)}, blocks in parallel. */
    private void eachBlock(Object array, int offset, int count, BlockBody body) {
        int blocks = blocks(count);
        pool.runRanges(blocks, pool.tasksFor(blocks, BLOCKS_PER_TASK), (first, last) -> {
            double[] scratch = array instanceof double[] ? null : new double[Summary.BLOCK];
            for (int b = (int) first; b < last; b++) {
                int from = offset + b * Summary.BLOCK;
                int to = Math.min(offset + count, from + Summary.BLOCK);
                switch (array) {
                    case double[] d -> body.run(b, d, from, to);
                    case float[] f -> body.run(b, widen(f, from, to, scratch), 0, to - from);
                    case int[] n -> body.run(b, widen(n, from, to, scratch), 0, to - from);
                    default -> throw new IllegalArgumentException("not a host array: " + array.getClass());
                }
            }
        });
    }

    private static double[] widen(float[] x, int from, int to, double[] out) {
        for (int i = from; i < to; i++) {
            out[i - from] = x[i];
        }
        return out;
    }

    private static double[] widen(int[] x, int from, int to, double[] out) {
        for (int i = from; i < to; i++) {
            out[i - from] = x[i];
        }
        return out;
    }
}
