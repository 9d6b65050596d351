/* Shared helpers of the fused ensemble kernels (prepended to every architecture's source).
   Java twins: EnsembleStreams, PortableErf, FieldScratch#normal. Keep line-by-line in step. */

/* Stream of network n: ENS_STREAM_TAG | n (EnsembleStreams.STREAM_TAG). */
#define ENS_STREAM_TAG (((i64) 0x454E) << 48)
/* Most field sites (points x output components) one kernel evaluates. */
#define ENS_MAX_SITES 64
#define ENS_PI 3.141592653589793
#define ENS_TWO_OVER_SQRT_PI 1.1283791670955126

/* Normal number j of the run of normals that starts at block `base`: block base + j/4, word pair
   (j & 2), Box-Muller branch (j & 1). The block words are refreshed in w when j % 4 == 0, so
   callers draw j = 0, 1, 2, ... in order. */
DEVICE double ens_normal(i64 seed, i64 stream, i64 base, int j, u32* w) {
    if ((j & 3) == 0) {
        rs_block(seed, stream, base + (j >> 2), w);
    }
    return rs_box_muller(w[j & 2], w[(j & 2) + 1], j & 1);
}

/* erf(x) by the positive series erf(x) = 2/sqrt(pi) exp(-x^2) sum_k (2x^2)^k x / (1*3*...*(2k+1)),
   relative error ~1e-15 for |x| < 6; +-1 beyond (erfc(6) = 2e-17). */
DEVICE double ens_erf(double x) {
    double ax = fabs(x);
    if (ax >= 6.0) {
        return x > 0.0 ? 1.0 : -1.0;
    }
    double x2 = ax * ax;
    double term = ax;
    double sum = ax;
    for (int k = 1; k < 400; k++) {
        term = term * (2.0 * x2) / (2.0 * k + 1.0);
        sum = sum + term;
        if (term <= 1e-17 * sum) {
            break;
        }
    }
    double r = ENS_TWO_OVER_SQRT_PI * exp(-x2) * sum;
    return x < 0.0 ? -r : r;
}

/* Adds every tuple's product of phi over its sites to slice[t] and 1 to slice[tupleCount] (the network count);
   tuple t lists its sites tuples[t * maxOrder + j], padded with -1. Java twin: EnsembleKernel#addTuples. */
DEVICE void ens_add_tuples(GLOBAL double* slice, GLOBAL const int* tuples, int tupleCount, int maxOrder,
                           const double* phi) {
    for (int t = 0; t < tupleCount; t++) {
        GLOBAL const int* tuple = tuples + t * maxOrder;
        double product = phi[tuple[0]];
        for (int j = 1; j < maxOrder && tuple[j] >= 0; j++) {
            product = product * phi[tuple[j]];
        }
        slice[t] = slice[t] + product;
    }
    slice[tupleCount] = slice[tupleCount] + 1.0;
}
