package org.nnft.theory;

/**
 * Modified Bessel functions of the second kind K_0 and K_1 for x &gt; 0, from
 * K_nu(x) = int_0^inf exp(-x cosh t) cosh(nu t) dt by the trapezoidal rule in t, which converges
 * geometrically for this analytic, doubly-exponentially decaying integrand (step 0.05: relative
 * error near 1e-15 for 1e-3 &lt;= x &lt;= 700).
 */
public final class ModifiedBesselK {

    private static final double STEP = 0.05;

    private ModifiedBesselK() {
    }

    public static double k0(double x) {
        return k(0, x);
    }

    public static double k1(double x) {
        return k(1, x);
    }

    private static double k(int nu, double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("argument x must be positive and finite, got " + x);
        }
        // factor exp(-x) out so that large x does not underflow before the end
        double sum = 0.5;
        for (int j = 1; ; j++) {
            double t = j * STEP;
            double term = Math.exp(-x * (Math.cosh(t) - 1)) * Math.cosh(nu * t);
            sum += term;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        return STEP * sum * Math.exp(-x);
    }
}
