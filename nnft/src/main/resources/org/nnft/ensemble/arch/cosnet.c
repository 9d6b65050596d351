/* Cos-net field of one network (docs/physics.md A.2). Java twins: CosNet#drawNeuron, CosNet#field.
   hyper = {m, Lambda, scale}.
   A neuron drawn at block b uses block b (a: words 0,1 Box-Muller cosine branch; c: word 2, open unit
   u -> pi (2u - 1); word 3: open unit for the radius, the d = 1 momentum or the Cauchy momentum) and,
   for d >= 2, block b+1 (four direction normals). Neuron i of a free network is drawn at b = 2i.
   variant 0: w uniform in the d-ball of radius Lambda, amplitude scale a with a normal of variance
   1 / (|w|^2 + m^2) (Box-Muller with that precision: one square root, not two);
   variant 1 (d = 1): w ~ Cauchy(0, m), amplitude scale a, a standard normal. */
#define ENSEMBLE_KERNEL ensemble_cosnet
#define ENS_NEURON_SIZE 6

/* Writes nu = {amplitude, c, w_0, .., w_3} of the neuron drawn at block b of stream. */
DEVICE void ens_cos_neuron(i64 seed, i64 stream, i64 b, GLOBAL const double* hyper, int dim, int variant,
                           double* nu) {
    double m = hyper[0];
    double lambda = hyper[1];
    double scale = hyper[2];
    u32 r0[4];
    u32 r1[4];
    rs_block(seed, stream, b, r0);
    double u = rs_open_unit(r0[3]);
    nu[1] = (2.0 * rs_open_unit(r0[2]) - 1.0) * ENS_PI;
    if (variant == 1) {
        nu[2] = m * tan(ENS_PI * (u - 0.5));
        nu[0] = scale * rs_box_muller(r0[0], r0[1], 0);
    } else if (dim == 1) {
        nu[2] = lambda * (2.0 * u - 1.0);
        nu[0] = scale * rs_box_muller_precision(r0[0], r0[1], 0, nu[2] * nu[2] + m * m);
    } else {
        rs_block(seed, stream, b + 1, r1);
        nu[2] = rs_box_muller(r1[0], r1[1], 0);
        nu[3] = rs_box_muller(r1[0], r1[1], 1);
        nu[4] = rs_box_muller(r1[2], r1[3], 0);
        nu[5] = rs_box_muller(r1[2], r1[3], 1);
        double norm2 = 0.0;
        for (int k = 0; k < dim; k++) {
            norm2 = norm2 + nu[2 + k] * nu[2 + k];
        }
        double radius = lambda * pow(u, 1.0 / dim);
        double s = radius / sqrt(norm2);
        for (int k = 0; k < dim; k++) {
            nu[2 + k] = nu[2 + k] * s;
        }
        nu[0] = scale * rs_box_muller_precision(r0[0], r0[1], 0, radius * radius + m * m);
    }
}

DEVICE void ens_field(GLOBAL const double* points, int pointCount, GLOBAL const double* hyper,
                      int width, int dim, int outDim, int variant, i64 seed, i64 stream, double* phi) {
    double nu[ENS_NEURON_SIZE];
    for (int p = 0; p < pointCount; p++) {
        phi[p] = 0.0;
    }
    for (int i = 0; i < width; i++) {
        ens_cos_neuron(seed, stream, (i64) i * 2, hyper, dim, variant, nu);
        for (int p = 0; p < pointCount; p++) {
            double arg = nu[1];
            for (int k = 0; k < dim; k++) {
                arg = arg + nu[2 + k] * points[p * dim + k];
            }
            phi[p] = phi[p] + nu[0] * cos(arg);
        }
    }
}
