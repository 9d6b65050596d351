/* Entry point of the fused empirical-NTK kernels (appended after an architecture's ntk_network).
   Java twin: EmpiricalNtkKernel#run. Work item `item` evaluates the networks
   [(firstBlock + item) B, min(networks, (firstBlock + item + 1) B)) -- the networks of the ensemble
   sampler with the same seed and indices -- and adds to its slice out[item S .. item S + S - 1],
   S = P + 4 Q + 1 (Q = P (P + 1) / 2 pairs p <= r in row order): the field sums f(x_p), then per
   pair q the sums of Theta_standard, Theta_standard^2, Theta_ntk, Theta_ntk^2, then the count.
   Theta of parameterisation k (0 standard, 1 NTK) is
   coeff[2k] a[q] + coeff[4 + k Q + q] b[q] + coeff[2k + 1] (docs/ntk.md section 6). */
#define NTK_MAX_PAIRS (NTK_MAX_POINTS * (NTK_MAX_POINTS + 1) / 2)

KERNEL void NTK_KERNEL(GLOBAL double* out, GLOBAL const double* points, GLOBAL const double* hyper,
                       GLOBAL const double* coeff, int pointCount, int width, int inDim, int variant,
                       i64 seed, i64 firstBlock, int blockSize, i64 networks, int workItems) {
    i64 item = GID;
    if (item >= workItems) return;
    int pairs = pointCount * (pointCount + 1) / 2;
    int stride = pointCount + 4 * pairs + 1;
    GLOBAL double* sums = out + item * (i64) stride;
    for (int t = 0; t < stride; t++) {
        sums[t] = 0.0;
    }
    double f[NTK_MAX_POINTS];
    double a[NTK_MAX_PAIRS];
    double b[NTK_MAX_PAIRS];
    i64 first = (firstBlock + item) * (i64) blockSize;
    i64 last = first + blockSize;
    if (last > networks) last = networks;
    for (i64 net = first; net < last; net++) {
        ntk_network(points, pointCount, hyper, width, inDim, variant, seed, ENS_STREAM_TAG | net, f, a, b);
        for (int p = 0; p < pointCount; p++) {
            sums[p] = sums[p] + f[p];
        }
        for (int q = 0; q < pairs; q++) {
            GLOBAL double* s = sums + pointCount + 4 * q;
            double standard = coeff[0] * a[q] + coeff[4 + q] * b[q] + coeff[1];
            double ntk = coeff[2] * a[q] + coeff[4 + pairs + q] * b[q] + coeff[3];
            s[0] = s[0] + standard;
            s[1] = s[1] + standard * standard;
            s[2] = s[2] + ntk;
            s[3] = s[3] + ntk * ntk;
        }
        sums[stride - 1] = sums[stride - 1] + 1.0;
    }
}
