/* Per-network tangent-kernel sums of a cos-net (docs/ntk.md section 6), appended after cosnet.c.
   Java twin: EmpiricalNtkKernel#cosNet. Neuron i is ens_cos_neuron at block 2i, exactly the neuron
   of ens_field, and f is summed in the same order. With nu = {amplitude, c, w}: the amplitude is
   s_i g_i, g_i a standard normal and s_i^2 = scale^2 / (|w_i|^2 + m^2) (ball) or scale^2 (Cauchy);
   for every pair q = (p <= r) in row order
   a[q] = sum_i s_i^2 cos(w_i.x_p + c_i) cos(w_i.x_r + c_i),
   b[q] = sum_i amplitude_i^2 sin(w_i.x_p + c_i) sin(w_i.x_r + c_i). hyper = {m, Lambda, scale}. */
#define NTK_KERNEL empirical_ntk_cosnet

/* Portable cos and sin (Java twin: PortableTrig, docs/ntk.md section 6): r = v - n pi by fused multiply-adds with pi
   in two parts, n = round(v/pi) for cos and round(v/pi - 1/2) for sin (sin v = cos(v - pi/2)), then
   (-1)^n C(r^2), C PortableMath's half-turn cosine series by fused pair Horner; library cos, sin beyond
   |v| = 2^49 and for infinite or NaN v. Only correctly rounded operations, so the bits are Java's. */
#define NTK_ONE_OVER_PI 0.318309886183790671538
#define NTK_PI_HI 3.141592653589793
#define NTK_PI_LO 1.2246467991473532072e-16
#define NTK_ROUNDER 6755399441055744.0
#define NTK_TRIG_RANGE 562949953421312.0

DEVICE double ntk_half_turn(double r, double sh) {
    double s = r * r;
    double s2 = s * s;
    double p = fma(s2, 4.609007351301705e-14, fma(s, -1.1462904896895602e-11, 2.0876561960018132e-09));
    p = fma(p, s2, fma(s, -2.755731639353273e-07, 2.4801587277443918e-05));
    p = fma(p, s2, fma(s, -0.0013888888888773173, 0.04166666666666389));
    p = fma(p, s2, fma(s, -0.4999999999999997, 1.0));
    return AS_DOUBLE(AS_LONG(p) ^ (i64) ((u64) AS_LONG(sh) << 63));
}

DEVICE double ntk_cos(double v) {
    if (!(fabs(v) <= NTK_TRIG_RANGE)) {
        return cos(v);
    }
    double sh = fma(v, NTK_ONE_OVER_PI, NTK_ROUNDER);
    double n = sh - NTK_ROUNDER;
    return ntk_half_turn(fma(n, -NTK_PI_LO, fma(n, -NTK_PI_HI, v)), sh);
}

DEVICE double ntk_sin(double v) {
    if (!(fabs(v) <= NTK_TRIG_RANGE)) {
        return sin(v);
    }
    double sh = fma(v, NTK_ONE_OVER_PI, -0.5) + NTK_ROUNDER;
    double m = (sh - NTK_ROUNDER) + 0.5;
    return ntk_half_turn(fma(m, -NTK_PI_LO, fma(m, -NTK_PI_HI, v)), sh);
}

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
        double s2 = hyper[2] * hyper[2];
        if (variant == 0) {
            double precision = hyper[0] * hyper[0];
            for (int k = 0; k < dim; k++) {
                precision = precision + nu[2 + k] * nu[2 + k];
            }
            s2 = s2 / precision;
        }
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
