/* Portable cos and sin (Java twin: PortableTrig, docs/ntk.md section 6): r = v - n pi by fused multiply-adds with pi
   in two parts, n = round(v/pi) for cos and round(v/pi - 1/2) for sin (sin v = cos(v - pi/2)), then
   (-1)^n C(r^2), C PortableMath's half-turn cosine series by fused pair Horner; library cos, sin beyond
   |v| = 2^49 and for infinite or NaN v. Only correctly rounded operations, so the bits are Java's. */
#define NTK_ONE_OVER_PI 0.318309886183790671538
#define NTK_PI_HI 3.141592653589793
#define NTK_PI_LO 1.2246467991473532072e-16
#define NTK_ROUNDER 6755399441055744.0
#define NTK_TRIG_RANGE 562949953421312.0

DEVICE double ntk_half_turn(double r, double sh) {
    double s = r * r;
    double s2 = s * s;
    double p = fma(s2, 4.609007351301705e-14, fma(s, -1.1462904896895602e-11, 2.0876561960018132e-09));
    p = fma(p, s2, fma(s, -2.755731639353273e-07, 2.4801587277443918e-05));
    p = fma(p, s2, fma(s, -0.0013888888888773173, 0.04166666666666389));
    p = fma(p, s2, fma(s, -0.4999999999999997, 1.0));
    return AS_DOUBLE(AS_LONG(p) ^ (i64) ((u64) AS_LONG(sh) << 63));
}

DEVICE double ntk_cos(double v) {
    if (!(fabs(v) <= NTK_TRIG_RANGE)) {
        return cos(v);
    }
    double sh = fma(v, NTK_ONE_OVER_PI, NTK_ROUNDER);
    double n = sh - NTK_ROUNDER;
    return ntk_half_turn(fma(n, -NTK_PI_LO, fma(n, -NTK_PI_HI, v)), sh);
}

DEVICE double ntk_sin(double v) {
    if (!(fabs(v) <= NTK_TRIG_RANGE)) {
        return sin(v);
    }
    double sh = fma(v, NTK_ONE_OVER_PI, -0.5) + NTK_ROUNDER;
    double m = (sh - NTK_ROUNDER) + 0.5;
    return ntk_half_turn(fma(m, -NTK_PI_LO, fma(m, -NTK_PI_HI, v)), sh);
}
