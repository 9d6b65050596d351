/* Single-hidden-layer network field (docs/physics.md A.1). Java twin: ShallowNetwork#field.
   hyper = {sigma_b, sigma_W / sqrt(d_in), sigma_W / sqrt(N), c_0 .. c_{P-1}} with
   c_p = sigma_b^2 + sigma_W^2 |x_p|^2 / d_in (Gauss-net normalisation).
   Neuron i draws K = ceil((d_in + 1 + d_out) / 4) blocks from block i K on: normals
   0..d_in-1 = W0_i, d_in = b0_i, d_in+1.. = W1_i,k. The output biases b1_k are the normals of the
   run starting at block N K. variant: 0 erf, 1 ReLU, 2 Gauss. Site of point p, output k: p d_out + k. */
#define ENSEMBLE_KERNEL ensemble_shallow_net

DEVICE void ens_field(GLOBAL const double* points, int pointCount, GLOBAL const double* hyper,
                      int width, int inDim, int outDim, int variant, i64 seed, i64 stream, double* phi) {
    double sigmaB = hyper[0];
    double inScale = hyper[1];
    double outScale = hyper[2];
    int blocksPerNeuron = (inDim + 1 + outDim + 3) / 4;
    u32 w[4];
    double act[ENS_MAX_SITES];
    for (int s = 0; s < pointCount * outDim; s++) {
        phi[s] = 0.0;
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
            } else if (variant == 1) {
                act[p] = fmax(z, 0.0);
            } else {
                act[p] = exp(z - hyper[3 + p]);
            }
        }
        for (int k = 0; k < outDim; k++) {
            double weight = outScale * ens_normal(seed, stream, base, inDim + 1 + k, w);
            for (int p = 0; p < pointCount; p++) {
                phi[p * outDim + k] = phi[p * outDim + k] + weight * act[p];
            }
        }
    }
    i64 biasBase = (i64) width * blocksPerNeuron;
    for (int k = 0; k < outDim; k++) {
        double b1 = sigmaB * ens_normal(seed, stream, biasBase, k, w);
        for (int p = 0; p < pointCount; p++) {
            phi[p * outDim + k] = phi[p * outDim + k] + b1;
        }
    }
}
