/* Field of a cos-neuron on the midpoint grid of the deformation box, and the interaction action
   (docs/physics.md A.3). Java twin: GridField, line by line.
   deform = {c2, c4, c6, cell volume, y0 of axes 0..2, h of axes 0..2}: V(phi) = phi^2 (c2 + phi^2 (c4 + phi^2 c6));
   node (j0, j1, j2) at y0_k + j_k h_k, flat index (j0 n1 + j1) n2 + j2; unused axes have n = 1, y0 = h = 0.
   A neuron nu = {amplitude, c, w_0, .., w_3} (ens_cos_neuron). */

/* grid[g] += factor * amplitude * cos(w.y_g + c) for every node, by complex rotations along the axes. */
DEVICE void def_add_neuron(GLOBAL double* grid, const double* nu, double factor, int dim,
                           GLOBAL const double* deform, int n0, int n1, int n2) {
    double amp = factor * nu[0];
    double w0 = nu[2];
    double w1 = dim > 1 ? nu[3] : 0.0;
    double w2 = dim > 2 ? nu[4] : 0.0;
    double phase = nu[1] + w0 * deform[4] + w1 * deform[5] + w2 * deform[6];
    double ar = cos(phase);
    double ai = sin(phase);
    double r0r = cos(w0 * deform[7]);
    double r0i = sin(w0 * deform[7]);
    double r1r = cos(w1 * deform[8]);
    double r1i = sin(w1 * deform[8]);
    double r2r = cos(w2 * deform[9]);
    double r2i = sin(w2 * deform[9]);
    int g = 0;
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

#ifdef ENS_SINGLE
/* Single precision (Java twin GridField#addNeuronSingle, #addNeuronTermsSingle): the float term
   amplitude * cos(c + w.y_g) of a float neuron at every node, exactly as ens_field computes a term at a point:
   phase fma(w_k, y_k, phase) over the axes in order (an unused axis adds fma(0, 0, phase) = phase), pf_cos, at the
   float node coordinates y_k = fma(j_k, h_k, y0_k) (h, y0 rounded to float). sign 0: the float neuron sum,
   grid[g] = fma(amplitude, cos, grid[g]) in float (the grid holds floats, widened); sign +-1:
   grid[g] += sign * fma(amplitude, cos, 0) in double (the Metropolis kernel's double sums of float terms). */
DEVICE void def_add_neuron_f32(GLOBAL double* grid, const float* nu, int sign, int dim,
                               GLOBAL const double* deform, int n0, int n1, int n2) {
    float w0 = nu[2];
    float w1 = dim > 1 ? nu[3] : 0.0f;
    float w2 = dim > 2 ? nu[4] : 0.0f;
    float y0 = (float) deform[4];
    float y1 = (float) deform[5];
    float y2 = (float) deform[6];
    float h0 = (float) deform[7];
    float h1 = (float) deform[8];
    float h2 = (float) deform[9];
    int g = 0;
    for (int i0 = 0; i0 < n0; i0++) {
        float p0 = ENS_MADD(w0, ENS_MADD((float) i0, h0, y0), nu[1]);
        for (int i1 = 0; i1 < n1; i1++) {
            float p1 = ENS_MADD(w1, ENS_MADD((float) i1, h1, y1), p0);
            for (int i2 = 0; i2 < n2; i2++) {
                float c = ENS_COS(ENS_MADD(w2, ENS_MADD((float) i2, h2, y2), p1));
                if (sign == 0) {
                    grid[g] = (double) ENS_MADD(nu[0], c, (float) grid[g]);
                } else {
                    grid[g] = grid[g] + (double) sign * (double) ENS_MADD(nu[0], c, 0.0f);
                }
                g++;
            }
        }
    }
}
#endif

/* amplitude * cos(c + w.x) at points[p dim .. p dim + dim). */
DEVICE double def_neuron_at(const double* nu, GLOBAL const double* points, int p, int dim) {
    double arg = nu[1];
    for (int k = 0; k < dim; k++) {
        arg = arg + nu[2 + k] * points[p * dim + k];
    }
    return nu[0] * cos(arg);
}

DEVICE double def_potential(double phi, GLOBAL const double* deform) {
    double p2 = phi * phi;
    return p2 * (deform[0] + p2 * (deform[1] + p2 * deform[2]));
}

/* S_int = cell * sum_g V(grid[g]), in node order. */
DEVICE double def_action(GLOBAL const double* grid, int nodes, GLOBAL const double* deform) {
    double s = 0.0;
    for (int g = 0; g < nodes; g++) {
        s = s + def_potential(grid[g], deform);
    }
    return deform[3] * s;
}

/* cell * sum_g [V(grid + delta) - V(grid)]. */
DEVICE double def_action_change(GLOBAL const double* grid, GLOBAL const double* delta, int nodes,
                                GLOBAL const double* deform) {
    double s = 0.0;
    for (int g = 0; g < nodes; g++) {
        double old = grid[g];
        s = s + (def_potential(old + delta[g], deform) - def_potential(old, deform));
    }
    return deform[3] * s;
}

DEVICE int def_interacting(GLOBAL const double* deform) {
    return deform[0] != 0.0 || deform[1] != 0.0 || deform[2] != 0.0;
}
