/* Cos-net field of one network (physics.md A.2). Java twin: CosNet#field. hyper = {m, Lambda, scale}.
   Neuron i uses block 2i (a: words 0,1 Box-Muller cosine branch; c: word 2, open unit u -> pi (2u - 1);
   word 3: open unit for the radius, the d = 1 momentum or the Cauchy momentum) and, for d >= 2,
   block 2i+1 (four direction normals).
   variant 0: w uniform in the d-ball of radius Lambda, amplitude scale a / sqrt(|w|^2 + m^2);
   variant 1 (d = 1): w ~ Cauchy(0, m), amplitude scale a. */
#define ENSEMBLE_KERNEL ensemble_cosnet

DEVICE void ens_field(GLOBAL const double* points, int pointCount, GLOBAL const double* hyper,
                      int width, int dim, int outDim, int variant, i64 seed, i64 stream, double* phi) {
    double m = hyper[0];
    double lambda = hyper[1];
    double scale = hyper[2];
    u32 r0[4];
    u32 r1[4];
    double w[4];
    for (int p = 0; p < pointCount; p++) {
        phi[p] = 0.0;
    }
    for (int i = 0; i < width; i++) {
        i64 b = (i64) i * 2;
        rs_block(seed, stream, b, r0);
        double a = rs_box_muller(r0[0], r0[1], 0);
        double c = (2.0 * rs_open_unit(r0[2]) - 1.0) * ENS_PI;
        double u = rs_open_unit(r0[3]);
        double amp;
        if (variant == 1) {
            w[0] = m * tan(ENS_PI * (u - 0.5));
            amp = scale * a;
        } else if (dim == 1) {
            w[0] = lambda * (2.0 * u - 1.0);
            amp = scale * a / sqrt(w[0] * w[0] + m * m);
        } else {
            rs_block(seed, stream, b + 1, r1);
            w[0] = rs_box_muller(r1[0], r1[1], 0);
            w[1] = rs_box_muller(r1[0], r1[1], 1);
            w[2] = rs_box_muller(r1[2], r1[3], 0);
            w[3] = rs_box_muller(r1[2], r1[3], 1);
            double norm2 = 0.0;
            for (int k = 0; k < dim; k++) {
                norm2 = norm2 + w[k] * w[k];
            }
            double radius = lambda * pow(u, 1.0 / dim);
            double s = radius / sqrt(norm2);
            for (int k = 0; k < dim; k++) {
                w[k] = w[k] * s;
            }
            amp = scale * a / sqrt(radius * radius + m * m);
        }
        for (int p = 0; p < pointCount; p++) {
            double arg = c;
            for (int k = 0; k < dim; k++) {
                arg = arg + w[k] * points[p * dim + k];
            }
            phi[p] = phi[p] + amp * cos(arg);
        }
    }
}
