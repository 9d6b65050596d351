package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import org.nnft.engine.random.PortableMath;

/**
 * cos and sin built from correctly rounded float64 operations and fused multiply-adds only, so that a scalar Java
 * body, its vector twin (one value per lane) and its C twin ({@code ntk_cos}, {@code ntk_sin} in portable_trig.c) give
 * the same bits (docs/ntk.md section 6): the cos-net empirical NTK's scalar body, its CPU fast path
 * ({@link CosNetNtkLanes}) and its kernel. The reduction is {@code VectorTrig}'s: {@code r = v - n pi} with
 * {@code n = round(v/pi)}, pi in two parts, fused multiply-adds; then {@code cos v = (-1)^n C(r^2)} with C
 * {@link PortableMath#halfTurnCosSeries} (minimax on |r| &lt;= pi/2). The sine is the cosine a quarter turn later,
 * {@code sin v = cos(v - pi/2) = (-1)^n C((v - (n + 1/2) pi)^2)} with {@code n = round(v/pi - 1/2)}, so no second
 * polynomial. Error absolute, below 2^-51 (not relative near the zeros), for |v| up to {@link #RANGE}; beyond it, and
 * for infinite or NaN v, the library functions ({@link Math#cos}, {@link Math#sin}) take over, in C {@code cos},
 * {@code sin}, which agree with Java's to a few ulp only.
 */
final class PortableTrig {
    /** |v| up to which the reduction holds (as {@code VectorTrig.REDUCED_RANGE}: n below 2^48). */
    static final double RANGE = 0x1p49;
    private static final double ONE_OVER_PI = 0.318309886183790671538;
    private static final double PI_HI = Math.PI;
    private static final double PI_LO = 1.2246467991473532072e-16;
    private static final double ROUNDER = PortableMath.ROUNDER;
    private static final double[] C = PortableMath.halfTurnCosSeries();

    private PortableTrig() {
    }

    /** cos v. */
    static double cos(double v) {
        if (!(Math.abs(v) <= RANGE)) {
            return Math.cos(v);
        }
        double sh = Math.fma(v, ONE_OVER_PI, ROUNDER);
        double n = sh - ROUNDER;
        return halfTurn(Math.fma(n, -PI_LO, Math.fma(n, -PI_HI, v)), sh);
    }

    /** sin v. */
    static double sin(double v) {
        if (!(Math.abs(v) <= RANGE)) {
            return Math.sin(v);
        }
        double sh = Math.fma(v, ONE_OVER_PI, -0.5) + ROUNDER;
        double m = (sh - ROUNDER) + 0.5;
        return halfTurn(Math.fma(m, -PI_LO, Math.fma(m, -PI_HI, v)), sh);
    }

    /**
     * {@code (-1)^n C(r^2)}, n the parity in bit 0 of {@code sh}: Horner in s^2 over coefficient pairs, fused,
     * {@code p = s^2 c8 + (s c7 + c6)}, then {@code p = p s^2 + (s c(k+1) + ck)} for k = 4, 2, 0.
     */
    private static double halfTurn(double r, double sh) {
        double s = r * r;
        double s2 = s * s;
        double p = Math.fma(s2, C[8], Math.fma(s, C[7], C[6]));
        for (int k = 4; k >= 0; k -= 2) {
            p = Math.fma(p, s2, Math.fma(s, C[k + 1], C[k]));
        }
        return Double.longBitsToDouble(Double.doubleToRawLongBits(p) ^ (Double.doubleToRawLongBits(sh) << 63));
    }

    /** {@link #cos} of every lane, for lanes within {@link #RANGE} (the caller checks; beyond it, wrong values). */
    static DoubleVector cos(DoubleVector v) {
        DoubleVector sh = v.fma(ONE_OVER_PI, ROUNDER);
        DoubleVector n = sh.sub(ROUNDER);
        return halfTurn(n.fma(v.broadcast(-PI_LO), n.fma(v.broadcast(-PI_HI), v)), sh);
    }

    /** {@link #sin} of every lane, for lanes within {@link #RANGE}. */
    static DoubleVector sin(DoubleVector v) {
        DoubleVector sh = v.fma(ONE_OVER_PI, -0.5).add(ROUNDER);
        DoubleVector m = sh.sub(ROUNDER).add(0.5);
        return halfTurn(m.fma(v.broadcast(-PI_LO), m.fma(v.broadcast(-PI_HI), v)), sh);
    }

    private static DoubleVector halfTurn(DoubleVector r, DoubleVector sh) {
        DoubleVector s = r.mul(r);
        DoubleVector s2 = s.mul(s);
        DoubleVector p = s2.fma(r.broadcast(C[8]), s.fma(C[7], C[6]));
        for (int k = 4; k >= 0; k -= 2) {
            p = p.fma(s2, s.fma(C[k + 1], C[k]));
        }
        return p.reinterpretAsLongs()
                .lanewise(VectorOperators.XOR, sh.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 63))
                .reinterpretAsDoubles();
    }
}
