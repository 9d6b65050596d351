/* Per-network tangent-kernel sums of a cos-net (docs/ntk.md section 6), appended after cosnet.c.
   Java twin: EmpiricalNtkKernel#cosNet. Neuron i is ens_cos_neuron at block 2i, exactly the neuron
   of ens_field, and f is summed in the same order. With nu = {amplitude, c, w}: the amplitude is
   s_i g_i, g_i a standard normal and s_i^2 = scale^2 / (|w_i|^2 + m^2) (ball) or scale^2 (Cauchy);
   for every pair q = (p <= r) in row order
   a[q] = sum_i s_i^2 cos(w_i.x_p + c_i) cos(w_i.x_r + c_i),
   b[q] = sum_i amplitude_i^2 sin(w_i.x_p + c_i) sin(w_i.x_r + c_i). hyper = {m, Lambda, scale}. */
#define NTK_KERNEL empirical_ntk_cosnet
/* cos and sin of the phases: ntk_cos, ntk_sin of portable_trig.c (prepended). */

DEVICE void ntk_network(GLOBAL const double* points, int pointCount, GLOBAL const double* hyper,
                        int width, int dim, int variant, i64 seed, i64 stream,
                        double* f, double* a, double* b) {
    double nu[ENS_NEURON_SIZE];
    double cs[NTK_MAX_POINTS];
    double sn[NTK_MAX_POINTS];
    int pairs = pointCount * (pointCount + 1) / 2;
    for (int p = 0; p < pointCount; p++) {
        f[p] = 0.0;
    }
    for (int q = 0; q < pairs; q++) {
        a[q] = 0.0;
        b[q] = 0.0;
    }
    for (int i = 0; i < width; i++) {
        ens_cos_neuron(seed, stream, (i64) i * 2, hyper, dim, variant, nu);
        double s2 = ens_cos_amplitude_variance(hyper, dim, variant, nu);
        double amp2 = nu[0] * nu[0];
        for (int p = 0; p < pointCount; p++) {
            double arg = nu[1];
            for (int k = 0; k < dim; k++) {
                arg = arg + nu[2 + k] * points[p * dim + k];
            }
            cs[p] = ntk_cos(arg);
            sn[p] = ntk_sin(arg);
            f[p] = f[p] + nu[0] * cs[p];
        }
        int q = 0;
        for (int p = 0; p < pointCount; p++) {
            for (int r = p; r < pointCount; r++) {
                a[q] = a[q] + s2 * (cs[p] * cs[r]);
                b[q] = b[q] + amp2 * (sn[p] * sn[r]);
                q++;
            }
        }
    }
}
