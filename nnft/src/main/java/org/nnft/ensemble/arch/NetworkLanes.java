package org.nnft.ensemble.arch;

/**
 * A CPU fast path of an architecture's field that evaluates {@link ShallowLanes#L} networks at once, one per double
 * lane: the fields of networks {@code first .. first + L - 1} (streams {@link EnsembleStreams#stream}) into
 * {@code phi[s L + n]} (site s = p outDim + k, network {@code first + n}), each bit for bit the twin
 * {@link NetworkField}'s. Holds its own scratch: one instance per work-item range.
 */
@FunctionalInterface
interface NetworkLanes {
    void evaluate(double[] points, int pointCount, double[] hyper, int width, int inDim, int outDim,
                  int variant, long seed, long first, double[] phi);
}
