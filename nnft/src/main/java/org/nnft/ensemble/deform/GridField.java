package org.nnft.ensemble.deform;

/**
 * Java twin of {@code deform_grid.c}, line by line: a cos-neuron's contribution to the field at
 * the nodes of an {@link IntegrationBox}, and the interaction action of a field on the nodes.
 * {@code deform} is {@link Deformation#kernelParameters()}; a neuron is
 * {@code {amplitude, c, w_0, .., w_3}} ({@link org.nnft.ensemble.arch.CosNet#drawNeuron}).
 *
 * <p>The neuron's {@code cos(w.y + c)} on the tensor grid is the real part of
 * {@code exp(i(c + w.y_0)) prod_k exp(i w_k h_k)^(j_k)}, built by complex rotations along each axis:
 * two library cos/sin per axis per neuron and a complex multiply per node, accurate to about
 * n x 1e-16 relative (n nodes per side).
 */
public final class GridField {
    private GridField() {
    }

    /** {@code grid[offset + g] += factor * amplitude * cos(w.y_g + c)} for every node g. */
    public static void addNeuron(double[] grid, int offset, double[] nu, double factor, int dim, double[] deform,
                                 int n0, int n1, int n2) {
        double amp = factor * nu[0];
        double w0 = nu[2];
        double w1 = dim > 1 ? nu[3] : 0.0;
        double w2 = dim > 2 ? nu[4] : 0.0;
        double phase = nu[1] + w0 * deform[4] + w1 * deform[5] + w2 * deform[6];
        double ar = Math.cos(phase);
        double ai = Math.sin(phase);
        double r0r = Math.cos(w0 * deform[7]);
        double r0i = Math.sin(w0 * deform[7]);
        double r1r = Math.cos(w1 * deform[8]);
        double r1i = Math.sin(w1 * deform[8]);
        double r2r = Math.cos(w2 * deform[9]);
        double r2i = Math.sin(w2 * deform[9]);
        int g = offset;
        for (int i0 = 0; i0 < n0; i0++) {
            double br = ar;
            double bi = ai;
            for (int i1 = 0; i1 < n1; i1++) {
                double zr = br;
                double zi = bi;
                for (int i2 = 0; i2 < n2; i2++) {
                    grid[g] = grid[g] + amp * zr;
                    g++;
                    double t = zr * r2r - zi * r2i;
                    zi = zr * r2i + zi * r2r;
                    zr = t;
                }
                double t1 = br * r1r - bi * r1i;
                bi = br * r1i + bi * r1r;
                br = t1;
            }
            double t0 = ar * r0r - ai * r0i;
            ai = ar * r0i + ai * r0r;
            ar = t0;
        }
    }

    /** {@code amplitude * cos(c + w.x)} at the point {@code x = points[p dim .. p dim + dim)}. */
    public static double neuronAt(double[] nu, double[] points, int p, int dim) {
        double arg = nu[1];
        for (int k = 0; k < dim; k++) {
            arg = arg + nu[2 + k] * points[p * dim + k];
        }
        return nu[0] * Math.cos(arg);
    }

    /** V(phi) = phi^2 (c2 + phi^2 (c4 + phi^2 c6)). */
    static double potential(double phi, double[] deform) {
        double p2 = phi * phi;
        return p2 * (deform[0] + p2 * (deform[1] + p2 * deform[2]));
    }

    /** {@code S_int = cell * sum_g V(grid[offset + g])}, summed in node order. */
    public static double action(double[] grid, int offset, int nodes, double[] deform) {
        double s = 0.0;
        for (int g = 0; g < nodes; g++) {
            s = s + potential(grid[offset + g], deform);
        }
        return deform[3] * s;
    }

    /** {@code cell * sum_g [V(grid + delta) - V(grid)]}: the change of S_int if delta is added. */
    static double actionChange(double[] grid, int offset, double[] delta, int deltaOffset, int nodes, double[] deform) {
        double s = 0.0;
        for (int g = 0; g < nodes; g++) {
            double old = grid[offset + g];
            s = s + (potential(old + delta[deltaOffset + g], deform) - potential(old, deform));
        }
        return deform[3] * s;
    }

    /** Whether the potential in {@code deform} vanishes identically. */
    static boolean interacting(double[] deform) {
        return deform[0] != 0.0 || deform[1] != 0.0 || deform[2] != 0.0;
    }
}
