/* Prefix that compiles cosnet.c in single precision (kernel ensemble_cosnet_f32, Java twin CosNetSingle): every
   neuron parameter, phase, cosine and the neuron sum in float (random_f32.h's PortableFloat twins), the field
   written to the kernel's double phi (exactly), so products and moment sums stay float64. The tangent and the
   ball radius's root go through double and are rounded to float (lane by lane in Java too). */
#define ENS_SINGLE 1
#define ENS_REAL float
#define ENSEMBLE_KERNEL ensemble_cosnet_f32
#define ENS_PHASE(w) (pf_signed_unit(w) * PF_PI)
#define ENS_CAUCHY(m, w) ens_cauchy_f32(m, w)
#define ENS_LINE(lambda, w) ((lambda) * pf_signed_unit(w))
#define ENS_RADIUS(lambda, w, dim) ((lambda) * (float) pow((double) pf_open_unit(w), 1.0 / (dim)))
#define ENS_NORMAL(w0, w1, sine) pf_box_muller(w0, w1, sine)
#define ENS_NORMAL_P(w0, w1, sine, p) pf_box_muller_precision(w0, w1, sine, p)
#define ENS_COS(v) pf_cos(v)
#define ENS_MADD(a, b, c) fma(a, b, c)

/* m tan(pi (u - 1/2)) = +-m / tan(pi q) through the folded half unit q (CosNetSingle#cauchy). */
DEVICE float ens_cauchy_f32(float m, u32 w)
{
    float t = (float) (1.0 / tan(3.141592653589793 * (double) pf_half_unit(w)));
    return m * ((w & 0x80000000u) ? t : -t);
}
