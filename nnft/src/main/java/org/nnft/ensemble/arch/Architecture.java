package org.nnft.ensemble.arch;

import org.nnft.engine.Precision;
import org.nnft.engine.kernel.Kernel;

/**
 * A random-network architecture: hyperparameters plus the fused kernel that draws and evaluates
 * its networks ({@link EnsembleKernel}), and the exact correlators known for it. A field site is
 * a (point, output component) pair, numbered {@code point * outputDimension() + component}.
 */
public sealed interface Architecture permits CosNet, ShallowNetwork {

    /** Dimension d of the input points. */
    int inputDimension();

    /** Number of output components sharing one hidden layer (1 for scalar fields). */
    int outputDimension();

    /** Number of hidden neurons N. */
    int width();

    /** The fused ensemble kernel of this architecture family. */
    Kernel kernel();

    /**
     * The fused ensemble kernel in {@code precision}: {@link #kernel()} for double; the float32-field kernel (the
     * same C source compiled for float, docs/physics.md A.6) for single. Both architectures override it; the default
     * serves a future architecture that has no single-precision kernel yet.
     */
    default Kernel kernel(Precision precision) {
        if (precision == Precision.DOUBLE) {
            return kernel();
        }
        throw new UnsupportedOperationException("precision " + precision.label() + " is not implemented yet");
    }

    /** Variant selector the kernel reads (momentum density or activation). */
    int variant();

    /** The F64 hyperparameter array the kernel reads, for these (already validated) points. */
    double[] kernelParameters(double[][] points);

    /** Exact G2 between component {@code a} at x and component {@code b} at y (no 1/N correction exists). */
    double twoPoint(double[] x, int a, double[] y, int b);

    /**
     * Exact finite-width connected 4-point function of the sites (points[j], components[j]),
     * or NaN where this class has no prediction.
     */
    double connectedFourPoint(double[][] points, int[] components);

    /** Exact finite-width connected 6-point function of the sites, or NaN where this class has no prediction. */
    default double connectedSixPoint(double[][] points, int[] components) {
        return Double.NaN;
    }

    /** Throws unless the points have this architecture's input dimension and are finite. */
    default void checkPoints(double[][] points) {
        Preconditions.points("points", points, inputDimension());
        if ((long) points.length * outputDimension() > EnsembleKernel.MAX_SITES) {
            throw new IllegalArgumentException("points: at most " + EnsembleKernel.MAX_SITES
                    + " sites (points x outputs) per run, got " + (long) points.length * outputDimension());
        }
    }
}
