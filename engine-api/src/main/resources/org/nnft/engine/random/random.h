/*
 * nnft random streams: bit-exact twins of org.nnft.engine.random.Philox4x32, RandomStreams and
 * PortableMath. Same constants, same operation order; change both sides together.
 * Needs the dialect prelude (typedefs, DEVICE, AS_LONG, U64C) and FP contraction off.
 */

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

/* Philox4x32-10: Philox4x32.block. */
DEVICE void philox4x32_10(u32 c0, u32 c1, u32 c2, u32 c3, u32 k0, u32 k1, u32* out)
{
    for (int r = 0; r < 10; r++) {
        if (r > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        u64 p0 = (u64) PHILOX_M0 * (u64) c0;
        u64 p1 = (u64) PHILOX_M1 * (u64) c2;
        u32 n0 = (u32) (p1 >> 32) ^ c1 ^ k0;
        u32 n1 = (u32) p1;
        u32 n2 = (u32) (p0 >> 32) ^ c3 ^ k1;
        u32 n3 = (u32) p0;
        c0 = n0;
        c1 = n1;
        c2 = n2;
        c3 = n3;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

/* RandomStreams.block: block `block` of stream `stream` under `seed`. */
DEVICE void rs_block(i64 seed, i64 stream, i64 block, u32* out)
{
    u64 b = (u64) block;
    u64 s = (u64) stream;
    u64 k = (u64) seed;
    philox4x32_10((u32) b, (u32) (b >> 32), (u32) s, (u32) (s >> 32), (u32) k, (u32) (k >> 32), out);
}

/* RandomStreams.toUniformFloat: (w >>> 8) * 2^-24, exact. */
DEVICE float rs_uniform_float(u32 w)
{
    return (float) (w >> 8) * (1.0f / 16777216.0f);
}

/* RandomStreams.toUniformDouble: ((wa >>> 5) 2^26 + (wb >>> 6)) 2^-53, exact. */
DEVICE double rs_uniform_double(u32 wa, u32 wb)
{
    return ((double) (wa >> 5) * 67108864.0 + (double) (wb >> 6)) * (1.0 / 9007199254740992.0);
}

/* RandomStreams.toOpenUnit: (w + 1/2) 2^-32, in (0, 1). */
DEVICE double rs_open_unit(u32 w)
{
    return ((double) w + 0.5) * (1.0 / 4294967296.0);
}

/* PortableMath.pairHorner for 8 and 9 coefficients: Horner in z^2 over coefficient pairs, in PortableMath's order. */
DEVICE double pm_pair_horner7(double z, double c0, double c1, double c2, double c3, double c4, double c5, double c6,
                              double c7)
{
    double z2 = z * z;
    double p = c7 * z + c6;
    p = p * z2 + (c5 * z + c4);
    p = p * z2 + (c3 * z + c2);
    p = p * z2 + (c1 * z + c0);
    return p;
}

DEVICE double pm_pair_horner8(double z, double c0, double c1, double c2, double c3, double c4, double c5, double c6,
                              double c7, double c8)
{
    double z2 = z * z;
    double p = c8;
    p = p * z2 + (c7 * z + c6);
    p = p * z2 + (c5 * z + c4);
    p = p * z2 + (c3 * z + c2);
    p = p * z2 + (c1 * z + c0);
    return p;
}

/* PortableMath.log: natural logarithm of a positive, finite, normal x. */
DEVICE double pm_log(double x)
{
    u64 bits = (u64) AS_LONG(x);
    int e = (int) ((bits >> 52) & 0x7FF) - 1023;
    double m = AS_DOUBLE((i64) ((bits & U64C(0x000FFFFFFFFFFFFF)) | U64C(0x3FF0000000000000)));
    if (m > 1.4142135623730951) {
        m = m * 0.5;
        e = e + 1;
    }
    double s = (m - 1.0) / (m + 1.0);
    double p = pm_pair_horner7(s * s, 1.0, 0.3333333333333367, 0.19999999999707338, 0.14285714371194005,
                               0.11111099286578859, 0.09091782163503512, 0.07657025269735923, 0.07397974873252054);
    double de = (double) e;
    return de * 6.93147180369123816490e-01 + (de * 1.90821492927058770002e-10 + 2.0 * s * p);
}

/* PortableMath.sincos2pi: sin (sine != 0) or cos of 2 pi t, t in [0, 1], as (-1)^n cos of 2 pi (u - n/2). */
DEVICE double pm_sincos2pi(double t, int sine)
{
    double u = sine ? t - 0.25 : t;
    double n = (2.0 * u + 6755399441055744.0) - 6755399441055744.0;
    double x = (u - n * 0.5) * 6.283185307179586;
    double c = pm_pair_horner8(x * x, 1.0, -0.4999999999999997, 0.04166666666666389, -0.0013888888888773173,
                               2.4801587277443918e-05, -2.755731639353273e-07, 2.0876561960018132e-09,
                               -1.1462904896895602e-11, 4.609007351301705e-14);
    return ((i64) n & 1) == 0 ? c : -c;
}

/* PortableMath.cos2pi. */
DEVICE double pm_cos2pi(double t)
{
    return pm_sincos2pi(t, 0);
}

/* PortableMath.sin2pi. */
DEVICE double pm_sin2pi(double t)
{
    return pm_sincos2pi(t, 1);
}

/* RandomStreams.branch: radius r times the branch's cosine or sine of the angle word. */
DEVICE double rs_box_muller_branch(double r, u32 w1, int sine)
{
    double t = rs_open_unit(w1);
    return r * (sine ? pm_sin2pi(t) : pm_cos2pi(t));
}

/* RandomStreams.radiusSquared: -2 log u of the radius word's open unit u. */
DEVICE double rs_radius_squared(u32 w0)
{
    return -2.0 * pm_log(rs_open_unit(w0));
}

/* RandomStreams.boxMuller: the cosine branch, or the sine branch when sine != 0. */
DEVICE double rs_box_muller(u32 w0, u32 w1, int sine)
{
    return rs_box_muller_branch(sqrt(rs_radius_squared(w0)), w1, sine);
}

/* RandomStreams.boxMuller with a precision: variance 1 / precision, inside the square root. */
DEVICE double rs_box_muller_precision(u32 w0, u32 w1, int sine, double precision)
{
    return rs_box_muller_branch(sqrt(rs_radius_squared(w0) / precision), w1, sine);
}

/* RandomStreams.word: 32-bit word `index` of the stream. */
DEVICE u32 rs_word(i64 seed, i64 stream, i64 index)
{
    u32 w[4];
    rs_block(seed, stream, (i64) ((u64) index >> 2), w);
    return w[index & 3];
}

/* RandomStreams.uniformFloat. */
DEVICE float rs_uniform_float_at(i64 seed, i64 stream, i64 index)
{
    return rs_uniform_float(rs_word(seed, stream, index));
}

/* RandomStreams.uniformDouble. */
DEVICE double rs_uniform_double_at(i64 seed, i64 stream, i64 index)
{
    u32 w[4];
    rs_block(seed, stream, (i64) ((u64) index >> 1), w);
    int p = (int) (index & 1) * 2;
    return rs_uniform_double(w[p], w[p + 1]);
}

/* RandomStreams.normal (float64). */
DEVICE double rs_normal_at(i64 seed, i64 stream, i64 index)
{
    u32 w[4];
    rs_block(seed, stream, (i64) ((u64) index >> 2), w);
    int p = (int) ((index >> 1) & 1) * 2;
    return rs_box_muller(w[p], w[p + 1], (int) (index & 1));
}
