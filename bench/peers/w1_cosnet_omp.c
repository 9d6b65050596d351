/*
 * OpenMP C peer of benchmark W1 (same work as w1_cosnet_numpy.py): d = 1 cos-net in the ball of radius
 * Lambda = 10, m = 1, sigma_a = 1, N neurons, 6 points, the moments of orders 1 to 4 over every sorted index
 * tuple (6 + 21 + 56 + 126 = 209), accumulated per network in double.
 *
 * Field type: float, or double when compiled with -DNNFT_DOUBLE. Per network and neuron pair, a counter-based
 * 32-bit hash (lowbias32 of the seed, network and neuron) gives the uniforms: w and c uniform in the ball and
 * (-pi, pi), the amplitudes a normal by Box-Muller (both normals of a pair used).
 * With -DNNFT_PHILOX the random numbers are nnft's instead (the d = 1 cos-net of arch/cosnet.c): neuron i of
 * network n is Philox4x32-10 block 2i of stream n under the seed (counter {2i, 0, n lo, n hi}, key {seed, 0}),
 * words 0 and 1 the amplitude's Box-Muller cosine branch with precision w^2 + m^2 (one square root), word 2 the
 * phase c and word 3 the momentum w; so it does nnft's per-neuron random work, with Philox over arrays of
 * neurons in 64-bit multiplies that gcc vectorises. `w1_cosnet_omp kat C0 C1 C2 C3 K0 K1` (hex words) prints
 * that block's four words in hex, for the known-answer test. Built by `nnft bench` with
 * gcc -O3 -march=native -ffast-math -fopenmp, so that the neuron loops vectorise (cosf, logf, sincosf from
 * libmvec). Prints one JSON line like the Python peers:
 * {"networks", "neurons", "points", "seconds", "neuron_evals_per_s", "peak_rss_mb", "g2_00", "device"}.
 * Usage: w1_cosnet_omp [networks] [neurons]
 */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef NNFT_DOUBLE
typedef double real;
#define COS cos
#define LOG log
#define SQRT sqrt
#define DTYPE "float64"
#else
typedef float real;
#define COS cosf
#define LOG logf
#define SQRT sqrtf
#define DTYPE "float32"
#endif

#ifdef NNFT_PHILOX
#define RNG "Philox4x32-10"
#else
#define RNG "lowbias32 hash"
#endif

#define POINTS 6
#define TUPLES 209
#define MAX_NEURONS 65536

static inline uint32_t mix32(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

#define PHILOX_M0 0xD2511F53U
#define PHILOX_M1 0xCD9E8D57U
#define PHILOX_W0 0x9E3779B9U
#define PHILOX_W1 0xBB67AE85U

/* One Philox4x32-10 round on the counter (c0, c1, c2, c3) with round key (k0, k1). */
#define PHILOX_ROUND(k0, k1)                                                   \
    do {                                                                       \
        uint64_t p0 = (uint64_t) PHILOX_M0 * c0;                               \
        uint64_t p1 = (uint64_t) PHILOX_M1 * c2;                               \
        c0 = (uint32_t) (p1 >> 32) ^ c1 ^ (k0);                                \
        c1 = (uint32_t) p1;                                                    \
        c2 = (uint32_t) (p0 >> 32) ^ c3 ^ (k1);                                \
        c3 = (uint32_t) p0;                                                    \
    } while (0)

/* Philox4x32-10 (Salmon et al. 2011; nnft's Philox4x32): the counter (c0, c1, c2, c3), uint32_t variables,
   becomes its block under key (k0, k1). A macro on scalars, rounds written out, so that a loop over counters
   vectorises (an array or an inner loop stops gcc). */
#define PHILOX4X32_10(k0, k1)                                                  \
    do {                                                                       \
        PHILOX_ROUND(k0, k1);                                                  \
        PHILOX_ROUND((k0) + PHILOX_W0, (k1) + PHILOX_W1);                      \
        PHILOX_ROUND((k0) + 2 * PHILOX_W0, (k1) + 2 * PHILOX_W1);              \
        PHILOX_ROUND((k0) + 3 * PHILOX_W0, (k1) + 3 * PHILOX_W1);              \
        PHILOX_ROUND((k0) + 4 * PHILOX_W0, (k1) + 4 * PHILOX_W1);              \
        PHILOX_ROUND((k0) + 5 * PHILOX_W0, (k1) + 5 * PHILOX_W1);              \
        PHILOX_ROUND((k0) + 6 * PHILOX_W0, (k1) + 6 * PHILOX_W1);              \
        PHILOX_ROUND((k0) + 7 * PHILOX_W0, (k1) + 7 * PHILOX_W1);              \
        PHILOX_ROUND((k0) + 8 * PHILOX_W0, (k1) + 8 * PHILOX_W1);              \
        PHILOX_ROUND((k0) + 9 * PHILOX_W0, (k1) + 9 * PHILOX_W1);              \
    } while (0)

/* A uniform in (0, 1]: never 0, so that log is finite. */
static inline real uniform(uint32_t h) {
    return ((real) (h >> 8) + (real) 1) * (real) (1.0 / 16777216.0);
}

/* Peak resident set of this process in MB (VmHWM: getrusage's ru_maxrss keeps the parent's across exec). */
static double peak_rss_mb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kb = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "VmHWM: %lf", &kb) == 1) {
            break;
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kb / 1024.0;
}

static const real X[POINTS] = {0.0, 0.2, 0.5, 1.0, 1.5, 2.0};

#ifdef NNFT_PHILOX
/* The field of network `net` at the 6 points, nnft's draws: neuron j is Philox block 2j of stream net. */
static void field(uint32_t seed, long net, int neurons, real *amp, real *w, real *c, double *phi) {
    const real cutoff = 10, mass = 1, sigma = 1, two_pi = (real) 6.283185307179586;
    const real norm = SQRT(2 * (2 * cutoff) / (sigma * sigma * two_pi)) * sigma / SQRT((real) neurons);
    const uint32_t s0 = (uint32_t) net, s1 = (uint32_t) ((uint64_t) net >> 32);
#pragma omp simd
    for (int j = 0; j < neurons; j++) {
        uint32_t c0 = 2U * (uint32_t) j, c1 = 0, c2 = s0, c3 = s1;
        PHILOX4X32_10(seed, 0U);
        real wj = cutoff * (2 * uniform(c3) - 1);
        w[j] = wj;
        c[j] = two_pi * (uniform(c2) - (real) 0.5);
        amp[j] = norm * SQRT(-2 * LOG(uniform(c0)) / (wj * wj + mass * mass)) * COS(two_pi * uniform(c1));
    }
    for (int p = 0; p < POINTS; p++) {
        real s = 0;
        const real xp = X[p];
#pragma omp simd reduction(+:s)
        for (int j = 0; j < neurons; j++) {
            s += amp[j] * COS(w[j] * xp + c[j]);
        }
        phi[p] = s;
    }
}
#else
/* The field of network `net` at the 6 points. */
static void field(uint32_t seed, long net, int neurons, real *amp, real *w, real *c, double *phi) {
    const real cutoff = 10, mass = 1, sigma = 1, two_pi = (real) 6.283185307179586;
    const real norm = SQRT(2 * (2 * cutoff) / (sigma * sigma * two_pi)) * sigma / SQRT((real) neurons);
    const uint32_t key = mix32(seed ^ mix32((uint32_t) net ^ (uint32_t) (net >> 32) * 0x9e3779b9U));
    const int half = neurons / 2;
#pragma omp simd
    for (int j = 0; j < half; j++) {
        uint32_t base = key + (uint32_t) j * 0x9e3779b9U * 6U;
        real r = SQRT(-2 * LOG(uniform(mix32(base))));
        real theta = two_pi * uniform(mix32(base + 0x9e3779b9U));
        real w1 = cutoff * (2 * uniform(mix32(base + 2 * 0x9e3779b9U)) - 1);
        real w2 = cutoff * (2 * uniform(mix32(base + 3 * 0x9e3779b9U)) - 1);
        c[j] = two_pi * (uniform(mix32(base + 4 * 0x9e3779b9U)) - (real) 0.5);
        c[j + half] = two_pi * (uniform(mix32(base + 5 * 0x9e3779b9U)) - (real) 0.5);
        w[j] = w1;
        w[j + half] = w2;
        amp[j] = norm * r * COS(theta) / SQRT(w1 * w1 + mass * mass);
        amp[j + half] = norm * r * COS(theta - (real) 1.5707963267948966) / SQRT(w2 * w2 + mass * mass);
    }
    for (int p = 0; p < POINTS; p++) {
        real s = 0;
        const real x = X[p];
#pragma omp simd reduction(+:s)
        for (int j = 0; j < 2 * half; j++) {
            s += amp[j] * COS(w[j] * x + c[j]);
        }
        phi[p] = s;
    }
}
#endif

/* Adds the network's 209 tuple products (orders 1 to 4, sorted tuples, order by order) to sums. */
static void moments(const double *phi, double *sums) {
    int t = 0;
    for (int i = 0; i < POINTS; i++) {
        sums[t++] += phi[i];
    }
    for (int i = 0; i < POINTS; i++) {
        for (int j = i; j < POINTS; j++) {
            sums[t++] += phi[i] * phi[j];
        }
    }
    for (int i = 0; i < POINTS; i++) {
        for (int j = i; j < POINTS; j++) {
            for (int k = j; k < POINTS; k++) {
                sums[t++] += phi[i] * phi[j] * phi[k];
            }
        }
    }
    for (int i = 0; i < POINTS; i++) {
        for (int j = i; j < POINTS; j++) {
            for (int k = j; k < POINTS; k++) {
                double ijk = phi[i] * phi[j] * phi[k];
                for (int l = k; l < POINTS; l++) {
                    sums[t++] += ijk * phi[l];
                }
            }
        }
    }
}

static void run(long networks, int neurons, uint32_t seed, double *sums) {
    for (int t = 0; t < TUPLES; t++) {
        sums[t] = 0;
    }
#pragma omp parallel
    {
        real amp[MAX_NEURONS], w[MAX_NEURONS], c[MAX_NEURONS];
        double local[TUPLES] = {0};
        double phi[POINTS];
#pragma omp for schedule(static)
        for (long n = 0; n < networks; n++) {
            field(seed, n, neurons, amp, w, c, phi);
            moments(phi, local);
        }
#pragma omp critical
        for (int t = 0; t < TUPLES; t++) {
            sums[t] += local[t];
        }
    }
}

int main(int argc, char **argv) {
    if (argc == 8 && strcmp(argv[1], "kat") == 0) {
        uint32_t c0 = (uint32_t) strtoul(argv[2], NULL, 16), c1 = (uint32_t) strtoul(argv[3], NULL, 16);
        uint32_t c2 = (uint32_t) strtoul(argv[4], NULL, 16), c3 = (uint32_t) strtoul(argv[5], NULL, 16);
        PHILOX4X32_10((uint32_t) strtoul(argv[6], NULL, 16), (uint32_t) strtoul(argv[7], NULL, 16));
        printf("%08x %08x %08x %08x\n", c0, c1, c2, c3);
        return 0;
    }
    long networks = argc > 1 ? atol(argv[1]) : 100000;
    int neurons = argc > 2 ? atoi(argv[2]) : 1000;
    if (networks < 1 || neurons < 2 || neurons % 2 != 0 || neurons > MAX_NEURONS) {
        fprintf(stderr, "usage: w1_cosnet_omp [networks >= 1] [even neurons in 2..%d]\n", MAX_NEURONS);
        return 2;
    }
    double sums[TUPLES];
    run(networks < 2000 ? networks : 2000, neurons, 2, sums);    /* warm-up: threads, pages */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run(networks, neurons, 1, sums);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    /* sums[6] is the 2-pt sum at (x0, x0): the first order-2 tuple */
    printf("{\"networks\": %ld, \"neurons\": %d, \"points\": %d, \"seconds\": %.6f, \"neuron_evals_per_s\": %.6e, "
           "\"peak_rss_mb\": %.1f, \"g2_00\": %.6f, \"device\": \"gcc OpenMP %d threads, %s, %s\"}\n",
           networks, neurons, POINTS, secs, networks * (double) neurons * POINTS / secs, peak_rss_mb(),
           sums[POINTS] / networks, omp_get_max_threads(), DTYPE, RNG);
    return 0;
}
