package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReflectionPositivityTest {

    private static final double[] TIMES = {0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5};

    @Test
    void exponentialPropagatorIsReflectionPositive() {
        double m = 0.8;
        // M_ij = e^{-m t_i} e^{-m t_j}/(2m) is rank one: lambda_min is zero up to rounding (~1e-16)
        assertTrue(ReflectionPositivity.isReflectionPositive(t -> Math.exp(-m * t) / (2 * m), TIMES, 1e-12));
        // a sum of exponentials (positive spectral weights) is also positive
        assertTrue(ReflectionPositivity.isReflectionPositive(t -> Math.exp(-t) + 0.3 * Math.exp(-3 * t), TIMES, 1e-12));
    }

    @Test
    void sharpCutoffPropagatorViolatesPositivity() {
        // G(t_i+t_j) = (1/pi) int_0^L [cos p t_i cos p t_j - sin p t_i sin p t_j]/(p^2+m^2): the sine part enters
        // with the wrong sign. Two times already give a negative eigenvalue of a few percent of the largest.
        CutoffPropagator sharp = new CutoffPropagator(1, 1.0, 5.0);
        double[] two = {0.5, 1.0};
        assertTrue(ReflectionPositivity.relativeSmallestEigenvalue(sharp::g, two) < -1e-2);
        assertFalse(ReflectionPositivity.isReflectionPositive(sharp::g, TIMES, 1e-6));
    }

    @Test
    void gaussianKernelViolatesPositivity() {
        // M = D exp(-t_i t_j) D with D = diag(exp(-t_i^2/2)); the 2x2 determinant
        // e^{-t1^2 - t2^2} - e^{-2 t1 t2} < 0 whenever t1 != t2.
        double[] two = {0.5, 1.5};
        assertTrue(ReflectionPositivity.relativeSmallestEigenvalue(t -> Math.exp(-t * t / 2), two) < -1e-2);
    }

    @Test
    void rejectsBadTimes() {
        assertThrows(IllegalArgumentException.class,
                () -> ReflectionPositivity.relativeSmallestEigenvalue(Math::exp, new double[] {0.5, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> ReflectionPositivity.isReflectionPositive(Math::exp, TIMES, -1));
    }
}
