package org.nnft.stats;

import java.util.SplittableRandom;

/** Standard normal deviates from a SplittableRandom by the Marsaglia polar method (tests only). */
final class Gaussian {

    private Gaussian() {
    }

    static double next(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
