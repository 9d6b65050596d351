/* Full-batch gradient descent of every sampled scalar single-hidden-layer network (docs/ntk.md section 7).
   Java twin: TrainedEnsembleKernel#run. Work item `item` trains the networks
   [(firstBlock + item) B, min(networks, (firstBlock + item + 1) B)) -- at step 0 exactly the networks of
   ens_field in shallow_net.c (d_out = 1: same normals, same arithmetic for f) -- and, at each recorded step
   times[s] (increasing), adds the products of f over every tuple of test-point sites to
   out[(item S + s) (T + 1) ..], T tuple sums then the network count, S = timeCount: per recorded step
   exactly the ensemble kernel's layout.
   Training: loss (1/2) sum_a (f(x_a) - y_a)^2 over the trainCount training points, gradient descent with
   learning rate eta in the NTK parameterisation, i.e. on the weights themselves with the step
   eta s^2 dL/dw, s = sigma_W/sqrt(d) (W0), sigma_b (b0, b1), sigma_W/sqrt(N) (W1): all parameters step
   together from the residuals of the previous parameters. The parameters of the network being trained
   live in params[item P ..], P = N (d + 2) + 1: neuron i at i (d + 2) as {W0_i0 .. W0_i,d-1, b0_i, W1_i},
   b1 last. hyper = {sigma_b, sigma_W / sqrt(d), sigma_W / sqrt(N), c_0 .. c_{P-1}, c_P .. c_{P+n-1}}, c the
   pre-activation variance at the P test points then the n training points (read by the Gauss net only);
   variant 0 erf, 1 ReLU, 2 Gauss (act = exp(z - c), its own derivative). */
/* Most test points and training points per run; largest input dimension (TrainedEnsembleKernel). */
#define TRN_MAX_POINTS 64
#define TRN_MAX_DIM 16

/* act (derivative 0) or act' (derivative 1) of the pre-activation z at a point of pre-activation variance c. */
DEVICE double trn_act(double z, double c, int variant, int derivative) {
    if (variant == 0) {
        return derivative ? ENS_TWO_OVER_SQRT_PI * exp(-(z * z)) : ens_erf(z);
    }
    if (variant == 2) {
        return exp(z - c);
    }
    if (derivative) {
        return z > 0.0 ? 1.0 : 0.0;
    }
    return fmax(z, 0.0);
}

/* The network's output at xs[0 .. count - 1] (dimension inDim, pre-activation variances c), summed as ens_field
   sums it. */
DEVICE void trn_forward(GLOBAL const double* p, GLOBAL const double* xs, GLOBAL const double* c, int count,
                        int width, int inDim, int variant, double* f) {
    int stride = inDim + 2;
    for (int a = 0; a < count; a++) {
        f[a] = 0.0;
    }
    for (int i = 0; i < width; i++) {
        GLOBAL const double* nu = p + (i64) i * stride;
        for (int a = 0; a < count; a++) {
            double z = 0.0;
            for (int j = 0; j < inDim; j++) {
                z = z + nu[j] * xs[a * inDim + j];
            }
            z = z + nu[inDim];
            f[a] = f[a] + nu[inDim + 1] * trn_act(z, c[a], variant, 0);
        }
    }
    double b1 = p[(i64) width * stride];
    for (int a = 0; a < count; a++) {
        f[a] = f[a] + b1;
    }
}

KERNEL void trained_shallow_net(GLOBAL double* out, GLOBAL double* params, GLOBAL const double* points,
                                GLOBAL const double* train, GLOBAL const double* targets,
                                GLOBAL const int* tuples, GLOBAL const int* times, GLOBAL const double* hyper,
                                int pointCount, int trainCount, int tupleCount, int maxOrder, int timeCount,
                                int width, int inDim, int variant, double eta,
                                i64 seed, i64 firstBlock, int blockSize, i64 networks, int workItems) {
    i64 item = GID;
    if (item >= workItems) return;
    int stride = inDim + 2;
    GLOBAL double* p = params + item * ((i64) width * stride + 1);
    GLOBAL double* sums = out + item * (i64) timeCount * (tupleCount + 1);
    for (int t = 0; t < timeCount * (tupleCount + 1); t++) {
        sums[t] = 0.0;
    }
    double sigmaB = hyper[0];
    double inScale = hyper[1];
    double outScale = hyper[2];
    double etaIn = eta * inScale * inScale;
    double etaBias = eta * sigmaB * sigmaB;
    double etaOut = eta * outScale * outScale;
    int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
    u32 w[4];
    double phi[TRN_MAX_POINTS];
    double r[TRN_MAX_POINTS];
    i64 first = (firstBlock + item) * (i64) blockSize;
    i64 last = first + blockSize;
    if (last > networks) last = networks;
    for (i64 net = first; net < last; net++) {
        i64 stream = ENS_STREAM_TAG | net;
        for (int i = 0; i < width; i++) {
            i64 base = (i64) i * blocksPerNeuron;
            for (int j = 0; j < inDim; j++) {
                p[(i64) i * stride + j] = inScale * ens_normal(seed, stream, base, j, w);
            }
            p[(i64) i * stride + inDim] = sigmaB * ens_normal(seed, stream, base, inDim, w);
            p[(i64) i * stride + inDim + 1] = outScale * ens_normal(seed, stream, base, inDim + 1, w);
        }
        p[(i64) width * stride] = sigmaB * ens_normal(seed, stream, (i64) width * blocksPerNeuron, 0, w);
        int step = 0;
        for (int s = 0; s < timeCount; s++) {
            for (; step < times[s]; step++) {
                trn_forward(p, train, hyper + 3 + pointCount, trainCount, width, inDim, variant, r);
                double rsum = 0.0;
                for (int a = 0; a < trainCount; a++) {
                    r[a] = r[a] - targets[a];
                    rsum = rsum + r[a];
                }
                for (int i = 0; i < width; i++) {
                    GLOBAL double* nu = p + (i64) i * stride;
                    double gOut = 0.0;
                    double gBias = 0.0;
                    double gIn[TRN_MAX_DIM];
                    for (int j = 0; j < inDim; j++) {
                        gIn[j] = 0.0;
                    }
                    for (int a = 0; a < trainCount; a++) {
                        double z = 0.0;
                        for (int j = 0; j < inDim; j++) {
                            z = z + nu[j] * train[a * inDim + j];
                        }
                        z = z + nu[inDim];
                        double c = hyper[3 + pointCount + a];
                        gOut = gOut + r[a] * trn_act(z, c, variant, 0);
                        double back = r[a] * nu[inDim + 1] * trn_act(z, c, variant, 1);
                        gBias = gBias + back;
                        for (int j = 0; j < inDim; j++) {
                            gIn[j] = gIn[j] + back * train[a * inDim + j];
                        }
                    }
                    for (int j = 0; j < inDim; j++) {
                        nu[j] = nu[j] - etaIn * gIn[j];
                    }
                    nu[inDim] = nu[inDim] - etaBias * gBias;
                    nu[inDim + 1] = nu[inDim + 1] - etaOut * gOut;
                }
                p[(i64) width * stride] = p[(i64) width * stride] - etaBias * rsum;
            }
            trn_forward(p, points, hyper + 3, pointCount, width, inDim, variant, phi);
            ens_add_tuples(sums + s * (tupleCount + 1), tuples, tupleCount, maxOrder, phi);
        }
    }
}
