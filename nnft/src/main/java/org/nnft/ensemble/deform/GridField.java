package org.nnft.ensemble.deform;

import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.simd.VectorTrigF;

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

    /**
     * Single precision (twin of {@code def_add_neuron_f32}): {@code acc[offset + g] = fma(amplitude, cos(c + w.y_g),
     * acc[offset + g])} in float for every node g, each term exactly as the float field at a point
     * ({@link org.nnft.ensemble.arch.CosNetSingle#fieldAt}): phase {@code fma(w_k, y_k, phase)} over the axes in
     * order, {@link PortableFloat#cos}, at the float node coordinates {@code y_k = fma(j_k, h_k, y0_k)} (h, y0 rounded
     * to float). With {@code lanes} the rows along the last axis of the net go through {@link VectorTrigF} (bit-exact
     * with the scalar loop) when every phase is in its range.
     *
     * @param row {@link #rowSize} scratch floats
     */
    public static void addNeuronSingle(float[] acc, int offset, float[] nu, int dim, double[] deform,
                                       int n0, int n1, int n2, boolean lanes, float[] row) {
        float w0 = nu[2];
        float w1 = dim > 1 ? nu[3] : 0.0f;
        float w2 = dim > 2 ? nu[4] : 0.0f;
        if (lanes && inRange(nu, dim, deform, n0, n1, n2)) {
            addNeuronLanes(acc, offset, nu, dim, deform, n0, n1, n2, row);
            return;
        }
        float y0 = (float) deform[4];
        float y1 = (float) deform[5];
        float y2 = (float) deform[6];
        float h0 = (float) deform[7];
        float h1 = (float) deform[8];
        float h2 = (float) deform[9];
        int g = offset;
        for (int i0 = 0; i0 < n0; i0++) {
            float p0 = Math.fma(w0, Math.fma((float) i0, h0, y0), nu[1]);
            for (int i1 = 0; i1 < n1; i1++) {
                float p1 = Math.fma(w1, Math.fma((float) i1, h1, y1), p0);
                for (int i2 = 0; i2 < n2; i2++) {
                    float c = PortableFloat.cos(Math.fma(w2, Math.fma((float) i2, h2, y2), p1));
                    acc[g] = Math.fma(nu[0], c, acc[g]);
                    g++;
                }
            }
        }
    }

    /** Scratch floats {@link #addNeuronSingle} needs: the nodes of the longest axis. */
    public static int rowSize(int n0, int n1, int n2) {
        return Math.max(n0, Math.max(n1, n2));
    }

    /**
     * The rows along axis dim - 1 (the fastest used axis), a vector of nodes each: the phase of the axes before it
     * (in order, as the scalar loop, whose unused axes add w = 0 exactly), then the row's waves.
     */
    private static void addNeuronLanes(float[] acc, int offset, float[] nu, int dim, double[] deform,
                                       int n0, int n1, int n2, float[] row) {
        int last = dim - 1;
        int n = last == 0 ? n0 : last == 1 ? n1 : n2;
        float yLast = (float) deform[4 + last];
        float hLast = (float) deform[7 + last];
        for (int j = 0; j < n; j++) {
            row[j] = Math.fma((float) j, hLast, yLast);
        }
        int rows = n0 * n1 * n2 / n;
        int inner = last == 2 ? n1 : 1;
        for (int r = 0; r < rows; r++) {
            float phase = nu[1];
            if (last >= 1) {
                phase = Math.fma(nu[2], Math.fma((float) (r / inner), (float) deform[7], (float) deform[4]), phase);
            }
            if (last == 2) {
                phase = Math.fma(nu[3], Math.fma((float) (r % inner), (float) deform[8], (float) deform[5]), phase);
            }
            VectorTrigF.addCosineWaveInRange(nu[0], phase, nu[2 + last], row, n, acc, offset + r * n);
        }
    }

    /** Whether every phase |c + w.y| of the neuron on the box stays within half the vector cosine's range. */
    private static boolean inRange(float[] nu, int dim, double[] deform, int n0, int n1, int n2) {
        int[] n = {n0, n1, n2};
        double reach = Math.abs(nu[1]);
        for (int k = 0; k < dim; k++) {
            reach += Math.abs(nu[2 + k]) * (Math.abs(deform[4 + k]) + n[k] * Math.abs(deform[7 + k]));
        }
        return reach <= 0.5 * PortableFloat.REDUCED_RANGE;
    }

    /**
     * {@code grid[offset + g] += sign * amplitude cos(c + w.y_g)} in double for every node, each term the float
     * {@code fma(amplitude, cos, 0)} of {@link #addNeuronSingle} (twin of {@code def_add_neuron_f32} with sign +-1):
     * the Metropolis kernel's grid field is a double sum of float terms, so it does not drift over the sweeps.
     *
     * @param terms {@code nodes} scratch floats; {@code row} as in {@link #addNeuronSingle}
     */
    static void addNeuronTermsSingle(double[] grid, int offset, float[] nu, int sign, int dim, double[] deform,
                                     int n0, int n1, int n2, boolean lanes, float[] terms, float[] row) {
        int nodes = n0 * n1 * n2;
        for (int g = 0; g < nodes; g++) {
            terms[g] = 0.0f;
        }
        addNeuronSingle(terms, 0, nu, dim, deform, n0, n1, n2, lanes, row);
        for (int g = 0; g < nodes; g++) {
            grid[offset + g] = grid[offset + g] + (double) sign * (double) terms[g];
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

    /** {@link #action} of a float grid (its values widened to double), as {@code def_action} on the C kernel's grid. */
    static double actionSingle(float[] grid, int nodes, double[] deform) {
        double s = 0.0;
        for (int g = 0; g < nodes; g++) {
            s = s + potential(grid[g], deform);
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
