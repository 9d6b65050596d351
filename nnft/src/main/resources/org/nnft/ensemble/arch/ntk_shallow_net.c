/* Per-network tangent-kernel sums of a scalar single-hidden-layer network (docs/ntk.md section 6).
   Java twin: EmpiricalNtkKernel#shallowNetwork. Draws exactly the network of ens_field in
   shallow_net.c with d_out = 1 (same blocks, same normals, same arithmetic for f), and writes
   f[p] = f(x_p), and for every pair q = (p <= r) in row order
   a[q] = sum_i act(z_i(x_p)) act(z_i(x_r)),   b[q] = sum_i W1_i^2 act'(z_i(x_p)) act'(z_i(x_r)).
   hyper = {sigma_b, sigma_W / sqrt(d_in), sigma_W / sqrt(N), c_0 .. c_{P-1}} (ShallowNetwork).
   act' of ReLU at 0 is 0; of erf (2/sqrt(pi)) exp(-z^2); the Gauss unit is its own derivative. */
#define NTK_KERNEL empirical_ntk_shallow_net

DEVICE void ntk_network(GLOBAL const double* points, int pointCount, GLOBAL const double* hyper,
                        int width, int inDim, int variant, i64 seed, i64 stream,
                        double* f, double* a, double* b) {
    double sigmaB = hyper[0];
    double inScale = hyper[1];
    double outScale = hyper[2];
    int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
    u32 w[4];
    double act[NTK_MAX_POINTS];
    double der[NTK_MAX_POINTS];
    int pairs = pointCount * (pointCount + 1) / 2;
    for (int p = 0; p < pointCount; p++) {
        f[p] = 0.0;
    }
    for (int q = 0; q < pairs; q++) {
        a[q] = 0.0;
        b[q] = 0.0;
    }
    for (int i = 0; i < width; i++) {
        i64 base = (i64) i * blocksPerNeuron;
        for (int p = 0; p < pointCount; p++) {
            act[p] = 0.0;
        }
        for (int j = 0; j < inDim; j++) {
            double weight = inScale * ens_normal(seed, stream, base, j, w);
            for (int p = 0; p < pointCount; p++) {
                act[p] = act[p] + weight * points[p * inDim + j];
            }
        }
        double bias = sigmaB * ens_normal(seed, stream, base, inDim, w);
        for (int p = 0; p < pointCount; p++) {
            double z = act[p] + bias;
            if (variant == 0) {
                act[p] = ens_erf(z);
                der[p] = ENS_TWO_OVER_SQRT_PI * exp(-(z * z));
            } else if (variant == 1) {
                act[p] = fmax(z, 0.0);
                der[p] = z > 0.0 ? 1.0 : 0.0;
            } else {
                act[p] = exp(z - hyper[3 + p]);
                der[p] = act[p];
            }
        }
        double out = outScale * ens_normal(seed, stream, base, inDim + 1, w);
        double out2 = out * out;
        int q = 0;
        for (int p = 0; p < pointCount; p++) {
            f[p] = f[p] + out * act[p];
            for (int r = p; r < pointCount; r++) {
                a[q] = a[q] + act[p] * act[r];
                b[q] = b[q] + out2 * (der[p] * der[r]);
                q++;
            }
        }
    }
    double b1 = sigmaB * ens_normal(seed, stream, (i64) width * blocksPerNeuron, 0, w);
    for (int p = 0; p < pointCount; p++) {
        f[p] = f[p] + b1;
    }
}
