package org.nnft.ensemble.deform;

/**
 * A deformed cos-net parameter density {@code P(theta) exp(-S_int(theta))} with
 * {@code S_int = int_box V(phi_theta(y)) d^dy} evaluated by the box's midpoint rule:
 * {@code S_int = h^d sum_g V(phi_theta(y_g))} (docs/physics.md A.3).
 *
 * @param potential the local potential V
 * @param box       the integration volume and its grid
 */
public record Deformation(Potential potential, IntegrationBox box) {

    /** Length of {@link #kernelParameters()}. */
    static final int PARAMETERS = 10;

    public Deformation {
        if (potential == null || box == null) {
            throw new IllegalArgumentException("potential and box must not be null");
        }
    }

    /** S_int of a field given at the box's nodes ({@link GridField#action}). */
    public double action(double[] phiAtNodes) {
        if (phiAtNodes == null || phiAtNodes.length != box.nodeCount()) {
            throw new IllegalArgumentException("phiAtNodes must have " + box.nodeCount() + " values");
        }
        return GridField.action(phiAtNodes, 0, box.nodeCount(), kernelParameters());
    }

    /**
     * The F64 array the kernels read: {c2, c4, c6, cell volume, y_0 of axes 0..2, h of axes 0..2},
     * unused axes with y_0 = h = 0 (see {@code deform_grid.c}).
     */
    double[] kernelParameters() {
        double[] p = new double[PARAMETERS];
        p[0] = potential.quadratic();
        p[1] = potential.quartic();
        p[2] = potential.sextic();
        p[3] = box.cellVolume();
        for (int k = 0; k < box.dimension(); k++) {
            p[4 + k] = box.node(0)[k];
            p[7 + k] = box.spacing(k);
        }
        return p;
    }
}
