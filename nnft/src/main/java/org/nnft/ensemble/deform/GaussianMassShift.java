package org.nnft.ensemble.deform;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealVector;
import org.nnft.ensemble.arch.CosNet;

/**
 * The exact N = infinity two-point function of a cos-net deformed by a mass term
 * {@code V = (dm^2/2) phi^2}, at every order in dm^2. At N = infinity the free field is Gaussian
 * with covariance G; the deformation {@code exp(-(dm^2/2) h^d sum_g phi(y_g)^2)} adds the precision
 * {@code dm^2 h^d} at the grid nodes, so
 * {@code G'(x1,x2) = G(x1,x2) - G(x1,Y) (G(Y,Y) + I/(dm^2 h^d))^-1 G(Y,x2)} over the nodes Y (the
 * box's own quadrature). In a box much larger than 1/m and away from its edges this is the
 * propagator with m^2 + dm^2 (and the same cutoff), up to the midpoint rule's O(h^2).
 */
public final class GaussianMassShift {
    private final CosNet net;
    private final IntegrationBox box;
    private final DecompositionSolver solver;

    /**
     * @param net         the free cos-net (its G2 is exact at every N)
     * @param deformation a pure mass shift with dm^2 > 0
     */
    public GaussianMassShift(CosNet net, Deformation deformation) {
        Potential v = deformation.potential();
        if (v.quartic() != 0 || v.sextic() != 0 || !(v.quadratic() > 0)) {
            throw new IllegalArgumentException("deformation must be a pure mass shift with dm^2 > 0, got " + v);
        }
        if (net.inputDimension() != deformation.box().dimension()) {
            throw new IllegalArgumentException("deformation: box dimension differs from the net's input dimension");
        }
        this.net = net;
        this.box = deformation.box();
        int n = box.nodeCount();
        double precision = 2 * v.quadratic() * box.cellVolume();
        double[][] m = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                m[a][b] = net.twoPoint(box.node(a), 0, box.node(b), 0);
                m[b][a] = m[a][b];
            }
            m[a][a] += 1 / precision;
        }
        this.solver = new CholeskyDecomposition(new Array2DRowRealMatrix(m, false)).getSolver();
    }

    /** The deformed G2(x1, x2) at N = infinity. */
    public double twoPoint(double[] x1, double[] x2) {
        RealVector g1 = toNodes(x1);
        RealVector g2 = toNodes(x2);
        return net.twoPoint(x1, 0, x2, 0) - g1.dotProduct(solver.solve(g2));
    }

    private RealVector toNodes(double[] x) {
        double[] g = new double[box.nodeCount()];
        for (int a = 0; a < g.length; a++) {
            g[a] = net.twoPoint(x, 0, box.node(a), 0);
        }
        return new ArrayRealVector(g, false);
    }
}
