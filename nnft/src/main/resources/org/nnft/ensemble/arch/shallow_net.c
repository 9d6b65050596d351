/* Single-hidden-layer network field (docs/physics.md A.1). Java twin: ShallowNetwork#field.
   hyper = {sigma_b, sigma_W / sqrt(d_in), sigma_W / sqrt(N), c_0 .. c_{P-1}} with
   c_p = sigma_b^2 + sigma_W^2 |x_p|^2 / d_in (Gauss-net normalisation).
   Neuron i draws K = ceil((d_in + 1 + d_out) / 4) blocks from block i K on: normals
   0..d_in-1 = W0_i, d_in = b0_i, d_in+1.. = W1_i,k. The output biases b1_k are the normals of the
   run starting at block N K. variant: 0 erf, 1 ReLU, 2 Gauss. Site of point p, output k: p d_out + k.
   The same source serves both precisions: ENS_REAL and the ENS_ macros are the double versions unless a prefix
   (shallow_net_f32.c, Java twin ShallowNetworkSingle) has defined them for float. */
#ifndef ENS_REAL
#define ENS_REAL double
#define ENSEMBLE_KERNEL ensemble_shallow_net
#define ENS_NORMAL_RUN(seed, stream, base, j, w) ens_normal(seed, stream, base, j, w)
#define ENS_ERF(z) ens_erf(z)
#define ENS_EXP(z) exp(z)
#define ENS_RELU(z) fmax(z, 0.0)
#endif

DEVICE void ens_field(GLOBAL const double* points, int pointCount, GLOBAL const double* hyper,
                      int width, int inDim, int outDim, int variant, i64 seed, i64 stream, double* phi) {
    ENS_REAL sigmaB = (ENS_REAL) hyper[0];
    ENS_REAL inScale = (ENS_REAL) hyper[1];
    ENS_REAL outScale = (ENS_REAL) hyper[2];
    int blocksPerNeuron = (inDim + 1 + outDim + 3) / 4;
    u32 w[4];
    ENS_REAL act[ENS_MAX_SITES];
#ifdef ENS_SINGLE
    float acc[ENS_MAX_SITES];
#else
    double* acc = phi;
#endif
    for (int s = 0; s < pointCount * outDim; s++) {
        acc[s] = 0;
    }
    for (int i = 0; i < width; i++) {
        i64 base = (i64) i * blocksPerNeuron;
        for (int p = 0; p < pointCount; p++) {
            act[p] = 0;
        }
        for (int j = 0; j < inDim; j++) {
            ENS_REAL weight = inScale * ENS_NORMAL_RUN(seed, stream, base, j, w);
            for (int p = 0; p < pointCount; p++) {
                act[p] = act[p] + weight * (ENS_REAL) points[p * inDim + j];
            }
        }
        ENS_REAL bias = sigmaB * ENS_NORMAL_RUN(seed, stream, base, inDim, w);
        for (int p = 0; p < pointCount; p++) {
            ENS_REAL z = act[p] + bias;
            if (variant == 0) {
                act[p] = ENS_ERF(z);
            } else if (variant == 1) {
                act[p] = ENS_RELU(z);
            } else {
                act[p] = ENS_EXP(z - (ENS_REAL) hyper[3 + p]);
            }
        }
        for (int k = 0; k < outDim; k++) {
            ENS_REAL weight = outScale * ENS_NORMAL_RUN(seed, stream, base, inDim + 1 + k, w);
            for (int p = 0; p < pointCount; p++) {
                acc[p * outDim + k] = acc[p * outDim + k] + weight * act[p];
            }
        }
    }
    i64 biasBase = (i64) width * blocksPerNeuron;
    for (int k = 0; k < outDim; k++) {
        ENS_REAL b1 = sigmaB * ENS_NORMAL_RUN(seed, stream, biasBase, k, w);
        for (int p = 0; p < pointCount; p++) {
            acc[p * outDim + k] = acc[p * outDim + k] + b1;
        }
    }
#ifdef ENS_SINGLE
    for (int s = 0; s < pointCount * outDim; s++) {
        phi[s] = (double) acc[s];
    }
#endif
}
