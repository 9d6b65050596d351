/* Prefix that compiles shallow_net.c in single precision (kernel ensemble_shallow_net_f32, Java twin
   ShallowNetworkSingle): weights, biases, pre-activations, activations and the neuron sum in float
   (random_f32.h's normals), the field written to the kernel's double phi (exactly). exp is the double exp
   rounded to float. */
#define ENS_SINGLE 1
#define ENS_REAL float
#define ENSEMBLE_KERNEL ensemble_shallow_net_f32
#define ENS_NORMAL_RUN(seed, stream, base, j, w) ens_normal_f32(seed, stream, base, j, w)
#define ENS_ERF(z) ens_erf_f32(z)
#define ENS_EXP(z) ((float) exp((double) (z)))
#define ENS_RELU(z) fmax(z, 0.0f)

/* ens_normal in float (ShallowNetworkSingle#normal): the same block, words and branch. */
DEVICE float ens_normal_f32(i64 seed, i64 stream, i64 base, int j, u32* w)
{
    if ((j & 3) == 0) {
        rs_block(seed, stream, base + (j >> 2), w);
    }
    return pf_box_muller(w[j & 2], w[(j & 2) + 1], j & 1);
}

/* erf in float (ShallowNetworkSingle#erf): the positive series of ens_erf in float, to 1e-8 relative; +-1 from
   |x| = 4.5 on (erfc(4.5) = 2e-10). */
DEVICE float ens_erf_f32(float x)
{
    float ax = fabs(x);
    if (ax >= 4.5f) {
        return x > 0.0f ? 1.0f : -1.0f;
    }
    float x2 = ax * ax;
    float term = ax;
    float sum = ax;
    for (int k = 1; k < 200; k++) {
        term = term * (2.0f * x2) / (2.0f * (float) k + 1.0f);
        sum = sum + term;
        if (term <= 1e-8f * sum) {
            break;
        }
    }
    float r = 1.1283792f * (float) exp((double) -x2) * sum;
    return x < 0.0f ? -r : r;
}
