package org.nnft.ensemble.arch;

/**
 * Java twin of an architecture's C function {@code ens_field}: writes the field of one network at
 * every site ({@code phi[p * outDim + k]} for point p, output k) from its random stream.
 * Arguments mirror the C parameters one for one.
 */
@FunctionalInterface
interface NetworkField {
    void evaluate(double[] points, int pointCount, double[] hyper, int width, int inDim, int outDim,
                  int variant, long seed, long stream, double[] phi, FieldScratch scratch);
}
