package org.nnft.theory;

/**
 * Single-neuron expectations E_S = E[prod_{a in S} act(z_a)] for every subset S of an M-point set
 * (M &lt;= 8), as computed by {@link SingleNeuronExpectations}. Indices refer to positions in the point
 * array, so repeated points are allowed (E_1111 at one point x is expectation(0,1,2,3) of four
 * copies of x). The empty product has expectation 1.
 */
public final class NeuronMoments {

    private final double[] bySubset;
    private final int pointCount;

    NeuronMoments(int pointCount, double[] bySubset) {
        this.pointCount = pointCount;
        this.bySubset = bySubset;
    }

    public int pointCount() {
        return pointCount;
    }

    /** E[prod_{a in indices} act_a] over distinct indices into the point set. */
    public double expectation(int... indices) {
        int mask = 0;
        for (int a : indices) {
            if (a < 0 || a >= pointCount) {
                throw new IllegalArgumentException("index " + a + " out of range [0, " + pointCount + ")");
            }
            if ((mask & (1 << a)) != 0) {
                throw new IllegalArgumentException("indices must be distinct (repeat the point instead), got " + a
                        + " twice");
            }
            mask |= 1 << a;
        }
        return bySubset[mask];
    }

    /** E_S for the subset whose bit a is set iff point a belongs to S. */
    public double bySubsetMask(int mask) {
        if (mask < 0 || mask >= bySubset.length) {
            throw new IllegalArgumentException("subset mask out of range: " + mask);
        }
        return bySubset[mask];
    }
}
