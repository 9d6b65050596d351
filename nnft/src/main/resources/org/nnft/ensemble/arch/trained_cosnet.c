/* Full-batch gradient descent of every sampled cos-net (docs/ntk.md section 7), appended after cosnet.c and
   portable_trig.c. Java twin: TrainedEnsembleKernel#cosNet. Work item `item` trains the networks
   [(firstBlock + item) B, min(networks, (firstBlock + item + 1) B)) -- at step 0 the networks of ens_field
   in cosnet.c (neuron i = ens_cos_neuron at block 2i, f summed in the same order; the cosine is ntk_cos, so
   f agrees with the sampler's to rounding) -- and, at each recorded step times[s] (increasing), adds the
   products of f over every tuple of test-point sites to out[(item S + s) (T + 1) ..], T tuple sums then the
   network count, S = timeCount: per recorded step exactly the ensemble kernel's layout.
   Training: loss (1/2) sum_a (f(x_a) - y_a)^2 over the trainCount training points, learning rate eta in the
   parameterisation of the cos-net NTK (docs/ntk.md sections 3 and 6): the amplitude v_i = s_i g_i is stepped
   through g_i, the phase c_i and the momentum w_i directly, with u_a = w_i.x_a + c_i, r_a = f(x_a) - y_a,
        v_i <- v_i - eta s_i^2 sum_a r_a cos u_a,
        c_i <- c_i + eta sum_a r_a v_i sin u_a,
        w_i <- w_i + eta sum_a r_a v_i sin u_a x_a,
   all from the residuals of the previous parameters; s_i^2 = scale^2 / (|w_i|^2 + m^2) (ball) or scale^2
   (Cauchy) is fixed at the drawn w_i. The parameters of the network being trained live in params[item P ..],
   P = N (d + 3): neuron i at i (d + 3) as {v_i, c_i, w_i0 .. w_i,d-1, s_i^2}. hyper = {m, Lambda, scale};
   variant 0 ball, 1 Cauchy. */
/* Most test points and training points per run; largest input dimension (TrainedEnsembleKernel). */
#define TRC_MAX_POINTS 64

/* The network's output at xs[0 .. count - 1] (dimension dim), summed as ens_field sums it. */
DEVICE void trc_forward(GLOBAL const double* p, GLOBAL const double* xs, int count, int width, int dim,
                        double* f) {
    int stride = dim + 3;
    for (int a = 0; a < count; a++) {
        f[a] = 0.0;
    }
    for (int i = 0; i < width; i++) {
        GLOBAL const double* nu = p + (i64) i * stride;
        for (int a = 0; a < count; a++) {
            double arg = nu[1];
            for (int k = 0; k < dim; k++) {
                arg = arg + nu[2 + k] * xs[a * dim + k];
            }
            f[a] = f[a] + nu[0] * ntk_cos(arg);
        }
    }
}

KERNEL void trained_cosnet(GLOBAL double* out, GLOBAL double* params, GLOBAL const double* points,
                           GLOBAL const double* train, GLOBAL const double* targets,
                           GLOBAL const int* tuples, GLOBAL const int* times, GLOBAL const double* hyper,
                           int pointCount, int trainCount, int tupleCount, int maxOrder, int timeCount,
                           int width, int inDim, int variant, double eta,
                           i64 seed, i64 firstBlock, int blockSize, i64 networks, int workItems) {
    i64 item = GID;
    if (item >= workItems) return;
    int stride = inDim + 3;
    GLOBAL double* p = params + item * ((i64) width * stride);
    GLOBAL double* sums = out + item * (i64) timeCount * (tupleCount + 1);
    for (int t = 0; t < timeCount * (tupleCount + 1); t++) {
        sums[t] = 0.0;
    }
    double drawn[ENS_NEURON_SIZE];
    double phi[TRC_MAX_POINTS];
    double r[TRC_MAX_POINTS];
    i64 first = (firstBlock + item) * (i64) blockSize;
    i64 last = first + blockSize;
    if (last > networks) last = networks;
    for (i64 net = first; net < last; net++) {
        i64 stream = ENS_STREAM_TAG | net;
        for (int i = 0; i < width; i++) {
            GLOBAL double* nu = p + (i64) i * stride;
            ens_cos_neuron(seed, stream, (i64) i * 2, hyper, inDim, variant, drawn);
            double s2 = ens_cos_amplitude_variance(hyper, inDim, variant, drawn);
            for (int k = 0; k < inDim + 2; k++) {
                nu[k] = drawn[k];
            }
            nu[inDim + 2] = s2;
        }
        int step = 0;
        for (int s = 0; s < timeCount; s++) {
            for (; step < times[s]; step++) {
                trc_forward(p, train, trainCount, width, inDim, r);
                for (int a = 0; a < trainCount; a++) {
                    r[a] = r[a] - targets[a];
                }
                for (int i = 0; i < width; i++) {
                    GLOBAL double* nu = p + (i64) i * stride;
                    double gAmp = 0.0;
                    double gPhase = 0.0;
                    double gMom[4];
                    for (int k = 0; k < inDim; k++) {
                        gMom[k] = 0.0;
                    }
                    for (int a = 0; a < trainCount; a++) {
                        double arg = nu[1];
                        for (int k = 0; k < inDim; k++) {
                            arg = arg + nu[2 + k] * train[a * inDim + k];
                        }
                        gAmp = gAmp + r[a] * ntk_cos(arg);
                        double back = r[a] * nu[0] * ntk_sin(arg);
                        gPhase = gPhase + back;
                        for (int k = 0; k < inDim; k++) {
                            gMom[k] = gMom[k] + back * train[a * inDim + k];
                        }
                    }
                    nu[0] = nu[0] - eta * nu[inDim + 2] * gAmp;
                    nu[1] = nu[1] + eta * gPhase;
                    for (int k = 0; k < inDim; k++) {
                        nu[2 + k] = nu[2 + k] + eta * gMom[k];
                    }
                }
            }
            trc_forward(p, points, pointCount, width, inDim, phi);
            ens_add_tuples(sums + s * (tupleCount + 1), tuples, tupleCount, maxOrder, phi);
        }
    }
}
