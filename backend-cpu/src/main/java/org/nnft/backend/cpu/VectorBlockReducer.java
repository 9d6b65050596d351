package org.nnft.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.Summary;

/**
 * {@link BlockReducer} with two 4-lane accumulators holding partials 0-3 and 4-7, so its sums are
 * bit-identical to {@link ScalarBlockReducer}. Needs 256-bit vectors ({@link #SUPPORTED}).
 */
final class VectorBlockReducer implements BlockReducer {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    /** Whether this machine has 256-bit vectors (else the scalar reducer, which gives the same bits, is used). */
    static final boolean SUPPORTED = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;

    @Override
    public Summary reduce(double[] x, int from, int to) {
        DoubleVector sumLow = DoubleVector.zero(D);
        DoubleVector sumHigh = DoubleVector.zero(D);
        DoubleVector sqLow = DoubleVector.zero(D);
        DoubleVector sqHigh = DoubleVector.zero(D);
        DoubleVector min = DoubleVector.broadcast(D, Double.POSITIVE_INFINITY);
        DoubleVector max = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
        int i = from;
        for (; i + PARTIALS <= to; i += PARTIALS) {
            DoubleVector low = DoubleVector.fromArray(D, x, i);
            DoubleVector high = DoubleVector.fromArray(D, x, i + 4);
            sumLow = sumLow.add(low);
            sumHigh = sumHigh.add(high);
            sqLow = sqLow.add(low.mul(low));
            sqHigh = sqHigh.add(high.mul(high));
            min = min.min(low).min(high);
            max = max.max(low).max(high);
        }
        double[] sum = new double[PARTIALS];
        double[] squares = new double[PARTIALS];
        sumLow.intoArray(sum, 0);
        sumHigh.intoArray(sum, 4);
        sqLow.intoArray(squares, 0);
        sqHigh.intoArray(squares, 4);
        double lo = min.reduceLanes(VectorOperators.MIN);
        double hi = max.reduceLanes(VectorOperators.MAX);
        for (int p = 0; i < to; i++, p++) {
            double v = x[i];
            sum[p] += v;
            squares[p] += v * v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new Summary(to - from, BlockReducer.combine(sum), BlockReducer.combine(squares), lo, hi);
    }

    @Override
    public double sum(double[] x, int from, int to) {
        DoubleVector sumLow = DoubleVector.zero(D);
        DoubleVector sumHigh = DoubleVector.zero(D);
        int i = from;
        for (; i + PARTIALS <= to; i += PARTIALS) {
            sumLow = sumLow.add(DoubleVector.fromArray(D, x, i));
            sumHigh = sumHigh.add(DoubleVector.fromArray(D, x, i + 4));
        }
        double[] sum = new double[PARTIALS];
        sumLow.intoArray(sum, 0);
        sumHigh.intoArray(sum, 4);
        for (int p = 0; i < to; i++, p++) {
            sum[p] += x[i];
        }
        return BlockReducer.combine(sum);
    }
}
