package org.nnft.theory;

/**
 * The two kernels of a wide network on inputs of dimension d: the NNGP kernel K(x, y) = E[f(x) f(y)]
 * over the initialisation, and the neural tangent kernel Theta(x, y) = E[sum_p (df(x)/dp)(df(y)/dp)],
 * the sum over all trainable parameters p (Jacot et al. 2018). Linearised gradient descent on the
 * training set is fixed by these two kernels alone ({@link LinearisedDynamics}).
 */
public interface InfiniteWidthKernels {

    /** Input dimension d of the points. */
    int inputDimension();

    /** NNGP kernel K(x, y). */
    double nngp(double[] x, double[] y);

    /** Neural tangent kernel Theta(x, y) (in the parameterisation the implementation was built with). */
    double ntk(double[] x, double[] y);

    /** The matrix K(a_i, b_j) of {@link #nngp}. */
    default double[][] nngpMatrix(double[][] a, double[][] b) {
        double[][] m = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                m[i][j] = nngp(a[i], b[j]);
            }
        }
        return m;
    }

    /** The matrix Theta(a_i, b_j) of {@link #ntk}. */
    default double[][] ntkMatrix(double[][] a, double[][] b) {
        double[][] m = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                m[i][j] = ntk(a[i], b[j]);
            }
        }
        return m;
    }
}
