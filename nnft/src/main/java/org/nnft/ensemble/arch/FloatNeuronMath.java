package org.nnft.ensemble.arch;

import org.nnft.engine.random.PortableFloat;

/**
 * The Cauchy momentum and the ball radius's root of {@link CosNetSingle#drawNeuron}, the same floats for less: the
 * reference rounds a {@link StrictMath} tangent or power (fdlibm in Java, not an intrinsic) to float; here a cheaper
 * double of the same value ({@link Math#tan}, {@link Math#cbrt}, square roots: each within 1 ulp, 2^-52 relative,
 * by their specifications) is rounded instead, after a check that the float rounding cannot tell the two apart.
 *
 * <p>The check: both doubles lie within 2^-49 (relative) of one exact value, so if the ends of the interval
 * {@code t (1 -+ 2^-46)} round to the same float f, so do both (float rounding is monotonic), and f is the
 * reference's. A t that close to a rounding boundary between floats (about 2^-21 of all draws) takes the reference.
 */
final class FloatNeuronMath {
    private static final double UP = 1.0 + 0x1p-46;
    private static final double DOWN = 1.0 - 0x1p-46;

    private FloatNeuronMath() {
    }

    /** {@link CosNetSingle#cauchy}{@code (m, w)} bit for bit: 1/tan(pi q) through {@link Math#tan}, checked. */
    static float cauchy(float m, int w) {
        double t = 1.0 / Math.tan(Math.PI * (double) PortableFloat.halfUnit(w));
        float f = (float) t;
        if ((float) (t * UP) != f || (float) (t * DOWN) != f) {
            return CosNetSingle.cauchy(m, w);
        }
        return m * (w < 0 ? f : -f);
    }

    /**
     * {@link CosNetSingle#root}{@code (w, dim)} bit for bit, dim in 2..4. d = 2: fdlibm's pow(x, 1/2) is sqrt(x)
     * (its special case), so this is the reference's own double: no check needed.
     * d = 4: two square roots (within 1.5 2^-53). d = 3: {@link Math#cbrt}; the reference's exponent 1.0/3 lies
     * 2^-54/3 below 1/3, which moves u^(1/3) by at most 4.2e-16 relative for the smallest open unit (|log u| < 23).
     */
    static float root(int w, int dim) {
        float u = PortableFloat.openUnit(w);
        if (dim == 2) {
            return (float) Math.sqrt(u);
        }
        double r = dim == 4 ? Math.sqrt(Math.sqrt(u)) : Math.cbrt(u);
        float f = (float) r;
        if ((float) (r * UP) != f || (float) (r * DOWN) != f) {
            return CosNetSingle.root(w, dim);
        }
        return f;
    }
}
