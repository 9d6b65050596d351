/*
 * nnft float32 variates: twins of org.nnft.engine.random.PortableFloat (same constants, same operation order, fma
 * where the Java calls Math.fma). Needs random.h and the dialect prelude; kernels that compute in single precision
 * prepend it (KernelSource.assemble with PortableFloat as the anchor). Float division and sqrt are correctly rounded
 * in Java and CUDA, within 2.5 and 3 ulp in OpenCL, so results agree to a few float ulps across backends.
 */

#define PF_LN2_HI 6.9313812256e-01f
#define PF_LN2_LO 9.0580006145e-06f
#define PF_SQRT2 1.4142135f
#define PF_TWO_PI 6.2831855f
#define PF_PI 3.1415927f
#define PF_PI_LO (-8.742278e-8f)
#define PF_ONE_OVER_PI 0.31830987f
#define PF_ROUNDER 12582912.0f
#define PF_REDUCED_RANGE 1048576.0f

/* PortableFloat.pairHorner6 of 7 coefficients, with fused multiply-adds. */
DEVICE float pf_pair_horner6(float z, float c0, float c1, float c2, float c3, float c4, float c5, float c6)
{
    float z2 = z * z;
    float p = c6;
    p = fma(p, z2, fma(c5, z, c4));
    p = fma(p, z2, fma(c3, z, c2));
    p = fma(p, z2, fma(c1, z, c0));
    return p;
}

/* PortableFloat.halfUnit: q = (float(k) + 1/2) 2^-32, k = w or ~w (below 2^31). */
DEVICE float pf_half_unit(u32 w)
{
    u32 k = (w & 0x80000000u) ? ~w : w;
    return ((float) (i32) k + 0.5f) * (1.0f / 4294967296.0f);
}

/* PortableFloat.openUnit. */
DEVICE float pf_open_unit(u32 w)
{
    float q = pf_half_unit(w);
    return (w & 0x80000000u) ? 1.0f - q : q;
}

/* PortableFloat.signedUnit: 2u - 1 as +-(1 - 2q). */
DEVICE float pf_signed_unit(u32 w)
{
    float t = 1.0f - 2.0f * pf_half_unit(w);
    return (w & 0x80000000u) ? t : -t;
}

/* PortableFloat.logOpenUnit: log u of word w's open unit. */
DEVICE float pf_log_open_unit(u32 w)
{
    float q = pf_half_unit(w);
    float s;
    float e;
    if (!(w & 0x80000000u)) {
        u32 bits = AS_UINT(q);
        float m = AS_FLOAT((bits & 0x007FFFFFu) | 0x3F800000u);
        e = (float) ((i32) ((bits >> 23) & 0xFFu) - 127);
        if (m > PF_SQRT2) {
            m = m * 0.5f;
            e = e + 1.0f;
        }
        s = (m - 1.0f) / (m + 1.0f);
    } else {
        s = -q / (2.0f - q);
        e = 0.0f;
    }
    float p = pf_pair_horner6(s * s, 1.0f, 1.0f / 3, 1.0f / 5, 1.0f / 7, 1.0f / 9, 1.0f / 11, 1.0f / 13);
    return e * PF_LN2_HI + (e * PF_LN2_LO + 2.0f * s * p);
}

/* PortableFloat.cos2pi: cos 2 pi t for t in [-1/4, 1/2]. */
DEVICE float pf_cos2pi(float t)
{
    float sh = 2.0f * t + PF_ROUNDER;
    float n = sh - PF_ROUNDER;
    float x = (t - n * 0.5f) * PF_TWO_PI;
    float c = pf_pair_horner6(x * x, 1.0f, -1.0f / 2, 1.0f / 24, -1.0f / 720, 1.0f / 40320, -1.0f / 3628800,
                              1.0f / 479001600);
    return (AS_UINT(sh) & 1u) == 0u ? c : -c;
}

/* PortableFloat.boxMuller: the cosine (sine == 0) or sine branch, variance 1 / precision. */
DEVICE float pf_box_muller_precision(u32 w0, u32 w1, int sine, float precision)
{
    float r = sqrt(-2.0f * pf_log_open_unit(w0) / precision);
    float q = pf_half_unit(w1);
    float c;
    if (sine) {
        c = pf_cos2pi(q - 0.25f);
        c = (w1 & 0x80000000u) ? -c : c;
    } else {
        c = pf_cos2pi(q);
    }
    return r * c;
}

DEVICE float pf_box_muller(u32 w0, u32 w1, int sine)
{
    return pf_box_muller_precision(w0, w1, sine, 1.0f);
}

/* PortableFloat.cos: cos v, reduced in float up to PF_REDUCED_RANGE, the double cos rounded beyond. */
DEVICE float pf_cos(float v)
{
    if (!(fabs(v) <= PF_REDUCED_RANGE)) {
        return (float) cos((double) v);
    }
    float sh = fma(v, PF_ONE_OVER_PI, PF_ROUNDER);
    float n = sh - PF_ROUNDER;
    float r = fma(n, -PF_PI_LO, fma(n, -PF_PI, v));
    float c = pf_pair_horner6(r * r, 1.0f, -1.0f / 2, 1.0f / 24, -1.0f / 720, 1.0f / 40320, -1.0f / 3628800,
                              1.0f / 479001600);
    return (AS_UINT(sh) & 1u) == 0u ? c : -c;
}
