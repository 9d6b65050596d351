/* Block Gibbs sweeps of RBM chains, one work item per chain; line-by-line twin of RbmGibbsKernel (Java), the
   continuous draw of QuarticDensity.sample. */
DEVICE double rbm_logistic(double x) {
    return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
}

DEVICE double rbm_quartic_sample(double c, double q, double j, double old, i64 seed, i64 stream, i64 block,
                                 int tries) {
    u32 w[4];
    double qp = fmax(q, sqrt(c));
    double mean = j / (2.0 * qp);
    double sigma = sqrt(1.0 / (2.0 * qp));
    double dq = q - qp;
    double gmin = dq < 0 ? -dq * dq / (4.0 * c) : 0.0;
    for (int t = 0; t < tries; t++) {
        rs_block(seed, stream, block * tries + t, w);
        double x = mean + sigma * rs_box_muller(w[0], w[1], 0);
        double x2 = x * x;
        double g = c * x2 * x2 + dq * x2;
        if (rs_uniform_double(w[2], w[3]) < exp(-(g - gmin))) {
            return x;
        }
    }
    return old;
}

DEVICE void rbm_half(GLOBAL const double* w, int stride_in, int stride_out, GLOBAL const double* in, i64 in_off,
                     int n_in, GLOBAL const double* bias, GLOBAL const double* quadratic,
                     GLOBAL const double* quartic, int bernoulli, GLOBAL double* out, i64 out_off, int n_out,
                     i64 seed, i64 stream, int tries) {
    for (int o = 0; o < n_out; o++) {
        double j = -bias[o];
        for (int k = 0; k < n_in; k++) {
            j += w[(i64) k * stride_in + (i64) o * stride_out] * in[in_off + k];
        }
        out[out_off + o] = bernoulli
                ? (rs_uniform_double_at(seed, stream, o) < rbm_logistic(j) ? 1.0 : 0.0)
                : rbm_quartic_sample(quartic[o], quadratic[o], j, out[out_off + o], seed, stream, o, tries);
    }
}

KERNEL void rbm_gibbs(GLOBAL double* phi, GLOBAL double* h, GLOBAL const double* w, GLOBAL const double* r,
                      GLOBAL const double* a, GLOBAL const double* b, GLOBAL const double* s,
                      GLOBAL const double* m, GLOBAL const double* n, int chains, int nv, int nh,
                      int visBernoulli, int hidBernoulli, int tries, i64 seed, i64 sweep, int sweeps) {
    i64 gid = GID;
    if (gid >= chains) return;
    int c = (int) gid;
    for (int t = 0; t < sweeps; t++) {
        i64 stream = 2 * (sweep + t);
        rbm_half(w, nh, 1, phi, (i64) c * nv, nv, s, m, n, hidBernoulli, h, (i64) c * nh, nh, seed + c, stream,
                 tries);
        rbm_half(w, 1, nh, h, (i64) c * nh, nh, r, a, b, visBernoulli, phi, (i64) c * nv, nv, seed + c,
                 stream + 1, tries);
    }
}
