package org.nnft.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Moment-to-cumulant (connected correlator) conversion for multiset tuples, with no assumption on
 * vanishing odd moments.
 *
 * <p>Reference formula (one tuple of order n, {@link #ofTuple}): sum over set partitions pi of
 * the n positions of (|pi|-1)! (-1)^(|pi|-1) prod_{B in pi} m(B).
 *
 * <p>Fast path for a whole closed {@link Tuples} set ({@link #fromMoments}): the equivalent
 * recursion m(S) = sum_{B contains position 0} kappa(B) m(S \ B), i.e.
 * kappa(S) = m(S) - sum_{B contains 0, B != S} kappa(B) m(S \ B), evaluated in index order (lower
 * orders first), with 2^(n-1) - 1 terms per tuple instead of Bell(n), and coinciding terms of
 * repeated points merged with integer weights. The term tables are built once per tuple set.
 * Immutable and thread safe once built.
 */
public final class Cumulants {

    private final Tuples tuples;
    private final int[] termStart;     // terms of tuple i: [termStart[i], termStart[i+1])
    private final int[] termCumulant;  // index of kappa(B)
    private final int[] termMoment;    // index of m(S \ B)
    private final int[] termWeight;    // multiplicity of the (B, S \ B) pair

    private Cumulants(Tuples tuples) {
        this.tuples = tuples;
        int size = tuples.size();
        termStart = new int[size + 1];
        int capacity = 0;
        for (int i = 0; i < size; i++) {
            capacity += (1 << (tuples.order(i) - 1)) - 1;
        }
        int[] kappa = new int[capacity];
        int[] moment = new int[capacity];
        int[] weight = new int[capacity];
        int next = 0;
        for (int i = 0; i < size; i++) {
            termStart[i] = next;
            int n = tuples.order(i);
            int full = (1 << n) - 1;
            Map<Long, Integer> merged = new LinkedHashMap<>();
            for (int rest = 0; rest < 1 << (n - 1); rest++) {
                int block = 1 | (rest << 1);
                if (block == full) {
                    continue;
                }
                long pair = ((long) tuples.subIndex(i, block) << 32) | tuples.subIndex(i, full & ~block);
                merged.merge(pair, 1, Integer::sum);
            }
            for (Map.Entry<Long, Integer> e : merged.entrySet()) {
                kappa[next] = (int) (e.getKey() >>> 32);
                moment[next] = (int) (long) e.getKey();
                weight[next] = e.getValue();
                next++;
            }
        }
        termStart[size] = next;
        termCumulant = Arrays.copyOf(kappa, next);
        termMoment = Arrays.copyOf(moment, next);
        termWeight = Arrays.copyOf(weight, next);
    }

    /** Precomputes the recursion tables for a tuple set (cost ~ sum_i 2^(order_i - 1)). */
    public static Cumulants forTuples(Tuples tuples) {
        if (tuples == null) {
            throw new IllegalArgumentException("tuples must not be null");
        }
        return new Cumulants(tuples);
    }

    public Tuples tuples() {
        return tuples;
    }

    /** Cumulants of all tuples from their moments (both indexed like {@link #tuples()}). */
    public double[] fromMoments(double[] moments) {
        double[] out = new double[tuples.size()];
        fromMoments(moments, out);
        return out;
    }

    /** Same as {@link #fromMoments(double[])} into a caller-provided array (no allocation). */
    public void fromMoments(double[] moments, double[] cumulantsOut) {
        int size = tuples.size();
        if (moments == null || moments.length != size) {
            throw new IllegalArgumentException("moments must have length " + size);
        }
        if (cumulantsOut == null || cumulantsOut.length != size || cumulantsOut == moments) {
            throw new IllegalArgumentException("cumulantsOut must be a distinct array of length " + size);
        }
        for (int i = 0; i < size; i++) {
            double kappa = moments[i];
            for (int t = termStart[i], end = termStart[i + 1]; t < end; t++) {
                kappa -= termWeight[t] * cumulantsOut[termCumulant[t]] * moments[termMoment[t]];
            }
            cumulantsOut[i] = kappa;
        }
    }

    /**
     * Reference partition-sum formula for one tuple of order 1..{@value Tuples#MAX_ORDER}.
     *
     * @param tuple  the points (any order)
     * @param moment moment of a sorted sub-multiset of the tuple
     */
    public static double ofTuple(int[] tuple, ToDoubleFunction<int[]> moment) {
        if (tuple == null || tuple.length == 0 || tuple.length > Tuples.MAX_ORDER) {
            throw new IllegalArgumentException("tuple must have 1.." + Tuples.MAX_ORDER + " points");
        }
        if (moment == null) {
            throw new IllegalArgumentException("moment must not be null");
        }
        int[] sorted = tuple.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] momentOfMask = new double[1 << n];
        for (int mask = 1; mask < 1 << n; mask++) {
            momentOfMask[mask] = moment.applyAsDouble(Tuples.select(sorted, mask));
        }
        SetPartitions partitions = SetPartitions.of(n);
        double sum = 0;
        for (int p = 0; p < partitions.count(); p++) {
            double product = partitions.coefficient(p);
            for (int b = 0; b < partitions.blockCount(p); b++) {
                product *= momentOfMask[partitions.block(p, b)];
            }
            sum += product;
        }
        return sum;
    }
}
