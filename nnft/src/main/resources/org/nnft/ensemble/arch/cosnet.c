/* Cos-net field of one network (docs/physics.md A.2). Java twins: CosNet#drawNeuron, CosNet#field (double);
   CosNetSingle (float, when cosnet_f32.c is prepended).
   hyper = {m, Lambda, scale}.
   A neuron drawn at block b uses block b (a: words 0,1 Box-Muller cosine branch; c: word 2, open unit
   u -> pi (2u - 1); word 3: open unit for the radius, the d = 1 momentum or the Cauchy momentum) and,
   for d >= 2, block b+1 (four direction normals). Neuron i of a free network is drawn at b = 2i.
   variant 0: w uniform in the d-ball of radius Lambda, amplitude scale a with a normal of variance
   1 / (|w|^2 + m^2) (Box-Muller with that precision: one square root, not two);
   variant 1 (d = 1): w ~ Cauchy(0, m), amplitude scale a, a standard normal.
   The same source serves both precisions: ENS_REAL and the ENS_ macros below are the double versions unless a
   prefix (cosnet_f32.c) has defined them for float. */
#ifndef ENS_REAL
#define ENS_REAL double
#define ENSEMBLE_KERNEL ensemble_cosnet
#define ENS_PHASE(w) ((2.0 * rs_open_unit(w) - 1.0) * ENS_PI)
#define ENS_CAUCHY(m, w) ((m) * tan(ENS_PI * (rs_open_unit(w) - 0.5)))
#define ENS_LINE(lambda, w) ((lambda) * (2.0 * rs_open_unit(w) - 1.0))
#define ENS_RADIUS(lambda, w, dim) ((lambda) * pow(rs_open_unit(w), 1.0 / (dim)))
#define ENS_NORMAL(w0, w1, sine) rs_box_muller(w0, w1, sine)
#define ENS_NORMAL_P(w0, w1, sine, p) rs_box_muller_precision(w0, w1, sine, p)
#define ENS_COS(v) cos(v)
#define ENS_MADD(a, b, c) ((c) + (a) * (b))
#endif
#define ENS_NEURON_SIZE 6

/* Writes nu = {amplitude, c, w_0, .., w_3} of the neuron drawn at block b of stream. */
DEVICE void ens_cos_neuron(i64 seed, i64 stream, i64 b, GLOBAL const double* hyper, int dim, int variant,
                           ENS_REAL* nu) {
    ENS_REAL m = (ENS_REAL) hyper[0];
    ENS_REAL lambda = (ENS_REAL) hyper[1];
    ENS_REAL scale = (ENS_REAL) hyper[2];
    u32 r0[4];
    u32 r1[4];
    rs_block(seed, stream, b, r0);
    nu[1] = ENS_PHASE(r0[2]);
    if (variant == 1) {
        nu[2] = ENS_CAUCHY(m, r0[3]);
        nu[0] = scale * ENS_NORMAL(r0[0], r0[1], 0);
    } else if (dim == 1) {
        nu[2] = ENS_LINE(lambda, r0[3]);
        nu[0] = scale * ENS_NORMAL_P(r0[0], r0[1], 0, nu[2] * nu[2] + m * m);
    } else {
        rs_block(seed, stream, b + 1, r1);
        nu[2] = ENS_NORMAL(r1[0], r1[1], 0);
        nu[3] = ENS_NORMAL(r1[0], r1[1], 1);
        nu[4] = ENS_NORMAL(r1[2], r1[3], 0);
        nu[5] = ENS_NORMAL(r1[2], r1[3], 1);
        ENS_REAL norm2 = 0;
        for (int k = 0; k < dim; k++) {
            norm2 = norm2 + nu[2 + k] * nu[2 + k];
        }
        ENS_REAL radius = ENS_RADIUS(lambda, r0[3], dim);
        ENS_REAL s = radius / sqrt(norm2);
        for (int k = 0; k < dim; k++) {
            nu[2 + k] = nu[2 + k] * s;
        }
        nu[0] = scale * ENS_NORMAL_P(r0[0], r0[1], 0, radius * radius + m * m);
    }
}

/* Variance s^2 of a drawn neuron's amplitude (the learning kernels' parameterisation, docs/ntk.md section 6):
   scale^2 / (m^2 + |w|^2) for the ball net, scale^2 for the Cauchy net. Java twin: CosNet#amplitudeVariance. */
DEVICE double ens_cos_amplitude_variance(GLOBAL const double* hyper, int dim, int variant, const double* nu) {
    double s2 = hyper[2] * hyper[2];
    if (variant == 0) {
        double precision = hyper[0] * hyper[0];
        for (int k = 0; k < dim; k++) {
            precision = precision + nu[2 + k] * nu[2 + k];
        }
        s2 = s2 / precision;
    }
    return s2;
}

/* The field at every point, summed over neurons in ENS_REAL (in place in phi for double, in acc for float). */
DEVICE void ens_field(GLOBAL const double* points, int pointCount, GLOBAL const double* hyper,
                      int width, int dim, int outDim, int variant, i64 seed, i64 stream, double* phi) {
    ENS_REAL nu[ENS_NEURON_SIZE];
#ifdef ENS_SINGLE
    float acc[ENS_MAX_SITES];
#else
    double* acc = phi;
#endif
    for (int p = 0; p < pointCount; p++) {
        acc[p] = 0;
    }
    for (int i = 0; i < width; i++) {
        ens_cos_neuron(seed, stream, (i64) i * 2, hyper, dim, variant, nu);
        for (int p = 0; p < pointCount; p++) {
            ENS_REAL arg = nu[1];
            for (int k = 0; k < dim; k++) {
                arg = ENS_MADD(nu[2 + k], (ENS_REAL) points[p * dim + k], arg);
            }
            acc[p] = ENS_MADD(nu[0], ENS_COS(arg), acc[p]);
        }
    }
#ifdef ENS_SINGLE
    for (int p = 0; p < pointCount; p++) {
        phi[p] = (double) acc[p];
    }
#endif
}
