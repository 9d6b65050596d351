package org.nnft.theory;

/**
 * Fast double-precision erf(x) (about 1e-15 absolute): Maclaurin series for |x| &lt; 2, continued
 * fraction for erfc beyond (evaluated by the modified Lentz method). Several times cheaper than
 * the incomplete-gamma route, which matters inside million-node quadratures.
 */
final class ErrorFunction {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private ErrorFunction() {
    }

    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 2) {
            double x2 = x * x, term = x, sum = x;
            for (int n = 1; n < 60; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return TWO_OVER_SQRT_PI * sum;
        }
        if (ax > 6) {
            return Math.signum(x);
        }
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) * continuedFraction(ax);
        return Math.signum(x) * (1 - erfc);
    }

    /** 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) = sqrt(pi) exp(x^2) erfc(x). */
    private static double continuedFraction(double x) {
        double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 200; n++) {
            double a = 0.5 * n;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / f;
    }
}
